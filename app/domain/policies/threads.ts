// Threads and their posts. A space thread follows its space; a subject thread (a library
// resource's reflections) follows its subject: who may open the resource may read its
// reflections, wherever they are asked for (page, socket catch-up, live fan-out, notifications,
// mail). Hidden threads are for moderators only.
import { principal, type Actor, type Principal } from "../permissions";
import * as library from "./library";
import * as spaces from "./spaces";

export type ThreadAction = "read" | "reply" | "moderate";

export interface ThreadFacts {
  groupId: string | null;
  subjectType: string | null;
  lockedAt?: Date | null;
  hiddenAt?: Date | null;
  /**
   * The subject's facts, for a subject thread: a library resource's visibility. Null when the
   * subject no longer exists (nobody may read its thread then).
   */
  subject?: library.ResourceFacts | null;
}

export const SUBJECT_RESOURCE = "resource";

/** The space whose rules apply to replying (and moderating): the subject's, for a subject thread. */
function spaceOf(thread: ThreadFacts): spaces.Space {
  if (thread.subjectType === SUBJECT_RESOURCE && thread.subject) {
    return { groupId: thread.subject.visibility === "community" ? null : thread.subject.groupId };
  }
  return { groupId: thread.groupId };
}

function mayReadContent(actor: Actor, thread: ThreadFacts): boolean {
  if (thread.subjectType === SUBJECT_RESOURCE) return Boolean(thread.subject) && library.allow(actor, "open", thread.subject!);
  if (thread.subjectType) return false; // an unknown kind of subject: closed until a policy exists
  return spaces.allow(actor, "read", { groupId: thread.groupId });
}

export function allow(actor: Actor | null | undefined, action: ThreadAction, thread: ThreadFacts): boolean {
  if (!actor || !mayReadContent(actor, thread)) return false;
  const space = spaceOf(thread);
  const moderator = spaces.allow(actor, "moderate", space);
  switch (action) {
    case "read":
      return !thread.hiddenAt || moderator;
    case "moderate":
      return moderator;
    case "reply":
      return !thread.hiddenAt && !thread.lockedAt && spaces.allow(actor, "post", space);
  }
}

/**
 * Who may receive a thread's live events. A space thread goes to its space's room (members of
 * the group and readers who watch it: everyone may read a space); a subject thread goes only to
 * the audience of its subject. Hidden threads reach nobody live.
 */
export type ThreadAudience = Principal[] | "space";

export function audience(thread: ThreadFacts): ThreadAudience {
  if (thread.hiddenAt) return [];
  if (thread.subjectType === SUBJECT_RESOURCE) return thread.subject ? library.audience(thread.subject) : [];
  if (thread.subjectType) return [];
  return "space";
}

/** Of the spaces given (groupId, null for the community), those whose threads are listed to the actor. */
export function spacesListedTo(actor: Actor, groupIds: Array<string | null>): Array<string | null> {
  return groupIds.filter((groupId) => spaces.allow(actor, "read", { groupId }));
}

/** Prisma filter on Thread for threads listed in spaces (subject threads never are). */
export function spaceThreadsWhere(actor: Actor, groupId: string | null) {
  return spacesListedTo(actor, [groupId]).length ? { groupId, subjectType: null } : { id: "" };
}

/**
 * Who may moderate a thread: its space's leads (for a group) and coordinators; nobody for a
 * thread whose subject is gone or of a kind no policy covers (nobody may read those).
 */
export function moderatorsAudience(thread: ThreadFacts): Principal[] {
  if (thread.subjectType && (thread.subjectType !== SUBJECT_RESOURCE || !thread.subject)) return [];
  const space = spaceOf(thread);
  return space.groupId ? [principal.leadsOf(space.groupId), principal.coordinators] : [principal.coordinators];
}
