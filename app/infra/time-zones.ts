// Time zones: canonical IANA names, the zone picker's choices, and wall clock ↔ instant maths,
// all on @date-fns/tz. The runtime's own zone list (Intl) holds old aliases (Asia/Calcutta,
// Europe/Kiev), so names come from CLDR's zone table and Intl only confirms the runtime can use
// them. The CLDR table is read on first use, so browser code that imports only the maths does
// not ship it.
import { TZDate, tzOffset } from "@date-fns/tz";
import cldrZones from "cldr-bcp47/bcp47/timezone.json";

export const UTC = "UTC";

// ---------------------------------------------------------------------------------------------
// Canonical names

interface CldrZone {
  _alias?: string;
  _iana?: string;
  _deprecated?: boolean;
}

interface ZoneEntry {
  id: string;
  /** CLDR's key; its first two letters are the ISO country code for ordinary keys. */
  key: string;
  /** Every other name that means this zone (old spellings, links). */
  aliases: string[];
}

// Long keys whose first two letters are not their country.
const KEY_COUNTRY: Record<string, string | null> = { gazastrp: "PS", hebron: "PS", jeruslm: "IL", gmt: null, utc: null, unk: null };

let table: { byName: Map<string, string>; entries: Map<string, ZoneEntry> } | null = null;

function zoneTable() {
  if (table) return table;
  const byName = new Map<string, string>();
  const entries = new Map<string, ZoneEntry>();
  const zones = (cldrZones as unknown as { keyword: { u: { tz: Record<string, CldrZone | string> } } }).keyword.u.tz;
  for (const [key, zone] of Object.entries(zones)) {
    if (typeof zone !== "object" || zone._deprecated || !zone._alias) continue;
    const names = zone._alias.split(" ");
    // CLDR keeps its first alias stable even when IANA renames a zone; _iana is the current name.
    // For UTC (and GMT, the same clock), ECMA-402 and the stored data both say "UTC".
    const id = key === "utc" || key === "gmt" ? UTC : (zone._iana ?? names[0]);
    if (id === "Etc/Unknown") continue;
    const aliases = [...(entries.get(id)?.aliases ?? []), ...names.filter((name) => name !== id)];
    entries.set(id, { id, key: id === UTC ? "utc" : key, aliases });
    for (const name of [id, ...names]) byName.set(name.toLowerCase(), id);
  }
  table = { byName, entries };
  return table;
}

const usable = new Map<string, boolean>();
/** Whether this runtime's Intl can compute times in the zone. */
function runtimeKnows(zone: string): boolean {
  let known = usable.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    usable.set(zone, known);
  }
  return known;
}

// IANA names: letters, digits, "_", "-", "+" in "/"-separated parts. Offsets ("+05:00") are not names.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The current IANA name for a zone name or any of its aliases (any case): "Asia/Calcutta" →
 * "Asia/Kolkata", "etc/utc" → "UTC". Null when it is not a zone this runtime can use.
 */
export function canonicalTimeZone(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64 || !ZONE_NAME.test(trimmed)) return null;
  const { byName } = zoneTable();
  const known = byName.get(trimmed.toLowerCase());
  if (known) return runtimeKnows(known) ? known : null;
  // A zone newer than CLDR's table: take the runtime's spelling, itself perhaps an alias.
  if (!runtimeKnows(trimmed)) return null;
  const resolved = new Intl.DateTimeFormat("en", { timeZone: trimmed }).resolvedOptions().timeZone;
  return byName.get(resolved.toLowerCase()) ?? resolved;
}

export function isValidTimeZone(name: unknown): boolean {
  return canonicalTimeZone(name) !== null;
}

/** A stored zone ready for maths and display: its canonical name, or UTC when it has none. */
export function zoneOrUtc(name: string | null | undefined): string {
  return canonicalTimeZone(name) ?? UTC;
}

// The picker offers places; fixed offsets (Etc/GMT+3, sign inverted) confuse more than they help.
function isPlace(id: string): boolean {
  return id === UTC || (id.includes("/") && !id.startsWith("Etc/"));
}

/** Canonical names of every place the picker offers, UTC first. */
export function timeZoneIds(): string[] {
  const ids = [...zoneTable().entries.keys()].filter((id) => isPlace(id) && runtimeKnows(id));
  return [UTC, ...ids.filter((id) => id !== UTC).sort()];
}

// ---------------------------------------------------------------------------------------------
// The picker

