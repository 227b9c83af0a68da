// Co-edited documents: which document an id names, what a member may do with it (the
// documents policy, asked with the document's facts loaded here), durable Yjs storage
// (updates, compaction), reading a document server-side, server-made changes, versions,
// comments and free documents.
// Ids: learning-questions.<slug>, learning-outcome.<slug>, workplan.<slug>,
// agenda.<meetingId>.<en|fr>, minutes.<meetingId>.<en|fr>, doc.<id>.
//
// Verbs take the actor first and authorise through the policy before anything else; the
// storage primitives (append, compact, change, record a version) take no actor and are called
// only by verbs that already did, by the Yjs server for connections it authorised, and by seeds.
import * as Y from "yjs";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { log } from "~/infra/log.server";
import { recordAudit } from "./audit.server";
import { blocksOf, renderHtml, replaceContent, sectionsOf, type Block } from "./document-content.server";
import { getMeetingRow } from "./meeting-rows.server";
import { deriveLearningOutcome, deriveLearningQuestions, deriveWorkplan } from "./plan-derivation.server";
import type { Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import { ok, refuse, type Result } from "./result";

export type DocumentAccess = documentPolicy.DocumentAccess;
export type DocumentFacts = documentPolicy.DocumentFacts;

export const GROUP_DOCUMENT_KINDS = ["learning-questions", "learning-outcome", "workplan"] as const;
export type GroupDocumentKind = (typeof GROUP_DOCUMENT_KINDS)[number];

export type DocumentRef =
  | { kind: GroupDocumentKind; groupSlug: string }
  | { kind: "agenda" | "minutes"; meetingId: string; language: "en" | "fr" }
  | { kind: "doc"; id: string };

const ID_PART = /^[a-z0-9-]{1,64}$/;

/** Prisma's Bytes fields want an ArrayBuffer-backed array; Yjs hands out ArrayBufferLike ones. */
function bytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data as Uint8Array<ArrayBuffer>;
}

export function parseDocumentId(documentId: string): DocumentRef | null {
  if (documentId.length > 160) return null;
  const parts = documentId.split(".");
  const [kind, ...rest] = parts;
  if ((GROUP_DOCUMENT_KINDS as readonly string[]).includes(kind) && rest.length === 1 && ID_PART.test(rest[0])) {
    return { kind: kind as GroupDocumentKind, groupSlug: rest[0] };
  }
  if ((kind === "agenda" || kind === "minutes") && rest.length === 2 && ID_PART.test(rest[0]) && (rest[1] === "en" || rest[1] === "fr")) {
    return { kind, meetingId: rest[0], language: rest[1] };
  }
  if (kind === "doc" && rest.length === 1 && ID_PART.test(rest[0])) return { kind: "doc", id: rest[0] };
  return null;
}

/** The working group a document belongs to, when it belongs to one. */
export async function documentGroup(documentId: string): Promise<{ id: string; slug: string } | null> {
  const ref = parseDocumentId(documentId);
  if (!ref) return null;
  switch (ref.kind) {
    case "learning-questions":
    case "learning-outcome":
    case "workplan":
      return db().workingGroup.findUnique({ where: { slug: ref.groupSlug }, select: { id: true, slug: true } });
    case "doc": {
      const free = await db().freeDocument.findUnique({ where: { id: ref.id }, select: { groupId: true } });
      return free ? db().workingGroup.findUnique({ where: { id: free.groupId }, select: { id: true, slug: true } }) : null;
    }
    default:
      return null;
  }
}

/** What the documents policy needs to decide about this document (unknown ids: "unknown"). */
export async function documentFacts(documentId: string): Promise<DocumentFacts> {
  const ref = parseDocumentId(documentId);
  if (!ref) return { kind: "unknown" };
  if (ref.kind === "agenda" || ref.kind === "minutes") {
    const meeting = await getMeetingRow(ref.meetingId);
    return meeting ? { kind: ref.kind, meeting } : { kind: "unknown" };
  }
  if (ref.kind === "doc") {
    // Its row names its group (working groups are never deleted): one query, not two, on the
    // path every collaboration connection takes.
    const free = await db().freeDocument.findUnique({ where: { id: ref.id }, select: { groupId: true } });
    return free ? { kind: "doc", groupId: free.groupId } : { kind: "unknown" };
  }
  const group = await documentGroup(documentId);
  if (!group) return { kind: "unknown" };
  if (ref.kind === "workplan" || ref.kind === "learning-questions") {
    const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { workplanStatus: true, questionsStatus: true } });
    return { kind: ref.kind, groupId: group.id, workplanStatus: plan?.workplanStatus ?? null, questionsStatus: plan?.questionsStatus ?? null };
  }
  return { kind: ref.kind, groupId: group.id };
}

