// Meeting times across the CoP's time zones: zoned wall-clock ↔ UTC, fair-hours checks,
// suggested fair slots and rotating series. Pure and browser-safe (Intl only).

/** Regions the CoP spans, shown beside every meeting time so members plan around each other. */
export const REFERENCE_ZONES = ["Africa/Nairobi", "Asia/Manila", "America/Bogota"] as const;

/** A meeting is fair for someone when it lies inside their 08:00–21:00. */
export const FAIR_START_MINUTES = 8 * 60;
export const FAIR_END_MINUTES = 21 * 60;
export const MAX_DURATION_MINUTES = 90;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock in `zone` at the instant `date`. */
export function wallClock(date: Date, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

function offsetMinutes(date: Date, zone: string): number {
  const w = wallClock(date, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC instant when the wall clock in `zone` shows `date` ("YYYY-MM-DD") at `time` ("HH:MM").
 * In a spring-forward gap the time does not exist; the instant one hour later is returned
 * (what a calendar does). In the autumn overlap the first occurrence is chosen.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(naive).getUTCDate() !== day) return null;
  // Two passes settle on the offset in force at the result (handles DST edges).
  const first = naive - offsetMinutes(new Date(naive), zone) * 60_000;
  const second = naive - offsetMinutes(new Date(first), zone) * 60_000;
  const candidate = Math.min(first, second);
  const check = wallClock(new Date(candidate), zone);
  if (check.hour === hour && check.minute === minute) return new Date(candidate);
  return new Date(Math.max(first, second));
}

/** "YYYY-MM-DD" and "HH:MM" of an instant in a zone (for form defaults). */
export function toZonedInputs(date: Date, zone: string): { date: string; time: string } {
  const w = wallClock(date, zone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

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

function minutesOfDay(date: Date, zone: string): number {
  const w = wallClock(date, zone);
  return w.hour * 60 + w.minute;
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
  const [y, m, d] = options.date.split("-").map(Number);
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i * REPEAT_DAYS[options.repeat]));
    const date = day.toISOString().slice(0, 10);
    const at = zonedToUtc(date, times[i % times.length], options.zone);
    if (at) starts.push(at);
  }
  return starts;
}
