// Discussions: threads, posts, read state and moderation, for every space (each working group,
// and the community when groupId is null) and for subject threads owned by other features.
//
// Contract for other features (e.g. the library's reflection thread per resource):
//   - `ensureSubjectThread({ subjectType: "resource", subjectId, title, groupId? })` returns the
//     thread id for that subject, creating it on first use (one thread per subject). Who may
//     read and reply follows the subject (policies/threads.ts): a resource's reflections are for
//     whoever may open the resource, wherever they are asked for. Subject threads have no
//     opening post and do not appear in space lists or digests.
//   - Pages use the route helpers in app/web/discussions.server.ts (`loadThreadPage`,
//     `handleThreadAction`) and render `<ThreadView>` from app/ui/discussion/thread-view.
//
// Every verb takes the actor and asks the thread policy first, validates, writes, then
// publishes a domain event carrying the audience the policy allows (the realtime server sends
// it only there). Errors a person can cause are locale keys.
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { env } from "~/infra/env.server";
import { publish } from "~/infra/events.server";
import { isSupportedLanguage } from "~/infra/i18n";
import { newId } from "~/infra/ids.server";
import { createRateLimiter, type RateLimiter } from "~/infra/rate-limit.server";
import { recordAudit } from "./audit.server";
import type { LivePost, PostAuthor, PostView, ThreadSummary } from "./discussion-types";
import { badgeCount, isRestingNow, markThreadNotificationsRead, notifyForPost, restingUserIds } from "./notifications.server";
import { mailPostToList } from "./mailing-list.server";
import { describeError, log } from "~/infra/log.server";
import type { Actor } from "./permissions";
import * as spacePolicy from "./policies/spaces";
import * as threadPolicy from "./policies/threads";
import { ok, refuse, type Result } from "./result";
import { mentionCandidates, renderRichText } from "./rich-text";
import { listGroupNames } from "./groups.server";
import { threadGroup, threadRow, threadWithFacts, type ThreadWithFacts } from "./thread-facts.server";

export const MAX_TITLE_LENGTH = 200;
/** Top-level replies per page (each with its nested replies): keeps a 2,000-reply thread light. */
export const REPLIES_PER_PAGE = 30;
export const THREADS_PER_PAGE = 30;

interface DiscussionActor extends Actor {
  displayName: string;
  locale: string | null;
}

let postLimiter: RateLimiter | undefined;
function limiter(): RateLimiter {
  postLimiter ??= createRateLimiter({ name: "discussion-posts", limit: env().DISCUSSION_POSTS_PER_MINUTE, windowMs: 60_000 });
  return postLimiter;
}

/** Who may receive a thread's live events, per its policy (sent with every discussion event). */
function audienceOf(thread: ThreadWithFacts) {
  return threadPolicy.audience(thread.facts);
}

/** The thread if the actor may read it (its facts loaded once); a refusal that reveals nothing otherwise. */
async function readableThread(actor: Actor, threadId: string, notFound = "discussions:errors.noSuchThread"): Promise<Result<ThreadWithFacts>> {
  const thread = await threadWithFacts(threadId);
  if (!thread || !threadPolicy.allow(actor, "read", thread.facts)) return refuse.notFound(notFound);
  return ok(thread);
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A key a device chose for one post (letters, digits, - and _; 8 to 64): anything else is ignored. */
export function idempotencyKeyOf(raw: string | null | undefined): string | null {
  return raw && /^[A-Za-z0-9_-]{8,64}$/.test(raw) ? raw : null;
}

/** The post this author already made with this key, if any (a resent form, an outbox sent twice). */
export async function postMadeWith(authorId: string, key: string | null) {
  if (!key) return null;
  return db().post.findUnique({ where: { authorId_idempotencyKey: { authorId, idempotencyKey: key } }, select: { id: true, seq: true, threadId: true } });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/** Renders a body and resolves @mentions by pseudonym (exact, case-insensitive; active members). */
async function prepareBody(source: string) {
  const candidates = mentionCandidates(source);
  const byName = new Map<string, { id: string; displayName: string }>();
  if (candidates.length > 0) {
    const users = await db().user.findMany({ where: { deactivatedAt: null }, select: { id: true, displayName: true } });
    for (const user of users) byName.set(user.displayName.toLowerCase(), user);
  }
  const rendered = renderRichText(source, { resolveMention: (name) => byName.get(name.toLowerCase())?.displayName ?? null });
  if (!rendered.ok) return rendered;
  const mentionedIds = rendered.mentions.map((name) => byName.get(name.toLowerCase())!.id);
  return { ok: true as const, html: rendered.html, mentionedIds, source: source.replace(/\r\n?/g, "\n").trim() };
}

function languageFor(actor: DiscussionActor, requested: string | undefined): string {
  if (isSupportedLanguage(requested)) return requested;
  return isSupportedLanguage(actor.locale) ? actor.locale : "en";
}

/** Mailing-list mode, in the background: a slow mail server must not slow posting down. */
function listMail(postId: string): void {
  void mailPostToList(postId).catch((error) => log("error", "mailing-list mail failed", describeError(error)));
}

async function checkFlood(actorId: string): Promise<Result<never> | null> {
  const verdict = await limiter().check([`post:${actorId}`]);
  return verdict.allowed ? null : refuse.tooMany("discussions:errors.tooFast", verdict.retryAfterSeconds);
}

async function authorOf(userId: string | null): Promise<PostAuthor> {
  if (!userId) return { id: "", displayName: "", isResting: false };
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, displayName: true } });
  const resting = await restingUserIds([userId]);
  return { id: userId, displayName: user?.displayName ?? "", isResting: resting.has(userId) };
}