/**
 * What this member may do with the document: the Yjs server (on connecting and whenever access
 * changes) and the pages ask the same policy with the same facts.
 */
export async function documentAccess(actor: Actor, documentId: string): Promise<DocumentAccess> {
  return documentPolicy.access(actor, await documentFacts(documentId));
}

/** The same, with the reason a reader may not edit (for the editor's lock message). */
export async function documentAccessWithReason(actor: Actor, documentId: string): Promise<{ access: DocumentAccess; reason: documentPolicy.ReadOnlyReason | null }> {
  const facts = await documentFacts(documentId);
  return { access: documentPolicy.access(actor, facts), reason: documentPolicy.readOnlyReason(actor, facts) };
}

/**
 * The first step of every verb on a document: 404 for a document the actor may not read (never
 * telling whether it exists), 403 for one they may read but not act on this way.
 */
export async function authoriseDocument(actor: Actor, documentId: string, action: documentPolicy.DocumentAction): Promise<Result<DocumentFacts>> {
  const facts = await documentFacts(documentId);
  if (!documentPolicy.allow(actor, "read", facts)) return refuse.notFound();
  if (!documentPolicy.allow(actor, action, facts)) return refuse.forbidden("documents:errors.forbidden");
  return ok(facts);
}

// ---------------------------------------------------------------------------------------------
// Durable storage: every update is a row; compaction folds a prefix into DocumentSnapshot.

/** Remembers that a member edited a document (their data export lists it). Once per pair. */
export async function noteContributor(documentId: string, userId: string): Promise<void> {
  await db()
    .documentContributor.upsert({ where: { documentId_userId: { documentId, userId } }, create: { documentId, userId }, update: {} })
    // Two first edits at once: the other one recorded it.
    .catch(() => undefined);
}

/** Stores one update; resolves once the database has committed it. */
export async function appendDocumentUpdate(documentId: string, update: Uint8Array): Promise<number> {
  const row = await db().documentUpdate.create({ data: { documentId, data: bytes(update) }, select: { id: true } });
  return row.id;
}

/**
 * Stores several updates (of any documents) in one transaction, in the given order: the group
 * commit behind the Yjs server's persistence. Resolves once the database has committed them.
 */
export async function appendDocumentUpdates(entries: ReadonlyArray<{ documentId: string; update: Uint8Array }>): Promise<void> {
  if (entries.length === 0) return;
  // The hot path of co-editing (every keystroke of every editor): one parametrised multi-row
  // INSERT, the same SQL on SQLite and PostgreSQL, skips the client's query planning, which
  // cost about 2 ms an update under load. The other columns take their database defaults.
  const rows = entries.map((entry) => Prisma.sql`(${entry.documentId}, ${Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength)})`);
  await db().$executeRaw`INSERT INTO "DocumentUpdate" ("documentId", "data") VALUES ${Prisma.join(rows)}`;
}

/**
 * Applies the snapshot and the stored updates to a fresh Y.Doc, skipping any update that fails
 * to apply (a "poison" row stored before updates were validated on arrival): Yjs does not roll
 * back a half-applied update, so after a failure the document is rebuilt without that row.
 */
function foldStoredUpdates(snapshot: Uint8Array | null, rows: ReadonlyArray<{ id: number; data: Uint8Array }>): { doc: Y.Doc; skipped: number[] } {
  const skipped = new Set<number>();
  for (;;) {
    // A fixed guid: Yjs would draw a random one (31 calls into crypto), which costs more than
    // folding a small document; this Y.Doc never leaves the function's callers.
    const doc = new Y.Doc({ guid: "stored-state" });
    if (snapshot) Y.applyUpdate(doc, snapshot);
    let failed: number | null = null;
    for (const row of rows) {
      if (skipped.has(row.id)) continue;
      try {
        Y.applyUpdate(doc, row.data);
      } catch {
        failed = row.id;
        break;
      }
    }
    if (failed === null) return { doc, skipped: [...skipped] };
    doc.destroy();
    skipped.add(failed);
  }
}

