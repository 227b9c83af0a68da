// The one piece of time-zone arithmetic applications need: an interview typed as wall-clock time
// in the organiser's zone, as the UTC instant to store.
import type { Language } from "~/infra/i18n";
import { isValidTimeZone } from "~/infra/time";

/** Wall-clock time in an IANA zone → the UTC instant. */
export function zonedTimeToUtc(localDateTime: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!match || !isValidTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - instant;
  };
  // Two passes settle the offset across a daylight-saving change.
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  const result = new Date(instant);
  return Number.isNaN(result.getTime()) ? null : result;
}

/** The instant for a mail: in the organiser's zone (named) and in UTC, in the reader's language. */
export function formatZonedForMail(at: Date, timeZone: string, language: Language): string {
  const locale = language === "fr" ? "fr-FR" : "en-GB";
  const zoned = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone }).format(at);
  const utc = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at);
  return `${zoned} (${timeZone}) — ${utc} UTC`;
}
