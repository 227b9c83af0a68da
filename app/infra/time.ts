// Time zones and date formatting: stored in UTC, shown in the reader's zone and locale.

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the runtime knows, for the settings picker. */
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export interface Reader {
  locale: string;
  timeZone: string;
}

export function formatDateTime(value: Date | string, reader: Reader, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return new Intl.DateTimeFormat(reader.locale, { ...options, timeZone: reader.timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string, reader: Reader): string {
  return formatDateTime(value, reader, { dateStyle: "long" });
}