type PostRow = {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  parentId: string | null;
  branchId: string | null;
  language: string;
  bodySource: string;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
};

function livePost(row: PostRow, author: PostAuthor, replyingTo: LivePost["replyingTo"]): LivePost {
  const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "visible";
  return {
    id: row.id,
    threadId: row.threadId,
    seq: row.seq,
    parentId: row.parentId,
    branchId: row.branchId,
    author,
    language: row.language,
    html: state === "visible" ? row.bodyHtml : null,
    state,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    replyingTo,
  };
}

export async function createThread(
  actor: DiscussionActor,
  input: { groupId: string | null; title: string; body: string; language?: string; idempotencyKey?: string | null },
): Promise<Result<{ threadId: string; postId: string }>> {
  const key = idempotencyKeyOf(input.idempotencyKey);
  const made = await postMadeWith(actor.id, key);
  if (made) return ok({ threadId: made.threadId, postId: made.id });
  if (input.groupId && !(await db().workingGroup.findUnique({ where: { id: input.groupId }, select: { id: true } }))) {
    return refuse.notFound("discussions:errors.noSuchSpace");
  }
  if (!spacePolicy.allow(actor, "post", { groupId: input.groupId })) return refuse.forbidden("discussions:errors.cannotPost");
  const title = input.title.replace(/\s+/g, " ").trim();
  if (!title) return refuse.invalid("discussions:errors.titleRequired", "title");
  if (title.length > MAX_TITLE_LENGTH) return refuse.invalid("discussions:errors.titleTooLong", "title");
  const body = await prepareBody(input.body);
  if (!body.ok) return refuse.invalid(body.error, "body");
  const flood = await checkFlood(actor.id);
  if (flood) return flood;

  const threadId = newId();
  const postId = newId();
  const language = languageFor(actor, input.language);
  const now = new Date();
  try {
    await db().$transaction([
      db().thread.create({ data: { id: threadId, groupId: input.groupId, title, language, authorId: actor.id, lastSeq: 0, lastPostAt: now, createdAt: now } }),
      db().post.create({ data: { id: postId, threadId, seq: 0, authorId: actor.id, language, bodySource: body.source, bodyHtml: body.html, createdAt: now, idempotencyKey: key } }),
      db().threadRead.create({ data: { userId: actor.id, threadId, lastReadSeq: 0 } }),
    ]);
  } catch (error) {
    // The same key sent twice at once: the other request made it.
    const other = isUniqueViolation(error) ? await postMadeWith(actor.id, key) : null;
    if (other) return ok({ threadId: other.threadId, postId: other.id });
    throw error;
  }
  await limiter().hit([`post:${actor.id}`]);
  const author = { id: actor.id, displayName: actor.displayName, isResting: false };
  const audience = threadPolicy.audience({ groupId: input.groupId, subjectType: null });
  publish("discussion.thread", { change: "created", threadId, groupId: input.groupId, title, authorId: actor.id, audience });
  publish("discussion.post", {
    change: "created",
    threadId,
    groupId: input.groupId,
    postId,
    seq: 0,
    authorId: actor.id,
    audience,
    post: livePost({ id: postId, threadId, seq: 0, authorId: actor.id, parentId: null, branchId: null, language, bodySource: body.source, bodyHtml: body.html, createdAt: now, editedAt: null, deletedAt: null, hiddenAt: null }, author, null),
  });
  await notifyForPost({ postId, threadId, authorId: actor.id, mentionedUserIds: body.mentionedIds, parentAuthorId: null });
  listMail(postId);
  return ok({ threadId, postId });
}

