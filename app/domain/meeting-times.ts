// Meeting times across the CoP's time zones: fair-hours checks, suggested fair slots and
// rotating series, on the zone maths of ~/infra/time-zones. Pure and browser-safe.
import { addDays, minutesOfDay, zonedToUtc } from "~/infra/time-zones";

/** Regions the CoP spans, shown beside every meeting time so members plan around each other. */
export const REFERENCE_ZONES = ["Africa/Nairobi", "Asia/Manila", "America/Bogota"] as const;

/** A meeting is fair for someone when it lies inside their 08:00–21:00. */
export const FAIR_START_MINUTES = 8 * 60;
export const FAIR_END_MINUTES = 21 * 60;
export const MAX_DURATION_MINUTES = 90;

// The zone maths itself lives in one place; these re-exports keep this module's older callers.
export { toZonedInputs, wallClock, zonedToUtc } from "~/infra/time-zones";

export interface ZoneGroup {
  zone: string;
  /** How many invitees live in this zone. */
  people: number;
}

export interface UnfairZone extends ZoneGroup {
  /** Local start and end, "HH:MM". */
  localStart: string;
  localEnd: string;
}

function hhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Whether a meeting from `start` for `duration` minutes lies inside 08:00–21:00 in `zone`. */
export function isFairIn(start: Date, durationMinutes: number, zone: string): boolean {
  const begin = minutesOfDay(start, zone);
  const end = begin + durationMinutes;
  return begin >= FAIR_START_MINUTES && end <= FAIR_END_MINUTES;
}

/** The invitees' zones for which this time falls outside their 08:00–21:00. */
export function unfairZones(start: Date, durationMinutes: number, zones: ZoneGroup[]): UnfairZone[] {
  return zones
    .filter((group) => !isFairIn(start, durationMinutes, group.zone))
    .map((group) => {
      const begin = minutesOfDay(start, group.zone);
      return { ...group, localStart: hhmm(begin), localEnd: hhmm(begin + durationMinutes) };
    });
}

/** People for whom the time is outside their day: the measure of unfairness. */
export function peopleOutsideDay(start: Date, durationMinutes: number, zones: ZoneGroup[]): number {
  return unfairZones(start, durationMinutes, zones).reduce((sum, group) => sum + group.people, 0);
}

/**
 * A few start times on the same UTC day (every 30 minutes) that are fair for the most invitees,
 * closest to the chosen time first. Returns at most `count` instants, excluding `start` itself,
 * and none when the chosen time is fairer than anything else that day.
 */
export function suggestFairTimes(start: Date, durationMinutes: number, zones: ZoneGroup[], count = 3): Date[] {
  const dayStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const candidates: Array<{ at: Date; outside: number; distance: number }> = [];
  for (let slot = 0; slot < 48; slot++) {
    const at = new Date(dayStart + slot * 30 * 60_000);
    if (at.getTime() === start.getTime()) continue;
    candidates.push({ at, outside: peopleOutsideDay(at, durationMinutes, zones), distance: Math.abs(at.getTime() - start.getTime()) });
  }
  const best = Math.min(...candidates.map((c) => c.outside));
  // The fairest times possible that day. When the chosen time is already among them, the others
  // burden different regions: the slots a rotating series can alternate between.
  const current = peopleOutsideDay(start, durationMinutes, zones);
  return candidates
    .filter((c) => c.outside === best && c.outside <= current)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map((c) => c.at)
    .sort((a, b) => a.getTime() - b.getTime());
}

export type Repeat = "none" | "weekly" | "fortnightly" | "four-weekly";
export const REPEATS: readonly Repeat[] = ["none", "weekly", "fortnightly", "four-weekly"];
const REPEAT_DAYS: Record<Repeat, number> = { none: 0, weekly: 7, fortnightly: 14, "four-weekly": 28 };

/**
 * Start instants of a series. The wall-clock time is kept in the organiser's zone across
 * daylight-saving changes. With `rotateTimes` ("HH:MM" in the organiser's zone), occurrence i
 * uses rotateTimes[i % n], so the same region is not always the one up at night.
 */
export function seriesStarts(options: {
  date: string;
  time: string;
  zone: string;
  repeat: Repeat;
  occurrences: number;
  rotateTimes?: string[];
}): Date[] {
  const times = options.rotateTimes?.length ? options.rotateTimes : [options.time];
  const count = options.repeat === "none" ? 1 : options.occurrences;
  const starts: Date[] = [];
  // An impossible first date (30 February) is refused, not rolled into March.
  if (!zonedToUtc(options.date, "00:00", "UTC")) return starts;
  for (let i = 0; i < count; i++) {
    const date = addDays(options.date, i * REPEAT_DAYS[options.repeat]);
    const at = zonedToUtc(date, times[i % times.length], options.zone);
    if (at) starts.push(at);
  }
  return starts;
}