/**
 * Poison rows found while loading: logged, kept out of the document for good (deleted), and
 * noted in the document's history so the group can see that something was dropped.
 */
async function setAsidePoisonRows(documentId: string, skipped: number[], doc: Y.Doc): Promise<void> {
  if (skipped.length === 0) return;
  log("warn", "yjs stored update skipped: it does not apply", { document: documentId, updateIds: skipped.join(",") });
  await recordVersion(documentId, { kind: "repaired", actorId: null, summary: { skippedUpdates: skipped.length }, state: Y.encodeStateAsUpdate(doc) });
  await db().documentUpdate.deleteMany({ where: { documentId, id: { in: skipped } } });
}

async function storedRows(documentId: string) {
  const snapshot = await db().documentSnapshot.findUnique({ where: { documentId }, select: { state: true, throughUpdateId: true } });
  const rows = await db().documentUpdate.findMany({
    where: { documentId, id: { gt: snapshot?.throughUpdateId ?? 0 } },
    orderBy: { id: "asc" },
    select: { id: true, data: true },
  });
  return { snapshot, rows: rows.map((row) => ({ id: row.id, data: new Uint8Array(row.data) })) };
}

/** The document's stored state as one Yjs update (empty document: an empty update). */
export async function loadDocumentState(documentId: string): Promise<{ state: Uint8Array; pendingUpdates: number }> {
  const { snapshot, rows } = await storedRows(documentId);
  const { doc, skipped } = foldStoredUpdates(snapshot ? new Uint8Array(snapshot.state) : null, rows);
  try {
    await setAsidePoisonRows(documentId, skipped, doc);
    return { state: Y.encodeStateAsUpdate(doc), pendingUpdates: rows.length - skipped.length };
  } finally {
    doc.destroy();
  }
}

/** A fresh Y.Doc holding the stored state. The caller owns it (doc.destroy() when done). */
export async function readDocument(documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadDocumentState(documentId)).state);
  return doc;
}

async function withDocument<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await readDocument(documentId);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Folds the stored updates into the snapshot and deletes them. Safe with several instances:
 * the snapshot only moves forward from the one this compaction read, otherwise it gives up.
 */
