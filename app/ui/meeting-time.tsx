// A meeting's time in the reader's zone and locale, with the same moment in the other regions
// of the CoP, so a member in Nairobi, one in Manila and one in Bogotá can plan around each other.
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/infra/time";
import { useReader } from "./time";

export function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

export function MeetingTime({ startsAt, durationMinutes, otherZones = [] }: { startsAt: Date | string; durationMinutes: number; otherZones?: string[] }) {
  const { t } = useTranslation("meetings");
  const reader = useReader();
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const zones = otherZones.filter((zone) => zone !== reader.timeZone);
  return (
    <div className="meeting-time">
      <p className="meeting-time__main">
        <time dateTime={start.toISOString()}>{formatDateTime(start, reader, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" })}</time>
        {"–"}
        <time dateTime={end.toISOString()}>{formatDateTime(end, reader, { hour: "2-digit", minute: "2-digit" })}</time>{" "}
        <span className="muted small">({t("time.yourZone", { zone: zoneCity(reader.timeZone) })})</span>
      </p>
      {zones.length ? (
        <p className="meeting-time__others small">
          <span className="muted">{t("time.elsewhere")} </span>
          {zones.map((zone, index) => (
            <span key={zone}>
              {index > 0 ? " · " : null}
              {zoneCity(zone)} {formatDateTime(start, { locale: reader.locale, timeZone: zone }, { weekday: "short", hour: "2-digit", minute: "2-digit" })}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
