// Dates and times in the reader's language and time zone (from their settings).
import { useRouteLoaderData } from "react-router";
import { formatDateTime, type Reader } from "~/infra/time";

export function localeTag(language: string): string {
  // en-GB: 24-hour clock and day-month order, the least ambiguous English for a global CoP.
  return language === "fr" ? "fr-FR" : "en-GB";
}

export function useReader(): Reader {
  const root = useRouteLoaderData("root") as { language: string; timeZone: string } | undefined;
  return { locale: localeTag(root?.language ?? "en"), timeZone: root?.timeZone ?? "UTC" };
}

/** `timeZone` overrides the reader's settings: a visitor without an account has none but their device's. */
export function LocalTime({ value, options, timeZone }: { value: Date | string; options?: Intl.DateTimeFormatOptions; timeZone?: string }) {
  const settings = useReader();
  const reader = timeZone ? { ...settings, timeZone } : settings;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date, reader, options)}</time>;
}

/** When a link stops working: day and time, with the zone named (the reader may be elsewhere). */
export const EXPIRY_FORMAT: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
