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

/** Minutes of the meeting that fall outside 08:00–21:00 in `zone` (a meeting may cross midnight). */
export function minutesOutsideDay(start: Date, durationMinutes: number, zone: string): number {
  const begin = minutesOfDay(start, zone);
  const end = begin + durationMinutes;
  let inside = 0;
  for (const offset of [0, 1440]) {
    inside += Math.max(0, Math.min(end, FAIR_END_MINUTES + offset) - Math.max(begin, FAIR_START_MINUTES + offset));
  }
  return durationMinutes - inside;
}

/** How unfair a time is: people outside their day first, then the total minutes they spend outside it. */
export function unfairness(start: Date, durationMinutes: number, zones: ZoneGroup[]): { people: number; minutes: number } {
  let people = 0;
  let minutes = 0;
  for (const group of zones) {
    const outside = minutesOutsideDay(start, durationMinutes, group.zone);
    if (outside > 0) people += group.people;
    minutes += outside * group.people;
  }
  return { people, minutes };
}

function isStrictlyFairer(a: { people: number; minutes: number }, b: { people: number; minutes: number }): boolean {
  return a.people < b.people || (a.people === b.people && a.minutes < b.minutes);
}

/**
 * A few start times on the same UTC day (every 30 minutes) that are strictly fairer than the
 * chosen one — fewer people outside their day, or as many but less time outside it in total —
 * the fairest first, then the closest. None when nothing that day is strictly fairer: a time
 * that only moves the burden to another region is a rotation (see seriesStarts), not "fairer".
 */
export function suggestFairTimes(start: Date, durationMinutes: number, zones: ZoneGroup[], count = 3): Date[] {
  const dayStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const current = unfairness(start, durationMinutes, zones);
  const candidates: Array<{ at: Date; score: { people: number; minutes: number }; distance: number }> = [];
  for (let slot = 0; slot < 48; slot++) {
    const at = new Date(dayStart + slot * 30 * 60_000);
    if (at.getTime() === start.getTime()) continue;
    const score = unfairness(at, durationMinutes, zones);
    if (isStrictlyFairer(score, current)) candidates.push({ at, score, distance: Math.abs(at.getTime() - start.getTime()) });
  }
  return candidates
    .sort((a, b) => a.score.people - b.score.people || a.score.minutes - b.score.minutes || a.distance - b.distance)
    .slice(0, count)
    .map((c) => c.at)
    .sort((a, b) => a.getTime() - b.getTime());
}

/** Outside these hours (07:00–22:00) a time is "at night" for someone: scheduling it needs an acknowledgement. */
export const NIGHT_END_MINUTES = 7 * 60;
export const NIGHT_START_MINUTES = 22 * 60;

/** Whether a meeting from `start` for `duration` minutes falls at night (outside 07:00–22:00) in `zone`. */
export function isAtNightIn(start: Date, durationMinutes: number, zone: string): boolean {
  const begin = minutesOfDay(start, zone);
  return begin < NIGHT_END_MINUTES || begin + durationMinutes > NIGHT_START_MINUTES;
}

/** The invitees' zones for which this time falls at night (outside 07:00–22:00). */
export function nightZones(start: Date, durationMinutes: number, zones: ZoneGroup[]): UnfairZone[] {
  return zones
    .filter((group) => isAtNightIn(start, durationMinutes, group.zone))
    .map((group) => {
      const begin = minutesOfDay(start, group.zone);
      return { ...group, localStart: hhmm(begin), localEnd: hhmm(begin + durationMinutes) };
    });
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