export async function replyToThread(
  actor: DiscussionActor,
  input: { threadId: string; parentId?: string | null; body: string; language?: string; idempotencyKey?: string | null },
): Promise<Result<{ postId: string; seq: number }>> {
  const found = await readableThread(actor, input.threadId);
  if (!found.ok) return found;
  const thread = found.value;
  const key = idempotencyKeyOf(input.idempotencyKey);
  const made = await postMadeWith(actor.id, key);
  if (made && made.threadId === thread.id) return ok({ postId: made.id, seq: made.seq });
  if (made) return refuse.conflict("discussions:errors.alreadySent");
  if (thread.facts.lockedAt || thread.facts.hiddenAt) return refuse.conflict("discussions:errors.locked");
  if (!threadPolicy.allow(actor, "reply", thread.facts)) return refuse.forbidden("discussions:errors.cannotPost");

  let parent: { id: string; seq: number; branchId: string | null; authorId: string; deletedAt: Date | null } | null = null;
  if (input.parentId) {
    parent = await db().post.findFirst({ where: { id: input.parentId, threadId: thread.id }, select: { id: true, seq: true, branchId: true, authorId: true, deletedAt: true } });
    if (!parent) return refuse.invalid("discussions:errors.noSuchPost", "body");
  } else {
    parent = await db().post.findFirst({ where: { threadId: thread.id, seq: 0 }, select: { id: true, seq: true, branchId: true, authorId: true, deletedAt: true } });
  }
  const body = await prepareBody(input.body);
  if (!body.ok) return refuse.invalid(body.error, "body");
  const flood = await checkFlood(actor.id);
  if (flood) return flood;

  // Replies to the opening post are top level; deeper replies are shown under their top-level one.
  const branchId = !parent || parent.seq === 0 ? null : (parent.branchId ?? parent.id);
  const parentId = parent && parent.seq !== 0 ? parent.id : (parent?.id ?? null);
  const language = languageFor(actor, input.language);
  const postId = newId();
  const now = new Date();
  let seq: number;
  try {
  seq = await db().$transaction(async (tx) => {
    // The increment is atomic on both databases: concurrent replies get distinct seqs.
    const updated = await tx.thread.update({
      where: { id: thread.id },
      data: { lastSeq: { increment: 1 }, replyCount: { increment: 1 }, lastPostAt: now },
      select: { lastSeq: true },
    });
    await tx.post.create({ data: { id: postId, threadId: thread.id, seq: updated.lastSeq, authorId: actor.id, parentId, branchId, language, bodySource: body.source, bodyHtml: body.html, createdAt: now, idempotencyKey: key } });
    await tx.threadRead.upsert({
      where: { userId_threadId: { userId: actor.id, threadId: thread.id } },
      update: { lastReadSeq: updated.lastSeq },
      create: { userId: actor.id, threadId: thread.id, lastReadSeq: updated.lastSeq },
    });
    return updated.lastSeq;
  });
  } catch (error) {
    // The same key sent twice at once: the other request made it (this transaction rolled back).
    const other = isUniqueViolation(error) ? await postMadeWith(actor.id, key) : null;
    if (other && other.threadId === thread.id) return ok({ postId: other.id, seq: other.seq });
    throw error;
  }
  await limiter().hit([`post:${actor.id}`]);

  let replyingTo: LivePost["replyingTo"] = null;
  if (parent && branchId && parent.id !== branchId) {
    replyingTo = { postId: parent.id, authorName: (await authorOf(parent.authorId)).displayName };
  }
  const row = { id: postId, threadId: thread.id, seq, authorId: actor.id, parentId, branchId, language, bodySource: body.source, bodyHtml: body.html, createdAt: now, editedAt: null, deletedAt: null, hiddenAt: null };
  publish("discussion.post", {
    change: "created",
    threadId: thread.id,
    groupId: thread.groupId,
    postId,
    seq,
    authorId: actor.id,
    audience: audienceOf(thread),
    post: livePost(row, { id: actor.id, displayName: actor.displayName, isResting: false }, replyingTo),
  });
  await notifyForPost({ postId, threadId: thread.id, authorId: actor.id, mentionedUserIds: body.mentionedIds, parentAuthorId: parent && !parent.deletedAt ? parent.authorId : null });
  listMail(postId);
  return ok({ postId, seq });
}

/** A post and its thread, if the actor may read that thread. */
async function readablePost(actor: Actor, postId: string): Promise<Result<{ post: PostRow; thread: ThreadWithFacts }>> {
  const post = postId && postId.length <= 64 ? await db().post.findUnique({ where: { id: postId }, select: postSelect }) : null;
  if (!post) return refuse.notFound("discussions:errors.noSuchPost");
  const thread = await readableThread(actor, post.threadId, "discussions:errors.noSuchPost");
  return thread.ok ? ok({ post, thread: thread.value }) : thread;
}

