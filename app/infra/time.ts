// Date formatting: stored in UTC, shown in the reader's zone and locale. Zone names and zone
// maths live in ./time-zones.

// Older callers; new code imports from ~/infra/time-zones.
export { isValidTimeZone, timeZoneIds as timeZones } from "./time-zones";

export interface Reader {
  locale: string;
  timeZone: string;
}

export function formatDateTime(value: Date | string, reader: Reader, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  const date = new Date(value);
  try {
    return new Intl.DateTimeFormat(reader.locale, { ...options, timeZone: reader.timeZone }).format(date);
  } catch (error) {
    // A browser whose zone data predates the member's zone name: UTC rather than a broken page.
    if (!(error instanceof RangeError)) throw error;
    return new Intl.DateTimeFormat(reader.locale, { ...options, timeZone: "UTC" }).format(date);
  }
}

export function formatDate(value: Date | string, reader: Reader): string {
  return formatDateTime(value, reader, { dateStyle: "long" });
}