export async function compactDocument(documentId: string): Promise<boolean> {
  const { snapshot, rows } = await storedRows(documentId);
  const through = snapshot?.throughUpdateId ?? 0;
  if (rows.length === 0) return false;
  // Through a Y.Doc (with garbage collection), not mergeUpdates: deleted text really goes.
  const { doc, skipped } = foldStoredUpdates(snapshot ? new Uint8Array(snapshot.state) : null, rows);
  const state = Y.encodeStateAsUpdate(doc);
  try {
    await setAsidePoisonRows(documentId, skipped, doc);
  } finally {
    doc.destroy();
  }
  const last = rows[rows.length - 1].id;
  try {
    await db().$transaction(async (tx) => {
      if (snapshot) {
        const moved = await tx.documentSnapshot.updateMany({ where: { documentId, throughUpdateId: through }, data: { state: bytes(state), throughUpdateId: last } });
        if (moved.count !== 1) throw new CompactionRace();
      } else {
        await tx.documentSnapshot.create({ data: { documentId, state: bytes(state), throughUpdateId: last } });
      }
      await tx.documentUpdate.deleteMany({ where: { documentId, id: { lte: last } } });
    });
  } catch (error) {
    if (error instanceof CompactionRace) return false;
    // Another instance created the first snapshot at the same moment: its result stands.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
  return true;
}

class CompactionRace extends Error {}

/** Writes the document's starting content once, if nothing was ever stored for it. */
export async function initialiseDocument(documentId: string, build: (doc: Y.Doc) => void): Promise<boolean> {
  const [snapshot, anyUpdate] = await Promise.all([
    db().documentSnapshot.findUnique({ where: { documentId }, select: { documentId: true } }),
    db().documentUpdate.findFirst({ where: { documentId }, select: { id: true } }),
  ]);
  if (snapshot || anyUpdate) return false;
  const doc = new Y.Doc();
  doc.transact(() => build(doc));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  try {
    // Creating the snapshot row is the lock: two first visitors cannot both write the template.
    await db().documentSnapshot.create({ data: { documentId, state: bytes(state), throughUpdateId: 0 } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
  publish("document.changed", { documentId, update: state });
  await deriveFromDocument(documentId);
  return true;
}

/**
 * A change the server makes (restore, a form post, seed): applied to the stored state, stored
 * as one update, then announced so open editors receive it like any other edit.
 */
export async function changeDocument(documentId: string, mutate: (doc: Y.Doc) => void): Promise<void> {
  const doc = await readDocument(documentId);
  try {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => mutate(doc));
    const update = Y.encodeStateAsUpdate(doc, before);
    const decoded = Y.decodeUpdate(update);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
    await appendDocumentUpdate(documentId, update);
    publish("document.changed", { documentId, update });
    await deriveFromDocument(documentId, doc);
  } finally {
    doc.destroy();
  }
}

/** Refreshes the tables derived from this document (milestones, budget, questions, outcome). */
export async function deriveFromDocument(documentId: string, doc?: Y.Doc): Promise<void> {
  const ref = parseDocumentId(documentId);
  if (!ref || (ref.kind !== "workplan" && ref.kind !== "learning-questions" && ref.kind !== "learning-outcome")) return;
  const group = await documentGroup(documentId);
  if (!group) return;
  const own = doc ? null : await readDocument(documentId);
  const source = doc ?? own!;
  try {
    if (ref.kind === "workplan") await deriveWorkplan(group.id, source);
    else if (ref.kind === "learning-questions") await deriveLearningQuestions(group.id, source);
    else await deriveLearningOutcome(group.id, source);
  } catch (error) {
    log("error", "deriving document tables failed", { document: documentId, error: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    own?.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading without Yjs on the page.

/** A document page: its text as HTML (readable without JavaScript), the headings comments anchor to, and the comments. */
export async function readDocumentPage(actor: Actor, documentId: string) {
  const allowed = await authoriseDocument(actor, documentId, "read");
  if (!allowed.ok) return allowed;
  const facts = allowed.value;
  const ref = parseDocumentId(documentId);
  const [{ html, sections }, comments, free] = await Promise.all([
    withDocument(documentId, (doc) => ({ html: renderHtml(doc), sections: sectionsOf(doc) })),
    listComments(documentId),
    ref?.kind === "doc" ? getFreeDocument(ref.id) : null,
  ]);
  return ok({
    access: documentPolicy.access(actor, facts),
    can: {
      comment: documentPolicy.allow(actor, "comment", facts),
      finalise: documentPolicy.allow(actor, "finalise", facts),
      submit: documentPolicy.allow(actor, "submit", facts),
    },
    title: free?.title ?? null,
    html,
    anchors: sections.map((section) => section.heading).filter(Boolean),
    comments,
  });
}

// ---------------------------------------------------------------------------------------------
// Versions: named, automatic, and recorded at milestones (finalised, submitted, before restore).

/** "repaired": an update that could not be applied was left out when the document opened. */
export type VersionKind = "named" | "auto" | "finalised" | "submitted" | "restored" | "repaired";

/**
 * Keeps the document's current state (or `state`) as a version. A primitive: the verbs that
 * call it (naming, restoring, finalising questions, submitting a workplan) authorised first.
 */
export async function recordVersion(
  documentId: string,
  input: { kind: VersionKind; name?: string; actorId: string | null; summary?: Record<string, unknown>; state?: Uint8Array },
): Promise<string> {
  const state = input.state ?? (await withDocument(documentId, (doc) => Y.encodeStateAsUpdate(doc)));
  const id = newId();
  await db().documentVersion.create({
    data: {
      id,
      documentId,
      kind: input.kind,
      name: (input.name ?? "").trim().slice(0, 120),
      state: bytes(state),
      summary: JSON.stringify(input.summary ?? {}),
      createdById: input.actorId,
    },
  });
  return id;
}

/**
 * Which automatic versions to keep, thinned with age: every one from the last day, the newest of
 * each hour for a week, the newest of each day after that. Named and milestone versions stay.
 */
export function autoVersionsToDrop(versions: ReadonlyArray<{ id: string; createdAt: Date }>, now: Date): string[] {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const seen = new Set<string>();
  const drop: string[] = [];
  for (const version of [...versions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())) {
    const age = now.getTime() - version.createdAt.getTime();
    if (age < DAY) continue;
    const bucket = age < 7 * DAY ? `h${Math.floor(version.createdAt.getTime() / HOUR)}` : `d${Math.floor(version.createdAt.getTime() / DAY)}`;
    if (seen.has(bucket)) drop.push(version.id);
    else seen.add(bucket);
  }
  return drop;
}

/**
 * An automatic version of the stored state (the Yjs server keeps one after a stretch of editing
 * and when the last editor leaves), then older automatic versions are thinned.
 */
export async function recordAutoVersion(documentId: string, state: Uint8Array, now = new Date()): Promise<string> {
  const id = newId();
  await db().documentVersion.create({ data: { id, documentId, kind: "auto", state: bytes(state), createdAt: now } });
  const autos = await db().documentVersion.findMany({ where: { documentId, kind: "auto" }, select: { id: true, createdAt: true } });
  const drop = autoVersionsToDrop(autos, now);
  if (drop.length > 0) await db().documentVersion.deleteMany({ where: { id: { in: drop } } });
  return id;
}

/** A member who may edit the document names its current state ("Before the retreat"). */
export async function saveVersion(actor: Actor, documentId: string, name: string): Promise<Result<{ versionId: string }>> {
  const allowed = await authoriseDocument(actor, documentId, "nameVersion");
  if (!allowed.ok) return allowed;
  const trimmed = name.trim();
  if (!trimmed) return refuse.invalid("documents:versions.errors.nameRequired", "name");
  if (trimmed.length > 120) return refuse.invalid("documents:versions.errors.nameTooLong", "name");
  const versionId = await recordVersion(documentId, { kind: "named", name: trimmed, actorId: actor.id });
  await recordAudit({ actorId: actor.id, action: "document.versionNamed", objectType: "document", objectId: documentId, data: { versionId } });
  return ok({ versionId });
}

async function listVersions(documentId: string) {
  const versions = await db().documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, name: true, createdAt: true, createdById: true },
    take: 200,
  });
  const names = await displayNames(versions.map((v) => v.createdById));
  return versions.map((v) => ({ ...v, createdBy: v.createdById ? (names.get(v.createdById) ?? null) : null }));
}

async function versionDoc(documentId: string, versionId: string): Promise<Y.Doc | null> {
  const version = await db().documentVersion.findFirst({ where: { id: versionId, documentId }, select: { state: true } });
  if (!version) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(version.state));
  return doc;
}

async function getVersion(documentId: string, versionId: string) {
  const version = await db().documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, kind: true, name: true, createdAt: true, summary: true },
  });
  if (!version) return null;
  const doc = (await versionDoc(documentId, versionId))!;
  try {
    return { ...version, html: renderHtml(doc), blocks: blocksOf(doc) };
  } finally {
    doc.destroy();
  }
}