export async function editPost(actor: DiscussionActor, input: { postId: string; body: string }): Promise<Result<{ postId: string }>> {
  const found = await readablePost(actor, input.postId);
  if (!found.ok) return found;
  const { post, thread } = found.value;
  if (post.authorId !== actor.id) return refuse.forbidden("discussions:errors.notYours");
  if (post.deletedAt || post.hiddenAt) return refuse.notFound("discussions:errors.noSuchPost");
  if (thread.facts.lockedAt || thread.facts.hiddenAt) return refuse.conflict("discussions:errors.locked");
  if (!threadPolicy.allow(actor, "reply", thread.facts)) return refuse.forbidden("discussions:errors.cannotPost");
  const body = await prepareBody(input.body);
  if (!body.ok) return refuse.invalid(body.error, "body");
  if (body.source === post.bodySource) return ok({ postId: post.id });
  const flood = await checkFlood(actor.id);
  if (flood) return flood;
  const before = await prepareBody(post.bodySource);
  const now = new Date();
  await db().$transaction([
    db().postRevision.create({ data: { id: newId(), postId: post.id, bodySource: post.bodySource, bodyHtml: post.bodyHtml, createdAt: now } }),
    db().post.update({ where: { id: post.id }, data: { bodySource: body.source, bodyHtml: body.html, editedAt: now } }),
  ]);
  await limiter().hit([`post:${actor.id}`]);
  const updated = { ...post, bodySource: body.source, bodyHtml: body.html, editedAt: now };
  publish("discussion.post", { change: "edited", threadId: post.threadId, groupId: thread.groupId, postId: post.id, seq: post.seq, authorId: post.authorId, audience: audienceOf(thread), post: livePost(updated, await authorOf(post.authorId), null) });
  // Only people newly mentioned by the edit hear about it.
  const already = new Set(before.ok ? before.mentionedIds : []);
  const fresh = body.mentionedIds.filter((id) => !already.has(id));
  await notifyForPost({ postId: post.id, threadId: post.threadId, authorId: actor.id, mentionedUserIds: fresh, parentAuthorId: null });
  return ok({ postId: post.id });
}

export async function deletePost(actor: DiscussionActor, postId: string): Promise<Result<{ postId: string }>> {
  const found = await readablePost(actor, postId);
  if (!found.ok) return found;
  const { post, thread } = found.value;
  if (post.authorId !== actor.id) return refuse.forbidden("discussions:errors.notYours");
  if (post.deletedAt) return ok({ postId });
  await db().post.update({ where: { id: postId }, data: { deletedAt: new Date() } });
  publish("discussion.post", { change: "deleted", threadId: post.threadId, groupId: thread.groupId, postId, seq: post.seq, authorId: post.authorId, audience: audienceOf(thread), post: null });
  return ok({ postId });
}

export async function setPostHidden(actor: DiscussionActor, postId: string, hidden: boolean): Promise<Result<{ postId: string }>> {
  const found = await readablePost(actor, postId);
  if (!found.ok) return found;
  const { post, thread } = found.value;
  if (!threadPolicy.allow(actor, "moderate", thread.facts)) return refuse.forbidden("discussions:errors.cannotModerate");
  await db().post.update({ where: { id: postId }, data: { hiddenAt: hidden ? new Date() : null } });
  await recordAudit({ actorId: actor.id, action: hidden ? "post.hide" : "post.show", objectType: "post", objectId: postId, data: { threadId: post.threadId } });
  const row = { ...post, hiddenAt: hidden ? new Date() : null };
  publish("discussion.post", {
    change: hidden ? "hidden" : "shown",
    threadId: post.threadId,
    groupId: thread.groupId,
    postId,
    seq: post.seq,
    authorId: post.authorId,
    audience: audienceOf(thread),
    post: hidden ? null : livePost(row, await authorOf(post.authorId), null),
  });
  return ok({ postId });
}

export type ThreadFlag = "pinned" | "locked" | "hidden";

export async function setThreadFlag(actor: DiscussionActor, threadId: string, flag: ThreadFlag, on: boolean): Promise<Result<{ threadId: string }>> {
  const found = await readableThread(actor, threadId);
  if (!found.ok) return found;
  const thread = found.value;
  if (!threadPolicy.allow(actor, "moderate", thread.facts)) return refuse.forbidden("discussions:errors.cannotModerate");
  const column = flag === "pinned" ? "pinnedAt" : flag === "locked" ? "lockedAt" : "hiddenAt";
  const row = await db().thread.update({ where: { id: threadId }, data: { [column]: on ? new Date() : null }, select: { authorId: true } });
  await recordAudit({ actorId: actor.id, action: `thread.${on ? "" : "un"}${flag === "pinned" ? "pin" : flag === "locked" ? "lock" : "hide"}`, objectType: "thread", objectId: threadId });
  // Moderators learn of the change; with the thread hidden, only they still may read it.
  const after = { ...thread.facts, [column]: on ? new Date() : null };
  const audience = after.hiddenAt ? threadPolicy.moderatorsAudience(thread.facts) : threadPolicy.audience(after);
  publish("discussion.thread", { change: "updated", threadId, groupId: thread.groupId, title: thread.title, authorId: row.authorId ?? "", audience });
  return ok({ threadId });
}

