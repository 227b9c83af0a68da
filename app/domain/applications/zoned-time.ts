// Interview times: typed as wall-clock time in the organiser's zone, stored as the UTC instant,
// and written into mail in both the organiser's zone and UTC. The zone maths is ~/infra/time-zones.
import type { Language } from "~/infra/i18n";
import { zonedToUtc } from "~/infra/time-zones";

/** "YYYY-MM-DDTHH:MM" (a datetime-local field) in an IANA zone → the UTC instant. */
export function zonedTimeToUtc(localDateTime: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(localDateTime);
  return match ? zonedToUtc(match[1], match[2], timeZone) : null;
}

/** The instant for a mail: in the organiser's zone (named) and in UTC, in the reader's language. */
export function formatZonedForMail(at: Date, timeZone: string, language: Language): string {
  const locale = language === "fr" ? "fr-FR" : "en-GB";
  const zoned = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone }).format(at);
  const utc = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at);
  return `${zoned} (${timeZone}) — ${utc} UTC`;
}
