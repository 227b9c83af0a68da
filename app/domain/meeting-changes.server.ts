// When a meeting moves or is called off, every invitee hears of it: a notice in their list (the
// badge, live), and mail under their mail settings — content-free unless they chose message text
// in mail, then with the old and new time in their own zone and an iCalendar update (REQUEST with
// the next SEQUENCE, or CANCEL) their calendar app applies. Moving a meeting resets answers: a
// "yes" to Tuesday 14:00 is not a "yes" to Thursday 09:00. A cancellation can be undone for a day.
import { db } from "~/infra/db.server";
import { linkBaseUrl } from "~/infra/env.server";
import { publish } from "~/infra/events.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { senderAddress } from "~/infra/mail.server";
import { zoneOrUtc } from "~/infra/time-zones";
import { recordAudit } from "./audit.server";
import { issueReplyAddress, mayReplyByMail } from "./mail-in/tokens.server";
import { getMeetingRow, listInvitees, type MeetingRow } from "./meeting-rows.server";
import { calendar, meetingEvent } from "./meeting-calendar.server";
import { TEXT_PUBLISHED, type MeetingChangeKind } from "./meeting-notices.server";
import { isRestingNow, mailMember, markNoticesReadWhere, unreadNotificationCount } from "./notifications.server";
import type { Actor } from "./permissions";
import * as meetings from "./policies/meetings";
import { ok, refuse, type Result } from "./result";

/** How long after cancelling the organiser may undo it. */
export const UNDO_CANCEL_MS = 24 * 60 * 60 * 1000;

/** Published: a notice in each recipient's list (the policy asked again when shown) and the live badge. */
export async function noticeTextPublished(actorId: string, meetingId: string, kind: string, version: number, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const now = new Date();
  await db().notification.createMany({
    data: userIds.map((userId) => ({ id: newId(), userId, kind: TEXT_PUBLISHED, meetingId, actorId, data: JSON.stringify({ text: kind, version }), createdAt: now })),
  });
  const resting = new Set((await db().notificationSetting.findMany({ where: { userId: { in: userIds }, restUntil: { gt: now } }, select: { userId: true } })).map((r) => r.userId));
  for (const userId of userIds) if (!resting.has(userId)) publish("notification.count", { userId, unread: await unreadNotificationCount(userId) });
}

export interface ChangeData {
  /** ISO start before the change (reschedules). */
  from?: string;
}

/** Whether a cancelled meeting may still be restored at `now`. */
export function mayUndoCancel(meeting: Pick<MeetingRow, "cancelledAt">, now = new Date()): boolean {
  return Boolean(meeting.cancelledAt && now.getTime() - meeting.cancelledAt.getTime() < UNDO_CANCEL_MS);
}

/** The meeting's time (start or length) changed: answers reset, every invitee is told. */
export async function meetingRescheduled(actor: Actor, before: MeetingRow): Promise<void> {
  await db().meetingAttendance.updateMany({ where: { meetingId: before.id, rsvp: { not: null } }, data: { rsvp: null } });
  await tellInvitees(actor, before.id, "meeting-rescheduled", { from: before.startsAt.toISOString() });
}

/** Undoes a cancellation within the undo window; invitees are told it is back on. */
export async function restoreMeeting(actor: Actor, meetingId: string, now = new Date()): Promise<Result> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  if (!meetings.allow(actor, "organise", meeting)) return refuse.forbidden();
  if (!meeting.cancelledAt) return refuse.conflict("meetings:cancel.notCancelled");
  if (!mayUndoCancel(meeting, now)) return refuse.conflict("meetings:cancel.undoExpired");
  const { count } = await db().meeting.updateMany({ where: { id: meetingId, cancelledAt: meeting.cancelledAt }, data: { cancelledAt: null, sequence: { increment: 1 } } });
  if (count !== 1) return refuse.conflict("meetings:cancel.notCancelled");
  await recordAudit({ actorId: actor.id, action: "meeting.restored", objectType: "meeting", objectId: meetingId });
  await tellInvitees(actor, meetingId, "meeting-restored", {});
  return ok();
}