/**
 * The one thread about a subject (e.g. a library resource), created on first use. Safe to call
 * on every page view; concurrent first calls end with the same thread.
 */
export async function ensureSubjectThread(input: { subjectType: string; subjectId: string; title: string; groupId?: string | null }): Promise<{ threadId: string }> {
  const where = { subjectType_subjectId: { subjectType: input.subjectType, subjectId: input.subjectId } };
  const existing = await db().thread.findUnique({ where, select: { id: true } });
  if (existing) return { threadId: existing.id };
  try {
    const created = await db().thread.create({
      data: { id: newId(), subjectType: input.subjectType, subjectId: input.subjectId, groupId: input.groupId ?? null, title: input.title.slice(0, MAX_TITLE_LENGTH), authorId: null },
      select: { id: true },
    });
    return { threadId: created.id };
  } catch (error) {
    const again = await db().thread.findUnique({ where, select: { id: true } });
    if (again) return { threadId: again.id };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function markThreadRead(userId: string, threadId: string, seq: number): Promise<void> {
  const existing = await db().threadRead.findUnique({ where: { userId_threadId: { userId, threadId } }, select: { lastReadSeq: true } });
  await advanceReadMark(userId, threadId, seq, existing?.lastReadSeq);
}

/** Moves the member's read mark on to `seq`, given the mark they had (undefined: none yet). */
async function advanceReadMark(userId: string, threadId: string, seq: number, previousRead: number | undefined): Promise<void> {
  if (previousRead !== undefined && previousRead >= seq) return;
  await db().threadRead.upsert({ where: { userId_threadId: { userId, threadId } }, update: { lastReadSeq: seq }, create: { userId, threadId, lastReadSeq: seq } });
  publish("discussion.read", { userId, threadId, seq });
}

function unreadFor(thread: { lastSeq: number; replyCount: number; subjectType: string | null }, read: number | undefined): number {
  if (read === undefined) return thread.replyCount + (thread.subjectType ? 0 : 1);
  return Math.max(0, thread.lastSeq - read);
}

async function readMarks(userId: string, threadIds: string[]): Promise<Map<string, number>> {
  if (threadIds.length === 0) return new Map();
  const rows = await db().threadRead.findMany({ where: { userId, threadId: { in: threadIds } }, select: { threadId: true, lastReadSeq: true } });
  return new Map(rows.map((row) => [row.threadId, row.lastReadSeq]));
}

/** The posts' authors with whether each is resting, in one statement (every thread and space page asks). */
async function authorsById(ids: Array<string | null>): Promise<Map<string, PostAuthor>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const users = await db().$queryRaw<Array<{ id: string; displayName: string; restUntil: Date | null }>>`
    SELECT u."id", u."displayName", s."restUntil"
    FROM "User" u LEFT JOIN "NotificationSetting" s ON s."userId" = u."id"
    WHERE u."id" IN (${Prisma.join(unique)})`;
  const now = new Date();
  return new Map(users.map((user) => [user.id, { id: user.id, displayName: user.displayName, isResting: isRestingNow(user.restUntil, now) }]));
}

const NOBODY: PostAuthor = { id: "", displayName: "", isResting: false };

/**
 * Unread threads per space for one member, counted by the database for the spaces they may
 * read (community and every group): { community: 2, <groupId>: 0, ... }. A thread counts when
 * the member has no read mark on it yet or has not read up to its last post; hidden threads
 * and subject threads never count.
 */
export async function unreadBySpace(actor: Actor): Promise<Record<string, number>> {
  const spaces = [null, ...(await listGroupNames()).map((group) => group.id)];
  const readable = threadPolicy.spacesListedTo(actor, spaces);
  const counts: Record<string, number> = {};
  for (const groupId of readable) counts[groupId ?? "community"] = 0;
  const groupIds = readable.filter((groupId): groupId is string => groupId !== null);
  const inSpaces = [
    ...(readable.includes(null) ? [Prisma.sql`t."groupId" IS NULL`] : []),
    ...(groupIds.length ? [Prisma.sql`t."groupId" IN (${Prisma.join(groupIds)})`] : []),
  ];
  if (inSpaces.length === 0) return counts;
  const rows = await db().$queryRaw<Array<{ groupId: string | null; unread: number | bigint }>>`
    SELECT t."groupId" AS "groupId", COUNT(*) AS "unread"
    FROM "Thread" t
    LEFT JOIN "ThreadRead" r ON r."threadId" = t."id" AND r."userId" = ${actor.id}
    WHERE t."subjectType" IS NULL AND t."hiddenAt" IS NULL AND (${Prisma.join(inSpaces, " OR ")})
      AND (r."lastReadSeq" IS NULL OR r."lastReadSeq" < t."lastSeq")
    GROUP BY t."groupId"`;
  for (const row of rows) counts[row.groupId ?? "community"] = Number(row.unread);
  return counts;
}

function spacePath(slug: string | null): string {
  return slug ? `/groups/${slug}` : "/community";
}

export async function listSpaceThreads(actor: Actor, groupId: string | null, options: { page?: number } = {}) {
  const slug = groupId ? ((await listGroupNames()).find((group) => group.id === groupId)?.slug ?? null) : null;
  const moderator = spacePolicy.allow(actor, "moderate", { groupId });
  const where = { ...threadPolicy.spaceThreadsWhere(actor, groupId), ...(moderator ? {} : { hiddenAt: null }) };
  const page = Math.max(1, options.page ?? 1);
  const skip = (page - 1) * THREADS_PER_PAGE;
  const [pinned, rest] = await Promise.all([
    page === 1 ? db().thread.findMany({ where: { ...where, pinnedAt: { not: null } }, orderBy: { pinnedAt: "desc" } }) : Promise.resolve([]),
    db().thread.findMany({ where: { ...where, pinnedAt: null }, orderBy: { lastPostAt: "desc" }, skip, take: THREADS_PER_PAGE }),
  ]);
  // A page that is not full is the last one: the total is known without counting.
  const total = rest.length > 0 && rest.length < THREADS_PER_PAGE ? skip + rest.length : await db().thread.count({ where: { ...where, pinnedAt: null } });
  const threads = [...pinned, ...rest];
  const [reads, authors] = await Promise.all([readMarks(actor.id, threads.map((t) => t.id)), authorsById(threads.map((t) => t.authorId))]);
  const summaries: ThreadSummary[] = threads.map((thread) => ({
    id: thread.id,
    title: thread.title,
    language: thread.language,
    author: (thread.authorId && authors.get(thread.authorId)) || NOBODY,
    replyCount: thread.replyCount,
    lastSeq: thread.lastSeq,
    lastPostAt: thread.lastPostAt.toISOString(),
    createdAt: thread.createdAt.toISOString(),
    isPinned: Boolean(thread.pinnedAt),
    isLocked: Boolean(thread.lockedAt),
    isHidden: Boolean(thread.hiddenAt),
    unread: unreadFor(thread, reads.get(thread.id)),
    href: `${spacePath(slug)}/threads/${thread.id}`,
  }));
  return { threads: summaries, page, pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)) };
}

