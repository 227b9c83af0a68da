import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/meetings";
import { MEETING_KINDS } from "~/domain/meetings";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroupNames } from "~/domain/groups.server";
import { REFERENCE_ZONES } from "~/domain/meeting-times";
import { createCalendarFeed, hasCalendarFeed, listMeetings, revokeCalendarFeed } from "~/domain/meetings.server";
import { plenaryArchive, publishedKinds } from "~/domain/minutes.server";
import { memberGroupIds } from "~/domain/permissions";
import * as meetingPolicy from "~/domain/policies/meetings";
import { orRefused } from "~/web/results.server";
import { FormAlert, text } from "~/ui/forms";
import { MeetingTime } from "~/ui/meeting-time";
import { translatedTitle } from "~/ui/meta";
import { CopyField } from "~/ui/copy-field";
import { EmptyState, PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const url = new URL(request.url);
  const groups = await listGroupNames();
  const kind = url.searchParams.get("kind") ?? "";
  const groupSlug = url.searchParams.get("group") ?? "";
  const group = groups.find((g) => g.slug === groupSlug);
  const { upcoming, past } = orRefused(await listMeetings(user, { kind, groupId: group?.id }));
  const published = await publishedKinds([...upcoming, ...past].map((m) => m.id));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const present = (meeting: (typeof upcoming)[number]) => ({
    id: meeting.id,
    kind: meeting.kind,
    titleEn: meeting.titleEn,
    titleFr: meeting.titleFr,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    isCancelled: meeting.cancelledAt !== null,
    isInvited: meetingPolicy.isInvited(user, meeting),
    group: meeting.groupId ? groupById.get(meeting.groupId) ?? null : null,
    hasAgenda: published.get(meeting.id)?.has("agenda") ?? false,
    hasMinutes: published.get(meeting.id)?.has("minutes") ?? false,
  });
  return {
    filters: { kind, group: group?.slug ?? "" },
    groups,
    upcoming: upcoming.map(present),
    past: past.map(present),
    archive: await plenaryArchive(),
    canSchedule: meetingPolicy.allowScheduleAny(user, memberGroupIds(user)),
    hasFeed: await hasCalendarFeed(user.id),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "feed-create") {
    const token = await createCalendarFeed(user.id);
    return { intent, feedUrl: `${new URL(request.url).origin}/calendar/${token}.ics` };
  }
  if (intent === "feed-revoke") {
    await revokeCalendarFeed(user.id);
    return { intent, feedUrl: null };
  }
  return data({ intent, feedUrl: null }, { status: 400 });
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("meetings");
  const language = i18n.language;
  const { filters } = loaderData;
  const otherZones = [...REFERENCE_ZONES];

  const meetingCard = (meeting: (typeof loaderData.upcoming)[number]) => (
    <li key={meeting.id} className={`card meeting-card${meeting.isInvited ? " card--mine" : ""}`}>
      <h3>
        <Link to={`/meetings/${meeting.id}`}>{localized(meeting, "title", language)}</Link>
        <span className="tag">{t(`kind.${meeting.kind}`)}</span>
        {meeting.group ? <span className="tag tag--muted">{localized(meeting.group, "name", language)}</span> : null}
        {meeting.isCancelled ? <span className="tag tag--danger">{t("cancelled")}</span> : null}
      </h3>
      <MeetingTime startsAt={meeting.startsAt} durationMinutes={meeting.durationMinutes} otherZones={otherZones} />
      {meeting.hasAgenda || meeting.hasMinutes ? (
        <p className="row row--start small">
          {meeting.hasAgenda ? <Link to={`/meetings/${meeting.id}/agenda`}>{t("texts.agenda")}</Link> : null}
          {meeting.hasMinutes ? <Link to={`/meetings/${meeting.id}/minutes`}>{t("texts.minutes")}</Link> : null}
        </p>
      ) : null}
    </li>
  );

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")}>
        {loaderData.canSchedule ? (
          <p>
            <Link className="button button--primary" to="/meetings/new">{t("schedule.action")}</Link>
          </p>
        ) : null}
      </PageHeader>

      <Form method="get" className="inline-fields panel" aria-label={t("filters.label")}>
        <div className="field">
          <label htmlFor="filter-kind">{t("filters.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("filters.allKinds")}</option>
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>{t(`kind.${kind}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t("filters.group")}</label>
          <select id="filter-group" name="group" defaultValue={filters.group}>
            <option value="">{t("filters.allGroups")}</option>
            {loaderData.groups.map((group) => (
              <option key={group.slug} value={group.slug}>{localized(group, "name", language)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">{t("filters.apply")}</button>
      </Form>

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("upcoming")}</h2>
        {loaderData.upcoming.length ? <ul className="card-list meeting-list">{loaderData.upcoming.map(meetingCard)}</ul> : <EmptyState title={t("empty.title")} body={t("empty.body")} />}
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("past")}</h2>
        {loaderData.past.length ? <ul className="card-list meeting-list">{loaderData.past.map(meetingCard)}</ul> : <p className="muted">{t("noPast")}</p>}
      </section>

      <section className="panel" aria-labelledby="archive-heading">
        <h2 id="archive-heading">{t("archive.heading")}</h2>
        <p className="muted">{t("archive.lead")}</p>
        {loaderData.archive.length ? (
          <ul className="plain-list">
            {loaderData.archive.map((meeting) => (
              <li key={meeting.id}>
                <LocalTime value={meeting.startsAt} options={{ month: "long", year: "numeric" }} /> — {localized(meeting, "title", language)}{" "}
                <span className="row row--start small">
                  <Link to={`/meetings/${meeting.id}/minutes?lang=en`} hrefLang="en">{t("archive.readIn.en")}</Link>
                  <Link to={`/meetings/${meeting.id}/minutes?lang=fr`} hrefLang="fr">{t("archive.readIn.fr")}</Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("archive.empty")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="feed-heading">
        <h2 id="feed-heading">{t("feed.heading")}</h2>
        <p className="muted">{t("feed.lead")}</p>
        {actionData?.feedUrl ? (
          <>
            <FormAlert focus tone="success" message="meetings:feed.created" />
            <CopyField id="feed-url" label={t("feed.url")} value={actionData.feedUrl} copyLabel={t("feed.copy")} copiedLabel={t("feed.copied")} />
            <p>
              <a className="button" href={actionData.feedUrl.replace(/^https?:/, "webcal:")}>{t("feed.subscribe")}</a>
            </p>
            <p className="small muted">{t("feed.subscribeHint")}</p>
          </>
        ) : null}
        {actionData?.intent === "feed-revoke" ? <FormAlert focus tone="success" message="meetings:feed.revoked" /> : null}
        <div className="row row--start">
          <Form method="post">
            <input type="hidden" name="intent" value="feed-create" />
            <button type="submit" className="button">{loaderData.hasFeed ? t("feed.replace") : t("feed.create")}</button>
          </Form>
          {loaderData.hasFeed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="feed-revoke" />
              <button type="submit" className="button button--danger">{t("feed.revoke")}</button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "meetings", "title") }];
