// Notifications: a notification (in the list, live, in mail or a digest) names a thread, a
// meeting or a piece of MEL work, so it is shown only while its recipient may read what it names.
// Asked when it is made, and again whenever it is shown, since access may have changed in between.
import { isCoordinator, memberGroupIds, principal, principalsFor, type Actor, type Principal } from "../permissions";
import * as checkins from "./checkins";
import * as documents from "./documents";
import * as meetings from "./meetings";
import * as threads from "./threads";

export function allowShow(recipient: Actor | null | undefined, notification: { thread: threads.ThreadFacts }): boolean {
  return threads.allow(recipient, "read", notification.thread);
}

/** A sign-in notice names one of the member's own sessions: shown to that member only. */
export function allowShowSignIn(recipient: Actor | null | undefined, notice: { userId: string }): boolean {
  return Boolean(recipient && recipient.id === notice.userId);
}

/**
 * Prisma filter on Thread for what a digest summarises: the visible space threads of the spaces
 * a member follows (their groups and the community; coordinators follow every space). Subject
 * threads never appear in digests; every member may read every space, so this only narrows.
 */
export function digestThreadsWhere(recipient: Actor) {
  const followed = isCoordinator(recipient) ? {} : { OR: [{ groupId: null }, { groupId: { in: memberGroupIds(recipient) } }] };
  return { hiddenAt: null, subjectType: null, ...followed };
}

/**
 * Mailing-list mode: a post is mailed to a member who may read its thread, when the thread is a
 * visible space thread of a space they follow (as for digests: their groups and the community;
 * coordinators follow every space). Subject threads (a resource's reflections) are never mailed.
 */
export function allowMailingList(recipient: Actor | null | undefined, thread: threads.ThreadFacts): boolean {
  if (!recipient || thread.subjectType || thread.hiddenAt || !threads.allow(recipient, "read", thread)) return false;
  return isCoordinator(recipient) || thread.groupId === null || memberGroupIds(recipient).includes(thread.groupId);
}

/** A meeting notice (moved, cancelled, back on) is shown while the meeting invites its recipient. */
export function allowShowMeeting(recipient: Actor | null | undefined, meeting: Pick<meetings.MeetingFacts, "audience" | "groupId">): boolean {
  return Boolean(recipient && meetings.isInvited(recipient, meeting));
}

// --- MEL notices: workplans sent and reviewed, check-ins sent and answered, follow-ups ----------
// Each is told to the people the table asks to act next (an audience, never a list of roles),
// and shown only while its recipient may still read what it names.

export const WORK_NOTICE_KINDS = [
  "workplan-submitted",
  "workplan-changes-requested",
  "workplan-approved",
  "checkin-submitted",
  "checkin-answered",
  "checkin-commented",
  "followup-assigned",
  "followup-due",
] as const;
export type WorkNoticeKind = (typeof WORK_NOTICE_KINDS)[number];

export function isWorkNoticeKind(kind: string): kind is WorkNoticeKind {
  return (WORK_NOTICE_KINDS as readonly string[]).includes(kind);
}

/** What deciding about a MEL notice needs: its group, for a follow-up its owner, for a comment who took part. */
export interface WorkNoticeFacts {
  groupId: string;
  ownerId?: string | null;
  /** For a comment on a check-in: who has already commented on it or given its advice. */
  participantIds?: readonly string[];
}

/**
 * Who is told: a workplan sent for review goes to those who review it (the MEL group), MEL's
 * answer to those who submit it (the group's leads); a check-in sent goes to those who advise on
 * it, MEL's advice to those who prepare it; a comment on a check-in to those who prepare it and
 * whoever has taken part in it already (a conversation, not a broadcast to all of MEL); a follow-up
 * to its owner. Coordinators hold each of these rights too, so they are told as well.
 */
export function workNoticeAudience(kind: WorkNoticeKind, notice: WorkNoticeFacts): Principal[] {
  const target = { groupId: notice.groupId };
  switch (kind) {
    case "workplan-submitted":
      return principalsFor("workplan.review", target);
    case "workplan-changes-requested":
    case "workplan-approved":
      return principalsFor("workplan.submit", target);
    case "checkin-submitted":
      return principalsFor("checkin.advise", target);
    case "checkin-answered":
      return principalsFor("checkin.prepare", target);
    case "checkin-commented":
      return [...principalsFor("checkin.prepare", target), ...(notice.participantIds ?? []).map((id) => principal.user(id))];
    case "followup-assigned":
    case "followup-due":
      return notice.ownerId ? [principal.user(notice.ownerId)] : [];
  }
}

/** Whether the recipient may be shown a MEL notice now: they may still read (or act on) what it names. */
export function allowShowWorkNotice(recipient: Actor | null | undefined, kind: WorkNoticeKind, notice: WorkNoticeFacts): boolean {
  if (!recipient) return false;
  const workplan = { kind: "workplan" as const, groupId: notice.groupId };
  switch (kind) {
    case "workplan-submitted":
      return documents.allow(recipient, "review", workplan);
    case "workplan-changes-requested":
    case "workplan-approved":
      return documents.allow(recipient, "submit", workplan);
    case "checkin-submitted":
    case "checkin-answered":
    case "checkin-commented":
      return checkins.allow(recipient, "read", { groupId: notice.groupId, status: "submitted" });
    case "followup-assigned":
    case "followup-due":
      return recipient.id === notice.ownerId && checkins.allowFollowUp(recipient, "read", { groupId: notice.groupId });
  }
}