export async function markSpaceRead(userId: string, groupId: string | null): Promise<void> {
  const threads = await db().thread.findMany({ where: { groupId, subjectType: null }, select: { id: true, lastSeq: true } });
  for (const thread of threads) await markThreadRead(userId, thread.id, thread.lastSeq);
}

function authorIdsOf(rows: PostRow[], byId: Map<string, PostRow>): Array<string | null> {
  return [...rows.map((r) => r.authorId), ...rows.map((r) => (r.parentId ? (byId.get(r.parentId)?.authorId ?? null) : null))];
}

async function toViews(actor: Actor, rows: PostRow[], moderator: boolean, byId: Map<string, PostRow>, known?: Map<string, PostAuthor>): Promise<PostView[]> {
  const authors = known ?? (await authorsById(authorIdsOf(rows, byId)));
  const revisions = moderator
    ? await db().postRevision.findMany({ where: { postId: { in: rows.filter((r) => r.editedAt).map((r) => r.id) } }, orderBy: { createdAt: "asc" } })
    : [];
  return rows.map((row) => {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    const replyingTo = row.branchId && parent && parent.id !== row.branchId ? { postId: parent.id, authorName: authors.get(parent.authorId)?.displayName ?? "" } : null;
    const base = livePost(row, authors.get(row.authorId) ?? NOBODY, replyingTo);
    const isOwn = row.authorId === actor.id;
    return {
      ...base,
      isOwn,
      source: isOwn && base.state === "visible" ? row.bodySource : null,
      moderatorHtml: moderator && row.hiddenAt && !row.deletedAt ? row.bodyHtml : null,
      revisions: revisions.filter((r) => r.postId === row.id).map((r) => ({ id: r.id, html: r.bodyHtml, replacedAt: r.createdAt.toISOString() })),
    };
  });
}

