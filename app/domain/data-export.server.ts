// "Export your data": a zip of what Praxis holds about the member and what they authored or
// own — profile and settings, posts and comments, the documents they contributed to (as HTML,
// only those they may still read), RSVPs and attendance, their honoraria record, the expenses
// they recorded (with receipts) and the files they uploaded. Nothing of other members beyond the
// titles of the places the member wrote in. Prepared in the background (streamed with fflate,
// sealed, into the file store, so any instance can serve it), downloadable once within 24
// hours, then deleted.
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { db } from "~/infra/db.server";
import { deleteExportFile, openExportFile, openExportWriter, removeLegacyExportFolder, type SealedExport } from "~/infra/export-store.server";
import { openFile } from "~/infra/file-store.server";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { escapeHtml, renderHtml } from "./document-content.server";
import { documentAccess, readDocument } from "./documents.server";
import { ownHonorarium } from "./honoraria.server";
import type { Actor } from "./permissions";
import * as accountPolicy from "./policies/account";
import { ok, refuse, type Result } from "./result";

export const EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type ExportStatus = "queued" | "preparing" | "ready" | "downloaded" | "failed" | "expired";

/** The member's latest export, as the settings page shows it. */
export async function exportStatus(actor: Actor, now = new Date()) {
  const row = await db().dataExport.findFirst({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, progress: true, size: true, readyAt: true, expiresAt: true, createdAt: true } });
  if (!row) return null;
  const expired = row.status === "ready" && row.expiresAt.getTime() <= now.getTime();
  return { ...row, status: (expired ? "expired" : row.status) as ExportStatus };
}

/** The member asks for an export; one at a time. Preparation starts at once in this process. */
export async function requestExport(actor: Actor, now = new Date()): Promise<Result<{ id: string }>> {
  if (!accountPolicy.allow(actor, "export", { id: actor.id })) return refuse.forbidden();
  const current = await exportStatus(actor, now);
  if (current && (current.status === "queued" || current.status === "preparing")) return refuse.conflict("settings:export.alreadyPreparing");
  if (current?.status === "ready") await discard(current.id, "expired");
  const id = newId();
  await db().dataExport.create({ data: { id, userId: actor.id, expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_MS) } });
  void runExportQueue().catch((error) => log("error", "export queue failed", describeError(error)));
  return ok({ id });
}

// A download in progress streams from the file it claimed; the job leaves that file this long
// (the download deletes it itself when done) and only then clears what a crash left behind.
const DOWNLOAD_GRACE_MS = 60 * 60 * 1000;

/** The export's file goes from the store and its key from the row; the row keeps its status. */
async function discard(id: string, status: "downloaded" | "expired" | "failed") {
  const row = await db().dataExport.findUnique({ where: { id }, select: { fileHash: true } });
  if (row?.fileHash) await deleteExportFile(row.fileHash);
  await db().dataExport.updateMany({ where: { id }, data: { status, fileHash: null, sealKey: null } });
}

/** Account erasure: every export of the member leaves the store (the caller deletes the rows). */
export async function discardExportsOf(userId: string): Promise<void> {
  const rows = await db().dataExport.findMany({ where: { userId, fileHash: { not: null } }, select: { fileHash: true } });
  for (const row of rows) if (row.fileHash) await deleteExportFile(row.fileHash);
}

/** Claims the download: only once, only the owner, only while it lasts. The file goes after. */
export async function takeExport(actor: Actor, id: string, now = new Date()): Promise<Result<{ stream: NodeJS.ReadableStream; size: number; fileName: string }>> {
  if (!accountPolicy.allow(actor, "export", { id: actor.id })) return refuse.forbidden();
  const { count } = await db().dataExport.updateMany({
    where: { id, userId: actor.id, status: "ready", expiresAt: { gt: now } },
    data: { status: "downloaded", downloadedAt: now },
  });
  if (count === 0) return refuse.notFound("settings:export.gone");
  const row = await db().dataExport.findUnique({ where: { id }, select: { fileHash: true, sealKey: true } });
  const file = row?.fileHash && row.sealKey ? await openExportFile({ fileHash: row.fileHash, sealKey: row.sealKey }) : null;
  if (!file) return refuse.notFound("settings:export.gone");
  const remove = () => void discard(id, "downloaded").catch((error) => log("warn", "export not removed after download", describeError(error)));
  file.stream.once("close", remove);
  return ok({ stream: file.stream, size: file.size, fileName: `praxis-export-${now.toISOString().slice(0, 10)}.zip` });
}

