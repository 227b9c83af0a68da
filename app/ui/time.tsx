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

export function LocalTime({ value, options }: { value: Date | string; options?: Intl.DateTimeFormatOptions }) {
  const reader = useReader();
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date, reader, options)}</time>;
}