const postSelect = {
  id: true, threadId: true, seq: true, authorId: true, parentId: true, branchId: true, language: true,
  bodySource: true, bodyHtml: true, createdAt: true, editedAt: true, deletedAt: true, hiddenAt: true,
} as const;

/** Posts after a seq (reconnect catch-up), for someone who may read the thread. */
export async function postsAfter(actor: Actor, threadId: string, afterSeq: number, limit = 200): Promise<LivePost[] | null> {
  const thread = await threadWithFacts(threadId);
  if (!thread || !threadPolicy.allow(actor, "read", thread.facts)) return null;
  const rows = await db().post.findMany({ where: { threadId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: Math.min(limit, 500), select: postSelect });
  const parents = await db().post.findMany({ where: { id: { in: rows.map((r) => r.parentId).filter((id): id is string => Boolean(id)) } }, select: postSelect });
  const byId = new Map([...parents, ...rows].map((r) => [r.id, r]));
  return (await toViews(actor, rows, false, byId)).map(({ source: _s, moderatorHtml: _m, revisions: _r, isOwn: _o, ...post }) => post);
}

export async function getThread(threadId: string) {
  return threadRow(threadId);
}

// ---------------------------------------------------------------------------------------------
// Pages: a thread and a space, as their readers see them

/**
 * A subject's thread (a library resource's reflections) is reachable only through its subject's
 * page, which names the subject: never through a space's thread address.
 */
export interface ThreadSubject {
  subjectType: string;
  subjectId: string;
}

function isReachable(thread: { subjectType: string | null; subjectId: string | null }, subject?: ThreadSubject): boolean {
  return subject ? thread.subjectType === subject.subjectType && thread.subjectId === subject.subjectId : thread.subjectType === null;
}

/** Whether the thread may be acted on through this address (its space's, or its subject's page). */
export async function isThreadReachable(threadId: string, subject?: ThreadSubject): Promise<boolean> {
  const thread = await threadWithFacts(threadId);
  return Boolean(thread) && isReachable(thread!, subject);
}

/**
 * One page of a thread for a reader who may read it: the opening post, top-level replies (with
 * their nested replies) and what the reader may do. `page` null opens where they stopped reading.
 * Reading it marks the thread and its notifications read.
 */
export async function threadPage(actor: DiscussionActor, threadId: string, options: { page: number | null; subject?: ThreadSubject }) {
  const found = await readableThread(actor, threadId);
  if (!found.ok || !isReachable(found.value, options.subject)) return refuse.notFound("discussions:errors.noSuchThread");
  const thread = (await getThread(threadId))!;
  const facts = found.value.facts;
  const moderator = threadPolicy.allow(actor, "moderate", facts);

  const previousRead = (await readMarks(actor.id, [thread.id])).get(thread.id);
  const firstUnreadSeq = previousRead === undefined ? (thread.subjectType ? 1 : 0) : previousRead + 1;
  const hasUnread = firstUnreadSeq <= thread.lastSeq && previousRead !== undefined;

  const topLevelWhere = { threadId: thread.id, seq: { gt: 0 }, branchId: null };
  const topLevelCount = await db().post.count({ where: topLevelWhere });
  const pageCount = Math.max(1, Math.ceil(topLevelCount / REPLIES_PER_PAGE));
  let page = options.page;
  if (page === null) {
    page = 1;
    // Open where the member stopped reading: the page holding the first unread reply.
    if (hasUnread) {
      const first = await db().post.findFirst({ where: { threadId: thread.id, seq: { gte: firstUnreadSeq } }, orderBy: { seq: "asc" }, select: { id: true } });
      if (first) page = await pageOfPost(thread.id, first.id);
    }
  }
  page = Math.min(page, pageCount);

  const [opening, topLevel] = await openingAndReplies(thread.id, page);
  const nested = topLevel.length
    ? await db().post.findMany({ where: { threadId: thread.id, branchId: { in: topLevel.map((p) => p.id) } }, orderBy: { seq: "asc" }, select: postSelect })
    : [];
  const all = [...(opening ? [opening] : []), ...topLevel, ...nested];
  const byId = new Map(all.map((p) => [p.id, p]));
  // The posts' authors and the thread's in one lookup.
  const authors = await authorsById([...authorIdsOf(all, byId), thread.authorId]);
  const views = await toViews(actor, all, moderator, byId, authors);
  const viewById = new Map(views.map((v) => [v.id, v]));

  await advanceReadMark(actor.id, thread.id, thread.lastSeq, previousRead);
  const unreadAfterMarking = await markThreadNotificationsRead(actor.id, thread.id);

  const group = thread.groupId ? await threadGroup(thread.groupId) : null;
  const author = thread.authorId ? (authors.get(thread.authorId) ?? NOBODY) : null;
  return ok({
    thread: {
      id: thread.id,
      title: thread.title,
      language: thread.language,
      groupId: thread.groupId,
      subjectType: thread.subjectType,
      subjectId: thread.subjectId,
      author,
      replyCount: thread.replyCount,
      lastSeq: thread.lastSeq,
      createdAt: thread.createdAt.toISOString(),
      isPinned: Boolean(thread.pinnedAt),
      isLocked: Boolean(thread.lockedAt),
      isHidden: Boolean(thread.hiddenAt),
    },
    space: group ? { groupId: group.id, slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr, href: `/groups/${group.slug}` } : { groupId: null, slug: null, nameEn: "", nameFr: "", href: "/community" },
    opening: opening ? viewById.get(opening.id)! : null,
    branches: topLevel.map((post) => ({ post: viewById.get(post.id)!, replies: nested.filter((n) => n.branchId === post.id).map((n) => viewById.get(n.id)!) })),
    page,
    pageCount,
    firstUnreadSeq: hasUnread ? firstUnreadSeq : null,
    viewerId: actor.id,
    viewerLanguage: isSupportedLanguage(actor.locale) ? actor.locale : null,
    canReply: threadPolicy.allow(actor, "reply", facts),
    canModerate: moderator,
    /** After this thread's notifications were read: the app shell's badge catches up. */
    unreadNotifications: unreadAfterMarking ?? (await badgeCount(actor)),
  });
}

/**
 * The opening post (seq 0; subject threads have none) and one page of top-level replies. The
 * first page reads both at once: the opening post is the top-level post before every reply.
 */
async function openingAndReplies(threadId: string, page: number): Promise<[PostRow | null, PostRow[]]> {
  if (page === 1) {
    const rows = await db().post.findMany({ where: { threadId, branchId: null }, orderBy: { seq: "asc" }, take: REPLIES_PER_PAGE + 1, select: postSelect });
    return rows[0]?.seq === 0 ? [rows[0], rows.slice(1)] : [null, rows.slice(0, REPLIES_PER_PAGE)];
  }
  return Promise.all([
    db().post.findFirst({ where: { threadId, seq: 0 }, select: postSelect }),
    db().post.findMany({ where: { threadId, seq: { gt: 0 }, branchId: null }, orderBy: { seq: "asc" }, skip: (page - 1) * REPLIES_PER_PAGE, take: REPLIES_PER_PAGE, select: postSelect }),
  ]);
}

/** Page (1-based) that shows a post, so a redirect lands where the new reply is. */
export async function pageOfPost(threadId: string, postId: string): Promise<number> {
  const post = await db().post.findUnique({ where: { id: postId }, select: { seq: true, branchId: true } });
  if (!post || post.seq === 0) return 1;
  const rootSeq = post.branchId ? ((await db().post.findUnique({ where: { id: post.branchId }, select: { seq: true } }))?.seq ?? post.seq) : post.seq;
  const before = await db().post.count({ where: { threadId, branchId: null, seq: { gt: 0, lt: rootSeq } } });
  return Math.floor(before / REPLIES_PER_PAGE) + 1;
}

/** A space page (community or a working group): its threads, unread counts, and what the reader may do. */
export async function spacePage(actor: DiscussionActor, groupId: string | null, page: number) {
  const [list, unread] = await Promise.all([listSpaceThreads(actor, groupId, { page }), unreadBySpace(actor)]);
  return {
    ...list,
    groupId,
    unreadBySpace: unread,
    canPost: spacePolicy.allow(actor, "post", { groupId }),
    canModerate: spacePolicy.allow(actor, "moderate", { groupId }),
    viewerId: actor.id,
    viewerLanguage: isSupportedLanguage(actor.locale) ? actor.locale : null,
  };
}

/** Pseudonyms for @mention autocomplete: active members, not resting (they are not prompted). */
export async function mentionSuggestions(query: string, limit = 8): Promise<Array<{ displayName: string; insert: string }>> {
  const q = query.trim().toLowerCase();
  if (!q || q.length > 60) return [];
  const users = await db().user.findMany({ where: { deactivatedAt: null }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" } });
  const resting = await restingUserIds(users.map((u) => u.id));
  return users
    .filter((u) => !resting.has(u.id) && u.displayName.toLowerCase().includes(q))
    .sort((a, b) => Number(!a.displayName.toLowerCase().startsWith(q)) - Number(!b.displayName.toLowerCase().startsWith(q)))
    .slice(0, limit)
    .map((u) => ({ displayName: u.displayName, insert: /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(u.displayName) ? `@${u.displayName}` : `@[${u.displayName}]` }));
}
