// Date formatting: stored in UTC, shown in the reader's zone and locale. Zone names and zone
// maths live in ./time-zones.

// Older callers; new code imports from ~/infra/time-zones.
export { isValidTimeZone, timeZoneIds as timeZones } from "./time-zones";

export interface Reader {
  locale: string;
  timeZone: string;
}

// Building an Intl.DateTimeFormat costs far more than using one, and a page formats dozens
// of dates for one reader: formatters are kept per locale, zone and options.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (formatters.size >= 500) formatters.clear(); // bounded: zones × locales × styles in use
    formatters.set(key, format);
  }
  return format;
}

export function formatDateTime(value: Date | string, reader: Reader, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  const date = new Date(value);
  try {
    return formatter(reader.locale, reader.timeZone, options).format(date);
  } catch (error) {
    // A browser whose zone data predates the member's zone name: UTC rather than a broken page.
    if (!(error instanceof RangeError)) throw error;
    return formatter(reader.locale, "UTC", options).format(date);
  }
}

export function formatDate(value: Date | string, reader: Reader): string {
  return formatDateTime(value, reader, { dateStyle: "long" });
}

/**
 * How far away a moment is, in words of the locale ("in 6 days", "dans 3 heures"): true in every
 * time zone, so a page can say it to a visitor whose zone the server does not know.
 */
export function formatTimeUntil(value: Date | string, locale: string, now = new Date()): string {
  const hours = Math.round((new Date(value).getTime() - now.getTime()) / 3_600_000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  return Math.abs(hours) < 48 ? format.format(hours, "hour") : format.format(Math.round(hours / 24), "day");
}