/** Notices in each invitee's list (not the one who made the change), the live badge, then mail in the background. */
export async function tellInvitees(actor: Actor, meetingId: string, kind: MeetingChangeKind, data: ChangeData): Promise<void> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return;
  const invitees = (await listInvitees(meeting)).filter((invitee) => invitee.id !== actor.id);
  if (invitees.length === 0) return;
  const now = new Date();
  const rows = invitees.map((invitee) => ({ id: newId(), userId: invitee.id, kind, meetingId, actorId: actor.id, data: JSON.stringify(data), createdAt: now }));
  await db().notification.createMany({ data: rows });
  const resting = new Set(
    (await db().notificationSetting.findMany({ where: { userId: { in: invitees.map((i) => i.id) }, restUntil: { gt: now } }, select: { userId: true } })).map((r) => r.userId),
  );
  for (const invitee of invitees) {
    if (resting.has(invitee.id)) continue;
    publish("notification.count", { userId: invitee.id, unread: await unreadNotificationCount(invitee.id) });
  }
  void mailChange(meeting, kind, data, invitees, now).catch((error) => log("error", "meeting change mail failed", describeError(error)));
}

async function translatorFor(language: Language) {
  const { translatorFor: load } = await import("~/infra/i18n.server");
  return load(language);
}

function icsParam(value: string): string {
  return `"${value.replace(/["\r\n]/g, "")}"`;
}

/**
 * Mail under each invitee's settings: nothing when they chose no mail or are resting; a
 * content-free line and a link by default; with message text in mail, the title, old and new
 * time in their zone and the calendar update.
 */
export async function mailChange(
  meeting: MeetingRow,
  kind: MeetingChangeKind,
  data: ChangeData,
  invitees: Array<{ id: string; displayName: string; timeZone: string | null; locale: string | null }>,
  now = new Date(),
): Promise<number> {
  const settings = await db().notificationSetting.findMany({ where: { userId: { in: invitees.map((i) => i.id) }, email: { not: null }, emailMode: { not: "none" } } });
  const byId = new Map(invitees.map((invitee) => [invitee.id, invitee]));
  let sent = 0;
  for (const row of settings) {
    const invitee = byId.get(row.userId);
    if (!invitee || isRestingNow(row.restUntil, now)) continue;
    const language: Language = isSupportedLanguage(invitee.locale) ? invitee.locale : "en";
    const t = await translatorFor(language);
    const link = `${linkBaseUrl()}/meetings/${meeting.id}`;
    const recipient = { userId: row.userId, email: row.email!, language, includeContent: row.includeContent, preferenceToken: row.preferenceToken };
    if (!row.includeContent) {
      await mailMember(recipient, t(`mail:meetingChange.${kind}.subjectPlain`), [t(`mail:meetingChange.${kind}.plain`), "", link]);
      sent++;
      continue;
    }
    const title = language === "fr" ? meeting.titleFr : meeting.titleEn;
    const format = (date: Date) =>
      new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "full", timeStyle: "long", timeZone: zoneOrUtc(invitee.timeZone) }).format(date);
    const lines = [t(`mail:meetingChange.${kind}.intro`), "", title];
    if (kind === "meeting-rescheduled" && data.from) {
      lines.push(t("mail:meetingChange.was", { when: format(new Date(data.from)) }), t("mail:meetingChange.now", { when: format(meeting.startsAt) }), "", t("mail:meetingChange.answerAgain"));
    } else {
      lines.push(t("mail:invitation.when", { when: format(meeting.startsAt) }));
    }
    lines.push(t("mail:invitation.link", { link }));
    const method = kind === "meeting-cancelled" ? "CANCEL" : "REQUEST";
    const replyTo = method === "REQUEST" && mayReplyByMail(row) ? await issueReplyAddress(row.userId, "meeting", meeting.id, now) : undefined;
    const event = meetingEvent(meeting, language, link);
    const people = [
      `ORGANIZER;CN=Praxis:mailto:${replyTo ?? senderAddress()}`,
      `ATTENDEE;CN=${icsParam(invitee.displayName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${replyTo ? "TRUE" : "FALSE"}:mailto:${row.email}`,
    ];
    const ics = calendar([[...event.slice(0, -1), ...people, event.at(-1)!]], title, method);
    await mailMember(recipient, t(`mail:meetingChange.${kind}.subject`, { title }), lines, { ...(replyTo ? { replyTo } : {}), icalEvent: { method, content: ics } });
    sent++;
  }
  return sent;
}

/** Opening the meeting's page reads its notices; the new unread count, or null when none was unread. */
export function markMeetingNoticesRead(userId: string, meetingId: string): Promise<number | null> {
  return markNoticesReadWhere(userId, { meetingId });
}
