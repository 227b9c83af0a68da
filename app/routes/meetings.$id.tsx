import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/meetings.$id";
import { RSVPS } from "~/domain/meetings";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroupNames } from "~/domain/groups.server";
import { REFERENCE_ZONES } from "~/domain/meeting-times";
import {
  attendanceFor,
  cancelMeeting,
  recordAttendance,
  seriesNightCounts,
  setRsvp,
  zoneGroups,
} from "~/domain/meetings.server";
import { getMeetingRow, listInvitees } from "~/domain/meeting-rows.server";
import {
  actionItemsForMeeting,
  addActionItem,
  latestVersion,
  meetingTextAccess,
  setActionItemDone,
  TEXT_KINDS,
} from "~/domain/minutes.server";
import { markMeetingNoticesRead, mayUndoCancel, restoreMeeting } from "~/domain/meeting-changes.server";
import * as meetingPolicy from "~/domain/policies/meetings";
import { refuse, type Refusal, type Result } from "~/domain/result";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { MeetingTime } from "~/ui/meeting-time";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { decisionsForMeeting } from "~/domain/decisions/decisions.server";
import * as decisionPolicy from "~/domain/policies/decisions";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const meeting = orNotFound(await getMeetingRow(params.id));
  const organiser = meetingPolicy.allow(user, "organise", meeting);
  const [invitees, attendance, groups, actionItems] = await Promise.all([
    listInvitees(meeting),
    attendanceFor(meeting.id),
    listGroupNames(),
    actionItemsForMeeting(meeting.id),
  ]);
  const byUser = new Map(attendance.map((a) => [a.userId, a]));
  const unreadAfterMarking = await markMeetingNoticesRead(user.id, meeting.id);
  const zones = zoneGroups(invitees).map((z) => z.zone);
  const otherZones = [...new Set([...REFERENCE_ZONES, meeting.organiserTimeZone, ...zones])].filter((z) => z !== "UTC").slice(0, 8);
  const texts = await Promise.all(
    TEXT_KINDS.map(async (kind) => {
      const latest = await latestVersion(meeting.id, kind);
      return { kind, published: latest ? { number: latest.number, publishedAt: latest.publishedAt } : null, access: await meetingTextAccess(user, meeting.id, kind) };
    }),
  );
  // Over a series: night counts only for the invitees this page already names to the reader
  // (an organiser sees everyone; anyone else, just themselves).
  const namedInvitees = organiser ? invitees : invitees.filter((i) => i.id === user.id);
  const seriesNights = namedInvitees.length ? await seriesNightCounts(meeting.id, namedInvitees) : null;
  const counts = Object.fromEntries(RSVPS.map((answer) => [answer, attendance.filter((a) => a.rsvp === answer && invitees.some((i) => i.id === a.userId)).length]));
  return {
    meeting: {
      id: meeting.id,
      kind: meeting.kind,
      titleEn: meeting.titleEn,
      titleFr: meeting.titleFr,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      organiserTimeZone: meeting.organiserTimeZone,
      callUrl: meeting.callUrl,
      audience: meeting.audience,
      isCancelled: meeting.cancelledAt !== null,
      // The organiser may undo a cancellation for a while (a day).
      mayUndo: organiser && mayUndoCancel(meeting),
      hasStarted: meeting.startsAt.getTime() <= Date.now(),
    },
    group: groups.find((g) => g.id === meeting.groupId) ?? null,
    otherZones,
    isOrganiser: organiser,
    isInvited: meetingPolicy.isInvited(user, meeting),
    myRsvp: byUser.get(user.id)?.rsvp ?? null,
    counts,
    inviteeCount: invitees.length,
    // Names and answers are shown to organisers, who need them to run the meeting.
    invitees: organiser ? invitees.map((i) => ({ id: i.id, displayName: i.displayName, rsvp: byUser.get(i.id)?.rsvp ?? null, attended: byUser.get(i.id)?.attended ?? null })) : [],
    seriesNights: seriesNights
      ? { meetings: seriesNights.meetings, people: namedInvitees.map((i) => ({ id: i.id, displayName: i.displayName, isViewer: i.id === user.id, outside: seriesNights.counts.get(i.id) ?? 0 })) }
      : null,
    texts,
    actionItems: actionItems.map((item) => ({ ...item, canToggle: organiser || item.ownerId === user.id })),
    viewerId: user.id,
    decisions: await decisionsForMeeting(user, meeting.id),
    /** After this meeting's notices were read: the app shell's badge shows this, not the count read beside it. */
    unreadNotifications: unreadAfterMarking,
    // Proposals raised in this meeting start from its space's decisions page.
    proposeHref:
      !meeting.cancelledAt && decisionPolicy.allowPropose(user, meeting.groupId)
        ? `${groups.find((g) => g.id === meeting.groupId) ? `/groups/${groups.find((g) => g.id === meeting.groupId)!.slug}` : "/community"}/decisions/new?kind=proposal&meeting=${meeting.id}`
        : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const meeting = orNotFound(await getMeetingRow(params.id));
  const form = await request.formData();
  const intent = text(form, "intent");
  const fail = (fieldErrors: Record<string, string>, values: Record<string, string> = {}) => data({ intent, ok: false, fieldErrors, values }, { status: 400 });
  const refused = (refusal: Refusal, values: Record<string, string> = {}) =>
    data({ intent, ok: false, fieldErrors: refusal.fieldErrors ?? { form: refusal.error }, values }, { status: refusal.status });
  const answer = (result: Result) =>
    result.ok ? { intent, ok: true, fieldErrors: {}, values: {} } : data({ intent, ok: false, fieldErrors: { form: result.error }, values: {} }, { status: result.status });
  switch (intent) {
    case "rsvp":
      return answer(await setRsvp(user, meeting.id, text(form, "rsvp")));
    case "attendance":
      return answer(await recordAttendance(user, meeting.id, form.getAll("present").map(String)));
    case "cancel":
      // Without JavaScript too: the first press shows a confirmation step, the second cancels.
      if (text(form, "confirm") !== "yes") {
        if (!meetingPolicy.allow(user, "organise", meeting)) return answer(refuse.forbidden());
        return { intent: "cancel-confirm", ok: true, fieldErrors: {}, values: {} };
      }
      return answer(await cancelMeeting(user, meeting.id));
    case "restore":
      return answer(await restoreMeeting(user, meeting.id));
    case "action-add": {
      const values = { description: text(form, "description"), ownerId: text(form, "ownerId"), dueDate: text(form, "dueDate") };
      const result = await addActionItem(user, meeting.id, values);
      return result.ok ? { intent, ok: true, fieldErrors: {}, values: {} } : refused(result, values);
    }
    case "action-done":
    case "action-reopen": {
      const result = await setActionItemDone(user, meeting.id, text(form, "itemId"), intent === "action-done");
      return result.ok ? { intent, ok: true, fieldErrors: {}, values: {} } : refused(result);
    }
    default:
      return fail({ form: "common:errors.invalidValue" });
  }
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("meetings");
  const language = i18n.language;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { meeting } = loaderData;
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const actionValues = (actionData?.values ?? {}) as Record<string, string | undefined>;
  const errorFor = (intent: string) => (actionData?.intent === intent ? errors : {});

  return (
    <>
      <PageHeader title={localized(meeting, "title", language)}>
        <p>
          <span className="tag">{t(`kind.${meeting.kind}`)}</span>
          {loaderData.group ? <span className="tag tag--muted">{localized(loaderData.group, "name", language)}</span> : null}
          <span className="tag tag--muted">{t(`audience.${meeting.audience}`)}</span>
          {meeting.isCancelled ? <span className="tag tag--danger">{t("cancelled")}</span> : null}
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="when-heading">
        <h2 id="when-heading">{t("detail.when")}</h2>
        <MeetingTime startsAt={meeting.startsAt} durationMinutes={meeting.durationMinutes} otherZones={loaderData.otherZones} />
        {meeting.callUrl && !meeting.isCancelled ? (
          <p>
            <a className="button button--primary" href={meeting.callUrl} rel="noopener noreferrer" target="_blank">{t("detail.join")}</a>
          </p>
        ) : null}
        <p className="row row--start small">
          <a href={`/meetings/${meeting.id}/ics`} download>{t("detail.ics")}</a>
          <Link to="/meetings#feed-heading">{t("detail.feed")}</Link>
          {loaderData.isOrganiser && !meeting.isCancelled ? <Link to={`/meetings/${meeting.id}/edit`}>{t("detail.edit")}</Link> : null}
        </p>
        {actionData?.intent === "cancel" && actionData.ok ? <FormAlert focus tone="success" message="meetings:detail.cancelledNow" /> : null}
        {actionData?.intent === "restore" && actionData.ok ? <FormAlert focus tone="success" message="meetings:cancel.restored" /> : null}
        <FormAlert focus message={errorFor("restore").form ?? errorFor("cancel").form} />
        {meeting.isCancelled && meeting.mayUndo ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="restore" />
            <p className="small">{t("cancel.undoHint")}</p>
            <button type="submit" className="button">{t("cancel.undo")}</button>
          </Form>
        ) : null}
        {loaderData.seriesNights ? (
          <div className="series-nights">
            <h3 id="series-nights-heading">{t("series.nightsHeading")}</h3>
            <div className="table-scroll"><table className="table small" aria-labelledby="series-nights-heading">
              <thead>
                <tr>
                  <th scope="col">{t("series.person")}</th>
                  <th scope="col">{t("series.outside")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.seriesNights.people.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">{person.isViewer ? t("series.you", { name: person.displayName }) : person.displayName}</th>
                    <td>{t("series.count", { outside: person.outside, total: loaderData.seriesNights!.meetings })}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
            <p className="muted small">{t("series.nightsHint")}</p>
          </div>
        ) : null}
      </section>

      {loaderData.isInvited && !meeting.isCancelled && !meeting.hasStarted ? (
        <section className="panel" aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">{t("rsvp.heading")}</h2>
          {loaderData.myRsvp ? null : <p className="small">{t("rsvp.notAnswered")}</p>}
          <FormAlert focus message={errorFor("rsvp").form} />
          {actionData?.intent === "rsvp" && actionData.ok ? <FormAlert focus tone="success" message="meetings:rsvp.saved" /> : null}
          <Form method="post" className="row row--start">
            <input type="hidden" name="intent" value="rsvp" />
            {RSVPS.map((answer) => (
              <button key={answer} type="submit" name="rsvp" value={answer} className={`button${loaderData.myRsvp === answer ? " button--primary" : ""}`} aria-pressed={loaderData.myRsvp === answer} disabled={busy}>
                {t(`rsvp.${answer}`)}
              </button>
            ))}
          </Form>
          <p className="muted small">{t("rsvp.counts", { yes: loaderData.counts.yes, maybe: loaderData.counts.maybe, no: loaderData.counts.no, invited: loaderData.inviteeCount })}</p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="texts-heading">
        <h2 id="texts-heading">{t("texts.heading")}</h2>
        <ul className="plain-list">
          {loaderData.texts.map((item) => (
            <li key={item.kind}>
              <strong>{t(`texts.${item.kind}`)}</strong>{" "}
              {item.published ? (
                <>
                  <Link to={`/meetings/${meeting.id}/${item.kind}`}>{t("texts.read")}</Link>{" "}
                  <span className="muted small">{t("texts.version", { number: item.published.number })} · <LocalTime value={item.published.publishedAt} /></span>
                </>
              ) : (
                <span className="muted small">{t("texts.notPublished")}</span>
              )}{" "}
              {item.access === "edit" ? <Link className="button button--quiet" to={`/meetings/${meeting.id}/${item.kind}/edit`}>{t("texts.write")}</Link> : null}
              {item.access === "read" ? <Link className="button button--quiet" to={`/meetings/${meeting.id}/${item.kind}/edit`}>{t("texts.followDraft")}</Link> : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="meeting-decisions-heading">
        <h2 id="meeting-decisions-heading">{t("decisions:minutes.heading")}</h2>
        {loaderData.decisions.length ? (
          <ul className="plain-list">
            {loaderData.decisions.map((decision) => (
              <li key={decision.id}>
                <Link to={decision.href}>{localized(decision, "title", language)}</Link>{" "}
                {decision.closedAt ? (
                  <span className="small">{localized(decision, "outcome", language) || t("decisions:outcome.pending")}</span>
                ) : (
                  <span className="tag tag--submitted">{t("decisions:status.open")}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("decisions:minutes.none")}</p>
        )}
        {loaderData.proposeHref ? <p><Link to={loaderData.proposeHref}>{t("decisions:minutes.propose")}</Link></p> : null}
      </section>

      <section className="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("actions.heading")}</h2>
        {loaderData.actionItems.length ? (
          <ul className="plain-list">
            {loaderData.actionItems.map((item) => (
              <li key={item.id} className={item.doneAt ? "action-item action-item--done" : "action-item"}>
                <span>{item.description}</span>{" "}
                <span className="muted small">
                  {t("actions.owner", { name: item.ownerName })}
                  {item.dueDate ? <> · {t("actions.due")} <LocalTime value={item.dueDate} options={{ dateStyle: "medium" }} /></> : null}
                </span>
                {item.canToggle ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={item.doneAt ? "action-reopen" : "action-done"} />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit" className="button button--quiet">{item.doneAt ? t("actions.reopen") : t("actions.markDone")}</button>
                  </Form>
                ) : item.doneAt ? (
                  <span className="tag">{t("actions.done")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("actions.none")}</p>
        )}
        {loaderData.isOrganiser ? (
          <Form method="post" className="stack" aria-labelledby="add-action-heading">
            <h3 id="add-action-heading">{t("actions.add")}</h3>
            <FormAlert focus message={errorFor("action-add").form} />
            <input type="hidden" name="intent" value="action-add" />
            <Field name="description" label={t("actions.description")} defaultValue={actionData?.intent === "action-add" ? actionValues.description : ""} error={errorFor("action-add").description} maxLength={500} required />
            <div className="inline-fields">
              <SelectField
                name="ownerId"
                label={t("actions.ownerLabel")}
                defaultValue={actionData?.intent === "action-add" ? actionValues.ownerId : ""}
                error={errorFor("action-add").ownerId}
                options={[{ value: "", label: t("actions.chooseOwner") }, ...loaderData.invitees.map((i) => ({ value: i.id, label: i.displayName }))]}
              />
              <Field name="dueDate" type="date" label={t("actions.dueLabel")} defaultValue={actionData?.intent === "action-add" ? actionValues.dueDate : ""} error={errorFor("action-add").dueDate} />
            </div>
            <button type="submit" className="button" disabled={busy}>{t("actions.submit")}</button>
          </Form>
        ) : null}
      </section>

      {loaderData.isOrganiser ? (
        <section className="panel" aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t("attendance.heading")}</h2>
          {actionData?.intent === "attendance" && actionData.ok ? <FormAlert focus tone="success" message="meetings:attendance.saved" /> : null}
          <FormAlert focus message={errorFor("attendance").form} />
          {meeting.hasStarted ? (
            <Form method="post">
              <input type="hidden" name="intent" value="attendance" />
              <fieldset>
                <legend>{t("attendance.legend")}</legend>
                <ul className="plain-list attendance-list">
                  {loaderData.invitees.map((invitee) => (
                    <li key={invitee.id}>
                      <label>
                        <input type="checkbox" name="present" value={invitee.id} defaultChecked={invitee.attended ?? invitee.rsvp === "yes"} /> {invitee.displayName}
                      </label>{" "}
                      <span className="muted small">{invitee.rsvp ? t(`rsvp.said.${invitee.rsvp}`) : t("rsvp.notAnswered")}</span>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="button" disabled={busy}>{t("attendance.save")}</button>
            </Form>
          ) : (
            <p className="muted">{t("attendance.later")}</p>
          )}
        </section>
      ) : null}

      {loaderData.isOrganiser && !meeting.isCancelled && !meeting.hasStarted ? (
        actionData?.intent === "cancel-confirm" ? (
          <section className="panel" aria-labelledby="cancel-heading" role="alertdialog">
            <h2 id="cancel-heading">{t("cancel.confirmHeading")}</h2>
            <p>{t("cancel.confirmBody", { count: loaderData.inviteeCount })}</p>
            <Form method="post" className="row row--start">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className="button button--danger">{t("cancel.confirm")}</button>
              <Link to={`/meetings/${meeting.id}`} className="button">{t("cancel.keep")}</Link>
            </Form>
          </section>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--danger">{t("detail.cancel")}</button>
          </Form>
        )
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data: loaderData, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: loaderData ? `${localized(loaderData.meeting, "title", language)} · Praxis` : "Praxis" }];
};
