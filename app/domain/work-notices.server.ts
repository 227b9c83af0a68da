// MEL notices: a workplan sent for review or answered, a check-in sent or answered, a follow-up
// action assigned or coming due. The one place that makes them. Who is told is the notifications
// policy's audience for each kind; each notice is shown (list, badge, mail) only while the policy
// still lets its recipient read what it names, and MEL's comments only to who may read reviews.
// Mail goes through the member's immediate mail (sendPendingImmediate) or their digest's unread count.
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { markNoticesReadWhere, restingUserIds, sendPendingImmediate, unreadNotificationCount } from "./notifications.server";
import { usersInAudience, type Actor } from "./permissions";
import * as notificationPolicy from "./policies/notifications";
import type { WorkNoticeKind } from "./policies/notifications";
import { SUBJECT_OF, type SubjectType } from "./work-notice-views.server";

export { isWorkNoticeKind, type WorkNoticeKind } from "./policies/notifications";

const DAY_MS = 24 * 3600 * 1000;
const actorSelect = { id: true, role: true, memberships: { select: { groupId: true, role: true } } } as const;

/**
 * Notices to the kind's audience (not the one who acted), the live badge for those not resting,
 * then their immediate mail in the background (digest members find them counted in their digest).
 */
async function tell(
  actor: Actor | null,
  kind: WorkNoticeKind,
  subject: { id: string; groupId: string; ownerId?: string | null; participantIds?: readonly string[] },
  data: Record<string, unknown> = {},
  now = new Date(),
): Promise<string[]> {
  const facts = { groupId: subject.groupId, ownerId: subject.ownerId ?? null, participantIds: subject.participantIds };
  const people = await db().user.findMany({ where: usersInAudience(notificationPolicy.workNoticeAudience(kind, facts)), select: actorSelect });
  const recipients = people.filter((person) => person.id !== actor?.id && notificationPolicy.allowShowWorkNotice(person, kind, facts));
  if (recipients.length === 0) return [];
  const ids = recipients.map((r) => r.id);
  await db().notification.createMany({
    data: recipients.map((r) => ({ id: newId(), userId: r.id, kind, subjectType: SUBJECT_OF[kind], subjectId: subject.id, actorId: actor?.id ?? null, data: JSON.stringify(data), createdAt: now })),
  });
  const resting = await restingUserIds(ids);
  for (const recipient of recipients) {
    if (!resting.has(recipient.id)) publish("notification.count", { userId: recipient.id, unread: await unreadNotificationCount(recipient) });
  }
  void sendPendingImmediate(now, ids).catch((error) => log("error", "MEL notice mail failed", describeError(error)));
  return ids;
}

/** A lead sent the workplan for review: the MEL group hears of it. */
export async function noticeWorkplanSubmitted(actor: Actor, groupId: string): Promise<string[]> {
  return tell(actor, "workplan-submitted", { id: groupId, groupId });
}

/** MEL answered a workplan: the group's leads hear of it, with the review (its comments) named. */
export async function noticeWorkplanReviewed(actor: Actor, groupId: string, decision: "approved" | "changes-requested", reviewId: string): Promise<string[]> {
  return tell(actor, decision === "approved" ? "workplan-approved" : "workplan-changes-requested", { id: groupId, groupId }, { reviewId });
}

/** A lead submitted a check-in: the MEL group hears of it. */
export async function noticeCheckInSubmitted(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  return tell(actor, "checkin-submitted", checkIn);
}

/** MEL recorded its advice on a check-in: the group's leads hear of it. */
export async function noticeCheckInAnswered(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  return tell(actor, "checkin-answered", checkIn);
}

/**
 * Someone commented on a submitted check-in: its leads hear of it, and so does whoever has
 * commented on it or given its advice before (MEL's people in the conversation).
 */
export async function noticeCheckInCommented(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  const [comments, answered] = await Promise.all([
    db().checkInComment.findMany({ where: { checkInId: checkIn.id }, select: { authorId: true } }),
    db().checkIn.findUnique({ where: { id: checkIn.id }, select: { adviceById: true } }),
  ]);
  const participantIds = [...new Set([...comments.map((c) => c.authorId), ...(answered?.adviceById ? [answered.adviceById] : [])])];
  return tell(actor, "checkin-commented", { ...checkIn, participantIds });
}

/** A follow-up action was agreed: its owner hears of it. */
export async function noticeFollowUpAssigned(actor: Actor, followUp: { id: string; groupId: string; ownerId: string | null }): Promise<string[]> {
  return tell(actor, "followup-assigned", followUp);
}

/**
 * The job: each open follow-up whose due day is tomorrow or today (or just passed) tells its
 * owner once. Each is claimed first, so several instances never tell twice.
 */
export async function noticeDueFollowUps(now = new Date()): Promise<number> {
  const due = await db().followUpAction.findMany({
    where: { status: "open", ownerId: { not: null }, dueNoticedAt: null, dueDate: { gt: new Date(now.getTime() - DAY_MS), lte: new Date(now.getTime() + DAY_MS) } },
    select: { id: true, groupId: true, ownerId: true },
    take: 200,
  });
  let told = 0;
  for (const followUp of due) {
    const { count } = await db().followUpAction.updateMany({ where: { id: followUp.id, dueNoticedAt: null }, data: { dueNoticedAt: now } });
    if (count !== 1) continue;
    told += (await tell(null, "followup-due", followUp, {}, now)).length;
  }
  return told;
}

/** Opening what notices name reads them; the new unread count, or null when none was unread. */
export async function markNoticesAboutRead(userId: string, subjectType: SubjectType, subjectIds: string[]): Promise<number | null> {
  if (subjectIds.length === 0) return null;
  return markNoticesReadWhere(userId, { subjectType, subjectId: { in: subjectIds } });
}