export const TIME_ZONE_REGIONS = ["utc", "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "other"] as const;
export type TimeZoneRegion = (typeof TIME_ZONE_REGIONS)[number];

export interface TimeZoneChoice {
  /** The canonical IANA name: the option's value. */
  id: string;
  /** "Kathmandu, Nepal (UTC+05:45)", country and zone names in the reader's language. */
  label: string;
  /** "UTC+05:45" now. */
  offset: string;
  /** Words a filter should also match: old names, the zone's name ("Central European Time"). */
  keywords: string;
}

export interface TimeZoneGroup {
  /** A key of `TIME_ZONE_REGIONS`; its heading is translated by the page. */
  region: TimeZoneRegion;
  zones: TimeZoneChoice[];
}

/** "UTC+05:45", "UTC−03:00" (a true minus sign), "UTC+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(Math.round(minutes));
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function cityOf(id: string): string {
  const parts = id.split("/").map((part) => part.replace(/_/g, " "));
  // America/Indiana/Knox → "Knox (Indiana)"; America/Argentina/Salta → "Salta (Argentina)".
  return parts.length > 2 ? `${parts[parts.length - 1]} (${parts[parts.length - 2]})` : parts[parts.length - 1];
}

function countryOf(entry: ZoneEntry): string | null {
  if (entry.key in KEY_COUNTRY) return KEY_COUNTRY[entry.key];
  return /^[a-z]{5,}$/.test(entry.key) ? entry.key.slice(0, 2).toUpperCase() : null;
}

function zoneName(zone: string, locale: string, at: Date, style: "long" | "longGeneric"): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === "timeZoneName");
    return part?.value ?? "";
  } catch {
    return "";
  }
}

// Case, accents and the true minus sign aside: "kyiv", "Kyïv", "utc-3" all find what they mean.
const fold = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "").replace(/−/g, "-").toLowerCase();

/** Search words that are not already in the label or the name, each once. */
function keywordsOf(label: string, id: string, extra: string[]): string {
  const seen = new Set(fold(`${label} ${id.replace(/_/g, " ")}`).split(/[\s,()]+/));
  const words: string[] = [];
  for (const word of fold(extra.join(" ")).split(/[\s,()]+/)) {
    if (word && !seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words.join(" ");
}

interface Place {
  id: string;
  region: TimeZoneRegion;
  /** "Kathmandu, Nepal": the label without its offset. */
  place: string;
  /** Search words beyond the label. */
  extra: string[];
}

// What does not change with the clock, per locale: building it costs a formatter per zone.
const placesByLocale = new Map<string, Place[]>();
function placesFor(locale: string): Place[] {
  let places = placesByLocale.get(locale);
  if (places) return places;
  const { entries } = zoneTable();
  const regionNames = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
  const englishNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const at = new Date(0);
  places = timeZoneIds().map((id): Place => {
    const entry = entries.get(id)!;
    if (id === UTC) {
      const name = zoneName(id, locale, at, "long");
      return { id, region: "utc", place: name ? `${name.charAt(0).toLocaleUpperCase(locale)}${name.slice(1)}` : UTC, extra: ["UTC", "GMT", ...entry.aliases] };
    }
    const code = countryOf(entry);
    const country = code ? regionNames.of(code) : undefined;
    const english = code ? englishNames.of(code) : undefined;
    const city = cityOf(id);
    // Singapore, Panama, Andorra…: the country alone says it.
    const place = !country ? city : fold(city) === fold(english ?? "") || fold(city) === fold(country) ? country : `${city}, ${country}`;
    return { id, region: id.split("/")[0] as TimeZoneRegion, place, extra: [...entry.aliases, english ?? "", zoneName(id, locale, at, "longGeneric")] };
  });
  placesByLocale.set(locale, places);
  return places;
}

// Offsets change only on quarter hours (UTC), so choices computed for one quarter hold for all of it.
const QUARTER_MS = 15 * 60_000;
const choicesCache = new Map<string, TimeZoneGroup[]>();

/**
 * The zone picker: canonical names grouped by region, labelled in `locale` with their offset
 * now, sorted by label. `keep` (a stored zone) is always offered, in "other" when the list lacks
 * it, so a form never silently swaps it for the first option.
 */
export function timeZoneChoices(locale: string, options: { now?: Date; keep?: string | null } = {}): TimeZoneGroup[] {
  const quarter = new Date(Math.floor((options.now ?? new Date()).getTime() / QUARTER_MS) * QUARTER_MS);
  const cacheKey = `${locale} ${quarter.getTime()}`;
  let groups = choicesCache.get(cacheKey);
  if (!groups) {
    const byRegion = new Map<TimeZoneRegion, TimeZoneChoice[]>();
    for (const { id, region, place, extra } of placesFor(locale)) {
      const offset = formatOffset(tzOffset(id, quarter));
      const label = region === "utc" ? `${place} (${UTC})` : `${place} (${offset})`;
      byRegion.set(region, [...(byRegion.get(region) ?? []), { id, label, offset, keywords: keywordsOf(label, id, [offset, ...extra]) }]);
    }
    const collator = new Intl.Collator(locale);
    groups = TIME_ZONE_REGIONS.filter((region) => byRegion.has(region)).map((region) => ({
      region,
      zones: byRegion.get(region)!.sort((a, b) => collator.compare(a.label, b.label)),
    }));
    if (choicesCache.size > 8) choicesCache.clear();
    choicesCache.set(cacheKey, groups);
  }

  const keep = options.keep?.trim();
  if (!keep) return groups;
  const id = canonicalTimeZone(keep) ?? keep;
  if (groups.some((group) => group.zones.some((zone) => zone.id === id))) return groups;
  const offset = runtimeKnows(id) ? formatOffset(tzOffset(id, quarter)) : "";
  const kept: TimeZoneChoice = { id, label: offset ? `${id.replace(/_/g, " ")} (${offset})` : id, offset, keywords: "" };
  return [...groups, { region: "other", zones: [kept] }];
}

/** Whether a choice matches what someone typed in the picker's filter (case and accents aside). */
export function matchesTimeZone(choice: Pick<TimeZoneChoice, "id" | "label" | "keywords">, query: string): boolean {
  // "GMT+3" means what the labels call "UTC+03:00".
  const words = fold(query).replace(/\bgmt(?=[+-]|\b)/g, "utc").split(/[\s,]+/).filter(Boolean);
  const haystack = `${fold(choice.label)} ${fold(choice.id.replace(/_/g, " "))} ${choice.keywords}`;
  return words.every((word) => haystack.includes(word));
}

// ---------------------------------------------------------------------------------------------
// Wall clock ↔ instant

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Minutes east of UTC in `zone` at the instant `at` (Kathmandu: 345). */
export function offsetMinutes(zone: string, at: Date): number {
  return tzOffset(zone, at);
}

/** The wall clock in `zone` at the instant `date`. */
export function wallClock(date: Date, zone: string): WallClock {
  const zoned = new TZDate(date.getTime(), zone);
  return { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate(), hour: zoned.getHours(), minute: zoned.getMinutes() };
}

/** Minutes after local midnight in `zone` at `date`. */
export function minutesOfDay(date: Date, zone: string): number {
  const { hour, minute } = wallClock(date, zone);
  return hour * 60 + minute;
}

const HOUR_MS = 3_600_000;

/**
 * The UTC instant when the wall clock in `zone` shows `date` ("YYYY-MM-DD") at `time` ("HH:MM").
 * In a spring-forward gap the time does not exist; the instant as far after it as the gap is long
 * is returned (02:30 → 03:30, what a calendar does). In the autumn overlap the first occurrence
 * is chosen. Null for impossible dates and times.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(naive).getUTCDate() !== day) return null;
  // Every offset in force within a day of this wall clock; those that give it back are the
  // instants it names (two in an overlap, none in a gap).
  const offsets = new Set([-14, -7, 0, 7, 14].map((hours) => tzOffset(zone, new Date(naive + hours * HOUR_MS))));
  if ([...offsets].some(Number.isNaN)) return null;
  const matching = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => {
      const w = wallClock(new Date(instant), zone);
      return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
    });
  if (matching.length) return new Date(Math.min(...matching));
  const shifted = new TZDate(year, month - 1, day, hour, minute, zone);
  return Number.isNaN(shifted.getTime()) ? null : new Date(shifted.getTime());
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" and "HH:MM" of an instant in a zone (for form defaults). */
export function toZonedInputs(date: Date, zone: string): { date: string; time: string } {
  const w = wallClock(date, zone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** A calendar date ("YYYY-MM-DD") `days` later; no zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first instant of a calendar date in `zone` (01:00 where midnight falls in a DST gap). */
export function startOfDayIn(date: string, zone: string): Date | null {
  return zonedToUtc(date, "00:00", zone);
}

/** The last millisecond of a calendar date in `zone`: "until 3 May (included)" ends here. */
export function endOfDayIn(date: string, zone: string): Date | null {
  if (!zonedToUtc(date, "00:00", zone)) return null;
  const next = startOfDayIn(addDays(date, 1), zone);
  return next ? new Date(next.getTime() - 1) : null;
}