let running: Promise<void> | null = null;

/** How long a claim on a preparation holds without renewal (it is renewed every third of it). */
const LEASE_MS = 2 * 60_000;
const leaseFromNow = () => new Date(Date.now() + LEASE_MS);

/** Prepares queued exports one after the other; concurrent calls share the run. */
export function runExportQueue(): Promise<void> {
  running ??= (async () => {
    try {
      for (;;) {
        const next = await db().dataExport.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true, userId: true } });
        if (!next) return;
        const claimed = await db().dataExport.updateMany({ where: { id: next.id, status: "queued" }, data: { status: "preparing", leaseUntil: leaseFromNow() } });
        if (claimed.count === 0) continue;
        const renewal = setInterval(() => {
          db().dataExport.updateMany({ where: { id: next.id, status: "preparing" }, data: { leaseUntil: leaseFromNow() } }).catch((error) => log("error", "export lease not renewed", { exportId: next.id, ...describeError(error) }));
        }, LEASE_MS / 3);
        renewal.unref();
        try {
          const sealed = await prepareExport(next.id, next.userId);
          const now = new Date();
          const done = await db().dataExport
            .updateMany({
              where: { id: next.id, status: "preparing" },
              data: { status: "ready", leaseUntil: null, progress: 100, size: sealed.size, fileHash: sealed.fileHash, sealKey: sealed.sealKey, readyAt: now, expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_MS) },
            })
            .catch((error) => (log("error", "export not recorded", { exportId: next.id, ...describeError(error) }), { count: 0 }));
          // The row was erased meanwhile, or another instance finished it first: this copy goes.
          if (done.count === 0) await deleteExportFile(sealed.fileHash);
        } catch (error) {
          log("error", "export failed", { exportId: next.id, ...describeError(error) });
          await discard(next.id, "failed");
        } finally {
          clearInterval(renewal);
        }
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** The job: files of expired or downloaded exports go; preparations cut off by a crash or restart resume. */
export async function sweepExports(now = new Date()): Promise<void> {
  const stale = await db().dataExport.findMany({
    where: {
      OR: [
        { status: "ready", expiresAt: { lte: now } },
        { status: "downloaded", fileHash: { not: null }, downloadedAt: { lte: new Date(now.getTime() - DOWNLOAD_GRACE_MS) } },
        { status: { in: ["expired", "failed"] }, fileHash: { not: null } },
      ],
    },
    select: { id: true, status: true },
  });
  for (const row of stale) await discard(row.id, row.status === "ready" ? "expired" : (row.status as "downloaded" | "expired" | "failed"));
  await removeLegacyExportFolder();
  // Only what nobody holds any more: another process (or instance) may be preparing the rest.
  await db().dataExport.updateMany({ where: { status: "preparing", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }, data: { status: "queued", leaseUntil: null } });
  await runExportQueue();
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

/** A file-system-safe name piece: letters, digits and dashes, never empty. */
function slug(text: string, fallback: string): string {
  const s = text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return s || fallback;
}

/** Like slug, keeping a plain extension ("notes.pdf" → "notes.pdf"). */
function fileSlug(name: string, fallback: string): string {
  const match = /^(.*)\.([a-z0-9]{1,5})$/i.exec(name.trim());
  return match ? `${slug(match[1], fallback)}.${match[2].toLowerCase()}` : slug(name, fallback);
}

function htmlPage(title: string, body: string): Uint8Array {
  return new TextEncoder().encode(`<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`);
}

/** Streams the zip, sealed, into the file store. Progress is written as sections complete. */
async function prepareExport(exportId: string, userId: string): Promise<SealedExport> {
  const actor = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
  const writer = openExportWriter();
  let failed: Error | null = null;
  let waiting: (() => void) | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failed = error;
    else if (!writer.stream.write(chunk)) writer.stream.once("drain", () => waiting?.());
    if (final) writer.stream.end();
  });
  /** Waits while the file is behind, so a large upload never sits in memory whole. */
  const drained = () => (writer.stream.writableNeedDrain ? new Promise<void>((done) => (waiting = done)) : Promise.resolve());
  const addBytes = async (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
    await drained();
  };
  const addStored = async (name: string, hash: string) => {
    const file = await openFile(hash);
    if (!file) return;
    // Already compressed (PDF, office, images, audio): stored as is.
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    for await (const chunk of file.stream) {
      entry.push(new Uint8Array(chunk as Buffer));
      await drained();
    }
    entry.push(new Uint8Array(0), true);
  };
  const progress = (value: number) => db().dataExport.update({ where: { id: exportId }, data: { progress: value } });

  try {
    const groups = new Map((await db().workingGroup.findMany({ select: { id: true, slug: true } })).map((g) => [g.id, g.slug]));
    const profile = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, displayName: true, role: true, locale: true, timeZone: true, createdAt: true } });
    const [memberships, notificationSettings, sessions, totp, recoveryCodesLeft, passkeys] = await Promise.all([
      db().membership.findMany({ where: { userId }, select: { groupId: true, role: true, createdAt: true } }),
      db().notificationSetting.findUnique({ where: { userId }, select: { email: true, emailConfirmedAt: true, emailMode: true, includeContent: true, mailingList: true, quietStart: true, quietEnd: true, restUntil: true } }),
      db().session.findMany({ where: { userId }, select: { deviceLabel: true, createdAt: true, lastActiveAt: true } }),
      db().totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
      db().recoveryCode.count({ where: { userId, usedAt: null } }),
      db().passkey.findMany({ where: { userId }, select: { name: true, createdAt: true, lastUsedAt: true } }),
    ]);
    await addBytes("profile.json", json({
      account: profile,
      memberships: memberships.map((m) => ({ group: groups.get(m.groupId) ?? m.groupId, role: m.role, since: m.createdAt })),
      notificationSettings,
      sessions,
      // Whether a factor is enrolled, never its secret.
      secondFactor: { authenticatorApp: Boolean(totp?.confirmedAt), recoveryCodesLeft, passkeys },
    }));
    await progress(15);

    const posts = await db().post.findMany({
      where: { authorId: userId },
      select: { id: true, seq: true, language: true, bodySource: true, bodyHtml: true, createdAt: true, editedAt: true, deletedAt: true, revisions: { select: { bodySource: true, createdAt: true } }, thread: { select: { id: true, title: true, groupId: true, authorId: true } } },
      orderBy: { createdAt: "asc" },
    });
    await addBytes("posts.json", json(posts.map(({ thread, ...post }) => ({
      ...post,
      thread: { id: thread.id, title: thread.title, space: thread.groupId ? (groups.get(thread.groupId) ?? "group") : "community", startedByYou: thread.authorId === userId },
    }))));
    const [documentComments, checkInComments] = await Promise.all([
      db().documentComment.findMany({ where: { authorId: userId }, select: { documentId: true, anchor: true, body: true, createdAt: true, resolvedAt: true } }),
      db().checkInComment.findMany({ where: { authorId: userId }, select: { checkInId: true, body: true, language: true, createdAt: true } }),
    ]);
    await addBytes("comments.json", json({ documents: documentComments, checkIns: checkInComments }));
    await progress(30);

    // Documents they edited, versioned, created or commented on, and may still read.
    const [contributed, versions, created] = await Promise.all([
      db().documentContributor.findMany({ where: { userId }, select: { documentId: true } }),
      db().documentVersion.findMany({ where: { createdById: userId }, select: { documentId: true } }),
      db().freeDocument.findMany({ where: { createdById: userId }, select: { id: true } }),
    ]);
    const documentIds = [...new Set([...contributed, ...versions, ...documentComments].map((d) => d.documentId).concat(created.map((d) => `doc.${d.id}`)))].sort();
    const titles = new Map((await db().freeDocument.findMany({ where: { id: { in: documentIds.filter((d) => d.startsWith("doc.")).map((d) => d.slice(4)) } }, select: { id: true, title: true } })).map((d) => [`doc.${d.id}`, d.title]));
    for (const documentId of documentIds) {
      if ((await documentAccess(actor, documentId)) === "none") continue;
      const doc = await readDocument(documentId);
      const title = titles.get(documentId) ?? documentId;
      await addBytes(`documents/${slug(documentId, "document")}.html`, htmlPage(title, renderHtml(doc)));
      doc.destroy();
    }
    await progress(50);

    const attendance = await db().meetingAttendance.findMany({
      where: { userId },
      select: { rsvp: true, attended: true, updatedAt: true, meeting: { select: { id: true, titleEn: true, titleFr: true, startsAt: true, kind: true } } },
    });
    await addBytes("meetings.json", json(attendance));
    // Decisions: what they proposed, their positions and votes (with reasons), and for anonymous
    // polls only that they voted (nothing stores what).
    const [proposed, votes, voted] = await Promise.all([
      db().decision.findMany({ where: { proposerId: userId }, select: { id: true, kind: true, titleEn: true, titleFr: true, closesAt: true, closedAt: true, outcomeEn: true, outcomeFr: true } }),
      db().decisionVote.findMany({ where: { userId }, select: { decisionId: true, choice: true, reason: true, createdAt: true, updatedAt: true } }),
      db().decisionVoter.findMany({ where: { userId }, select: { decisionId: true } }),
    ]);
    await addBytes("decisions.json", json({ proposed, votes: votes.map((v) => ({ ...v, choice: JSON.parse(v.choice) as unknown })), votedIn: voted.map((v) => v.decisionId) }));
    const honorarium = await ownHonorarium(actor);
    const payments = await db().honorariumPayment.findMany({ where: { userId }, select: { month: true, amountCents: true, currency: true, paidAt: true } });
    await addBytes("honoraria.json", json({ record: honorarium && { currency: honorarium.currency, months: honorarium.months, paidCents: honorarium.paidCents, owedCents: honorarium.owedCents }, payments }));
    const expenses = await db().expense.findMany({ where: { recordedById: userId }, select: { id: true, groupId: true, amountCents: true, currency: true, spentOn: true, description: true, receiptHash: true, receiptName: true, createdAt: true } });
    await addBytes("expenses.json", json(expenses.map(({ receiptHash, groupId, ...e }) => ({ ...e, group: groups.get(groupId) ?? groupId, receipt: receiptHash ? `files/receipts/${e.id}-${fileSlug(e.receiptName ?? "", "receipt")}` : null }))));
    await progress(65);

    const resources = await db().libraryResource.findMany({
      where: { addedById: userId },
      select: { id: true, kind: true, title: true, description: true, language: true, type: true, tags: true, url: true, fileName: true, fileHash: true, fileMime: true, visibility: true, createdAt: true },
    });
    const fileOf = (r: (typeof resources)[number]) => `files/library/${r.id}-${fileSlug(r.fileName ?? r.title, "file")}`;
    await addBytes("library.json", json(resources.map(({ fileHash, ...r }) => ({ ...r, file: fileHash ? fileOf({ ...r, fileHash }) : null }))));
    for (const resource of resources) if (resource.fileHash) await addStored(fileOf(resource), resource.fileHash);
    await progress(90);
    for (const expense of expenses) {
      if (expense.receiptHash) await addStored(`files/receipts/${expense.id}-${fileSlug(expense.receiptName ?? "", "receipt")}`, expense.receiptHash);
    }
    zip.end();
    if (failed) throw failed;
    return await writer.commit();
  } catch (error) {
    zip.terminate();
    await writer.abort();
    throw error;
  }
}
