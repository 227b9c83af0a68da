// Notifications: a notification (in the list, live, in mail or a digest) names a thread, so it
// is shown only while its recipient may read that thread. Asked when it is made, and again
// whenever it is shown, since access may have changed in between.
import { isCoordinator, memberGroupIds, type Actor } from "../permissions";
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