export type BlockChange = { change: "same" | "added" | "removed"; block: Block };

/** A block-by-block comparison (longest common subsequence of the blocks' text). */
export function compareBlocks(before: Block[], after: Block[]): BlockChange[] {
  const key = (block: Block) => `${block.type}:${block.text}`;
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = key(before[i]) === key(after[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: BlockChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (key(before[i]) === key(after[j])) {
      out.push({ change: "same", block: after[j] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ change: "removed", block: before[i++] });
    else out.push({ change: "added", block: after[j++] });
  }
  while (i < n) out.push({ change: "removed", block: before[i++] });
  while (j < m) out.push({ change: "added", block: after[j++] });
  return out;
}

/** A document's history: every version and, when one is chosen, its text and what changed since. */
export async function documentHistory(actor: Actor, documentId: string, versionId: string | null) {
  const allowed = await authoriseDocument(actor, documentId, "read");
  if (!allowed.ok) return allowed;
  const versions = await listVersions(documentId);
  const selected = versionId ? await getVersion(documentId, versionId) : null;
  if (versionId && !selected) return refuse.notFound("documents:versions.errors.notFound");
  const changes = selected ? compareBlocks(selected.blocks, await withDocument(documentId, blocksOf)) : null;
  return ok({ canRestore: documentPolicy.allow(actor, "restore", allowed.value), versions, selected, changes });
}

/**
 * Restores a past version as a new change: the current state is kept as a version first, then
 * the document's content is replaced by the old one. Open editors receive it live.
 */
export async function restoreVersion(actor: Actor, documentId: string, versionId: string): Promise<Result> {
  const allowed = await authoriseDocument(actor, documentId, "restore");
  if (!allowed.ok) return allowed;
  const old = await versionDoc(documentId, versionId);
  if (!old) return refuse.notFound("documents:versions.errors.notFound");
  try {
    await recordVersion(documentId, { kind: "restored", actorId: actor.id, summary: { restoredFrom: versionId } });
    await changeDocument(documentId, (doc) => replaceContent(doc, old));
    await recordAudit({ actorId: actor.id, action: "document.restored", objectType: "document", objectId: documentId, data: { versionId } });
    return ok();
  } finally {
    old.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Comments beside a document, anchored to a section heading (or the whole document).

export async function addComment(actor: Actor, documentId: string, input: { anchor: string; body: string }): Promise<Result<{ id: string }>> {
  const allowed = await authoriseDocument(actor, documentId, "comment");
  if (!allowed.ok) return allowed;
  const body = input.body.trim();
  if (!body) return refuse.invalid("documents:comments.errors.empty", "body");
  if (body.length > 4000) return refuse.invalid("documents:comments.errors.tooLong", "body");
  const id = newId();
  await db().documentComment.create({ data: { id, documentId, anchor: input.anchor.trim().slice(0, 200), body, authorId: actor.id } });
  return ok({ id });
}

/** Marks a comment resolved (resolving it again changes nothing). */
export async function resolveComment(actor: Actor, documentId: string, commentId: string): Promise<Result> {
  const allowed = await authoriseDocument(actor, documentId, "resolveComment");
  if (!allowed.ok) return allowed;
  const comment = await db().documentComment.findFirst({ where: { id: commentId, documentId }, select: { resolvedAt: true } });
  if (!comment) return refuse.notFound();
  if (comment.resolvedAt) return ok();
  await db().documentComment.update({ where: { id: commentId }, data: { resolvedAt: new Date() } });
  await recordAudit({ actorId: actor.id, action: "document.commentResolved", objectType: "document", objectId: documentId, data: { commentId } });
  return ok();
}

async function listComments(documentId: string) {
  const comments = await db().documentComment.findMany({
    where: { documentId },
    orderBy: { createdAt: "asc" },
    select: { id: true, anchor: true, body: true, authorId: true, createdAt: true, resolvedAt: true },
    take: 500,
  });
  const names = await displayNames(comments.map((c) => c.authorId));
  return comments.map((c) => ({ ...c, author: names.get(c.authorId) ?? "" }));
}

async function displayNames(ids: Array<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

// ---------------------------------------------------------------------------------------------
// Free documents of a working group.

export async function createFreeDocument(actor: Actor, groupId: string, title: string): Promise<Result<{ id: string; documentId: string }>> {
  if (!documentPolicy.allow(actor, "edit", { kind: "doc", groupId })) return refuse.forbidden("documents:errors.forbidden");
  const trimmed = title.trim();
  if (!trimmed) return refuse.invalid("documents:free.errors.titleRequired", "title");
  if (trimmed.length > 120) return refuse.invalid("documents:free.errors.titleTooLong", "title");
  const id = newId();
  await db().freeDocument.create({ data: { id, groupId, title: trimmed, createdById: actor.id } });
  return ok({ id, documentId: `doc.${id}` });
}

/** The group's free documents this reader may open (the group page's list). */
export async function listFreeDocuments(actor: Actor, groupId: string) {
  if (!documentPolicy.allow(actor, "read", { kind: "doc", groupId })) return [];
  return db().freeDocument.findMany({ where: { groupId }, orderBy: { createdAt: "desc" }, select: { id: true, title: true, createdAt: true } });
}

async function getFreeDocument(id: string) {
  return db().freeDocument.findUnique({ where: { id }, select: { id: true, groupId: true, title: true, createdAt: true } });
}

// ---------------------------------------------------------------------------------------------
// Addresses: /groups/<slug>/docs/<docParam>, where docParam is a core kind or `doc.<id>`.

/** The Yjs document id a page address names, if it belongs to that group. */
export async function documentIdForPage(group: { id: string; slug: string }, docParam: string): Promise<string | null> {
  if ((GROUP_DOCUMENT_KINDS as readonly string[]).includes(docParam)) return `${docParam}.${group.slug}`;
  const ref = parseDocumentId(docParam);
  if (ref?.kind !== "doc") return null;
  const free = await getFreeDocument(ref.id);
  return free && free.groupId === group.id ? docParam : null;
}

/** A stable caret colour per member (readable on white, distinct enough among a few people). */
export function caretColour(userId: string): string {
  const palette = ["#b3261e", "#1b5e20", "#0d47a1", "#6a1b9a", "#e65100", "#00695c", "#ad1457", "#4e342e"];
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}
