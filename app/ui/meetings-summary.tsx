// Meetings as other pages show them: next meetings, open action items, fresh publications.
import { useTranslation } from "react-i18next";
import { Link } from "~/ui/link";
import { localized } from "~/domain/bilingual";
import { MeetingTime } from "./meeting-time";
import { LocalTime } from "./time";

export interface MeetingsSummaryData {
  upcoming: Array<{ id: string; titleEn: string; titleFr: string; startsAt: Date | string; durationMinutes: number }>;
  actionItems: Array<{ id: string; meetingId: string; description: string; ownerName: string; dueDate: Date | string | null; meetingTitleEn: string; meetingTitleFr: string }>;
  notices: Array<{ id: string; meetingId: string; kind: string; version: number; titleEn: string; titleFr: string }>;
}

export function MeetingsSummary({ data, actionItemsHeading }: { data: MeetingsSummaryData; actionItemsHeading: "yours" | "group" }) {
  const { t, i18n } = useTranslation("meetings");
  const language = i18n.language;
  return (
    <div className="meetings-summary stack">
      {data.notices.length ? (
        <section className="callout" aria-labelledby="notices-heading">
          <h2 id="notices-heading">{t("notices.heading")}</h2>
          <ul className="plain-list">
            {data.notices.map((notice) => (
              <li key={notice.id}>
                <Link to={`/meetings/${notice.meetingId}/${notice.kind}`}>
                  {t(`notices.${notice.kind}`, { title: localized(notice, "title", language), version: notice.version })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="next-meetings-heading">
        <h2 id="next-meetings-heading">{t("home.upcoming")}</h2>
        {data.upcoming.length ? (
          <ul className="plain-list">
            {data.upcoming.map((meeting) => (
              <li key={meeting.id}>
                <Link to={`/meetings/${meeting.id}`}>{localized(meeting, "title", language)}</Link>
                <MeetingTime startsAt={meeting.startsAt} durationMinutes={meeting.durationMinutes} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("home.none")}</p>
        )}
        <p className="small"><Link to="/meetings">{t("home.all")}</Link></p>
      </section>
      {data.actionItems.length ? (
        <section className="panel" aria-labelledby="action-items-heading">
          <h2 id="action-items-heading">{t(`actions.${actionItemsHeading}`)}</h2>
          <ul className="plain-list">
            {data.actionItems.map((item) => (
              <li key={item.id}>
                {item.description}{" "}
                <span className="muted small">
                  {actionItemsHeading === "group" ? <>{t("actions.owner", { name: item.ownerName })} · </> : null}
                  {item.dueDate ? <>{t("actions.due")} <LocalTime value={item.dueDate} options={{ dateStyle: "medium" }} /> · </> : null}
                  <Link to={`/meetings/${item.meetingId}`}>{t("actions.fromMeeting", { meeting: localized(item, "meetingTitle", language) })}</Link>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
