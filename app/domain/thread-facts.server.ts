// What the thread policy needs to know about threads, loaded in one place: the thread's own
// flags and, for a subject thread, its subject's current facts (a library resource's
// visibility), so that pages, sockets, notifications and mail all decide on the same facts.
import { db } from "~/infra/db.server";
import { sharedRead } from "~/infra/request-scope.server";
import { SUBJECT_RESOURCE, type ThreadFacts } from "./policies/threads";
import type { ResourceFacts } from "./policies/library";

const threadSelect = {
  id: true,
  groupId: true,
  subjectType: true,
  subjectId: true,
  title: true,
  lockedAt: true,
  hiddenAt: true,
} as const;

export interface ThreadWithFacts {
  id: string;
  groupId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  title: string;
  facts: ThreadFacts;
}

async function resourceFactsById(ids: string[]): Promise<Map<string, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db().libraryResource.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, visibility: true, groupId: true, addedById: true },
  });
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}

type ThreadFactsRow = { groupId: string | null; subjectType: string | null; subjectId: string | null; lockedAt: Date | null; hiddenAt: Date | null };

/** Whether a thread's subject is a library resource (then its facts are the resource's). */
export function hasResourceSubject(thread: Pick<ThreadFactsRow, "subjectType" | "subjectId">): boolean {
  return thread.subjectType === SUBJECT_RESOURCE && Boolean(thread.subjectId);
}

/** The policy facts of a thread row, given its subject resource's facts (undefined: not found). */
export function threadFactsOf(thread: ThreadFactsRow, resource: ResourceFacts | undefined): ThreadFacts {
  const subject = hasResourceSubject(thread) ? (resource ?? null) : null;
  return { groupId: thread.groupId, subjectType: thread.subjectType, lockedAt: thread.lockedAt, hiddenAt: thread.hiddenAt, subject };
}

function withFacts(thread: ThreadFactsRow & { id: string; title: string }, resources: Map<string, ResourceFacts>): ThreadWithFacts {
  return {
    id: thread.id,
    groupId: thread.groupId,
    subjectType: thread.subjectType,
    subjectId: thread.subjectId,
    title: thread.title,
    facts: threadFactsOf(thread, thread.subjectId ? resources.get(thread.subjectId) : undefined),
  };
}

/** Threads by id with their policy facts (missing ids are left out). */
export async function threadsWithFacts(threadIds: string[]): Promise<Map<string, ThreadWithFacts>> {
  if (threadIds.length === 0) return new Map();
  const threads = await db().thread.findMany({ where: { id: { in: [...new Set(threadIds)] } }, select: threadSelect });
  const resources = await resourceFactsById(threads.filter((t) => t.subjectType === SUBJECT_RESOURCE && t.subjectId).map((t) => t.subjectId!));
  return new Map(threads.map((thread) => [thread.id, withFacts(thread, resources)]));
}

/** A thread's whole row, read once per read-only request however many loaders ask. */
export async function threadRow(threadId: string) {
  return sharedRead(`thread:${threadId}`, () => db().thread.findUnique({ where: { id: threadId } }));
}

export async function threadWithFacts(threadId: string): Promise<ThreadWithFacts | null> {
  if (!threadId || threadId.length > 64) return null;
  return sharedRead(`thread-facts:${threadId}`, async () => {
    // The same row the page reads (one query, not two), and its subject's facts if it has one.
    const thread = await threadRow(threadId);
    if (!thread) return null;
    const resources = thread.subjectType === SUBJECT_RESOURCE && thread.subjectId ? await resourceFactsById([thread.subjectId]) : new Map<string, ResourceFacts>();
    return withFacts(thread, resources);
  });
}

/** The working group a thread belongs to, as its pages name and link it (read once per request). */
export async function threadGroup(groupId: string) {
  return sharedRead(`thread-group:${groupId}`, () => db().workingGroup.findUnique({ where: { id: groupId }, select: { id: true, slug: true, nameEn: true, nameFr: true } }));
}

/** Where a thread is read: its space's page, or its subject's page (reflections live on the resource). */
export async function threadHref(thread: { id: string; groupId: string | null; subjectType: string | null; subjectId: string | null }): Promise<string> {
  if (thread.subjectType === SUBJECT_RESOURCE && thread.subjectId) return `/library/${thread.subjectId}`;
  if (thread.groupId) {
    const group = await threadGroup(thread.groupId);
    if (group) return `/groups/${group.slug}/threads/${thread.id}`;
  }
  return `/community/threads/${thread.id}`;
}
