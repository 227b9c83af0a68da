// The shared library: resources (uploaded files or links), who may open them, search, share
// links, group collections, links to learning questions, and the coordinator's upload limit.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { deleteFile, openFile, storeFile } from "~/infra/file-store.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { GROUP_SLUGS } from "./groups.server";
import { DEFAULT_MAX_UPLOAD_MB, MAX_UPLOAD_MB_CEILING, RESOURCE_LANGUAGES, RESOURCE_TYPES, SORTS, typeForContent, VISIBILITIES } from "./library";
import { prepareUpload } from "./file-worker.server";
import type { Uncleaned } from "./library-files.server";
import { fold, indexResource, queryWords, searchIds, snippet, unindexResource, type SnippetPart } from "./library-search.server";
import { can, type Actor } from "./permissions";
import * as libraryPolicy from "./policies/library";
import { ok, refuse, type Result } from "./result";


// Who may open, manage and share a resource: policies/library.ts (also used by search's SQL,
// reflections, check-ins and notifications).

// --- Settings ------------------------------------------------------------------------------------

const SETTINGS_ID = "library";

export async function getUploadLimitBytes(): Promise<number> {
  const row = await db().librarySettings.findUnique({ where: { id: SETTINGS_ID }, select: { maxUploadBytes: true } });
  return row?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_MB * 1024 * 1024;
}

export const uploadLimitSchema = z.object({
  maxUploadMb: z.coerce.number({ error: "library:settings.errors.limit" }).int("library:settings.errors.limit").min(1, "library:settings.errors.limit").max(MAX_UPLOAD_MB_CEILING, "library:settings.errors.limit"),
});

export async function setUploadLimit(actor: Actor, input: z.infer<typeof uploadLimitSchema>): Promise<Result> {
  if (!can(actor, "library.configure")) return refuse.forbidden("library:errors.forbidden");
  const maxUploadBytes = input.maxUploadMb * 1024 * 1024;
  await db().$transaction(async (tx) => {
    await tx.librarySettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, maxUploadBytes }, update: { maxUploadBytes } });
    await recordAudit({ actorId: actor.id, action: "library.settings.update", objectType: "library", objectId: SETTINGS_ID, data: { maxUploadMb: input.maxUploadMb } }, tx);
  });
  return ok();
}

// --- Adding and editing ----------------------------------------------------------------------------

/** Tags as typed ("care, burn-out; rest") → a clean list: lower-case, unique, at most 12. */
export function parseTags(raw: string): string[] {
  const tags = raw.split(/[,;\n]/).map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter((t) => t.length > 0 && t.length <= 40);
  return [...new Set(tags)].slice(0, 12);
}

const storedTags = (tags: string[]) => (tags.length ? ` ${tags.join(" | ")} ` : "");
export const tagsOf = (stored: string) => stored.split("|").map((t) => t.trim()).filter(Boolean);
const storedThemes = (themes: string[]) => ` ${themes.join(" ")} `;
export const themesOf = (stored: string) => stored.trim().split(/\s+/).filter(Boolean);

export const resourceDetailsSchema = z
  .object({
    title: z.string().trim().min(1, "library:form.errors.titleRequired").max(200, "library:form.errors.titleTooLong"),
    description: z.string().trim().max(3000, "library:form.errors.descriptionTooLong"),
    language: z.enum(RESOURCE_LANGUAGES, { error: "library:form.errors.language" }),
    type: z.enum(RESOURCE_TYPES, { error: "library:form.errors.type" }),
    themes: z.array(z.enum(GROUP_SLUGS, { error: "library:form.errors.theme" })),
    tags: z.string().max(600, "library:form.errors.tagsTooLong").transform(parseTags),
    visibility: z.enum(VISIBILITIES, { error: "library:form.errors.visibility" }),
    groupSlug: z.string(),
    isShareable: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.visibility !== "community" && !value.groupSlug) {
      ctx.addIssue({ code: "custom", path: ["groupSlug"], message: "library:form.errors.groupRequired" });
    }
    if (value.visibility === "sensitive" && value.isShareable) {
      ctx.addIssue({ code: "custom", path: ["isShareable"], message: "library:form.errors.sensitiveNotShareable" });
    }
  });

export type ResourceDetails = z.infer<typeof resourceDetailsSchema>;

export const linkSchema = z
  .string()
  .trim()
  .max(2000, "library:form.errors.url")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  }, "library:form.errors.url");

/** The working group a group-only or sensitive resource belongs to: one the member is in. */
async function resolveGroup(actor: Actor, details: ResourceDetails): Promise<Result<string | null>> {
  if (details.visibility === "community" && !details.groupSlug) return ok(null);
  const group = await db().workingGroup.findUnique({ where: { slug: details.groupSlug }, select: { id: true } });
  if (!group) return refuse.invalid("library:form.errors.groupRequired", "groupSlug");
  if (!libraryPolicy.allowPlace(actor, { visibility: details.visibility, groupId: group.id })) {
    return refuse.invalid("library:form.errors.notInGroup", "groupSlug");
  }
  return ok(group.id);
}

function columnsFor(details: ResourceDetails, groupId: string | null) {
  return {
    title: details.title,
    description: details.description,
    language: details.language,
    type: details.type,
    themes: storedThemes(details.themes),
    tags: storedTags(details.tags),
    visibility: details.visibility,
    groupId,
    isShareable: details.isShareable,
  };
}

export async function addLinkResource(actor: Actor, details: ResourceDetails, url: string): Promise<Result<{ id: string }>> {
  if (!can(actor, "library.add")) return refuse.forbidden("library:errors.forbidden");
  const group = await resolveGroup(actor, details);
  if (!group.ok) return group;
  const id = newId();
  await db().$transaction(async (tx) => {
    await tx.libraryResource.create({ data: { id, kind: "link", url, addedById: actor.id, ...columnsFor(details, group.value) } });
    await indexResource(tx, { id, title: details.title, tags: details.tags.join(" "), description: details.description, body: url });
  });
  return ok({ id });
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  /** The uploader ticked "keep the file name"; otherwise a neutral name is stored (a name can identify). */
  keepFileName?: boolean;
  /** The uploader left the type to the content: it is taken from the cleaned file's sniffed type. */
  isTypeFromContent?: boolean;
}

/**
 * Checks, cleans and stores an uploaded file, then records the resource. Nothing is written
 * before the file is verified and cleaned; if recording fails, the stored file is removed again
 * (unless another resource already uses the same bytes).
 */
export async function addFileResource(actor: Actor, given: ResourceDetails, upload: UploadedFile): Promise<Result<{ id: string }>> {
  if (!can(actor, "library.add")) return refuse.forbidden("library:errors.forbidden");
  const group = await resolveGroup(actor, given);
  if (!group.ok) return group;
  const maxBytes = await getUploadLimitBytes();
  if (upload.bytes.byteLength === 0) return refuse.invalid("library:upload.errors.empty", "file");
  if (upload.bytes.byteLength > maxBytes) return refuse.tooLarge("library:upload.errors.tooLarge", "file");
  const prepared = await prepareUpload(upload.bytes);
  if (!prepared.ok) return refuse.invalid(prepared.error, "file");
  const details = upload.isTypeFromContent ? { ...given, type: typeForContent({ kind: "file", mime: prepared.mime }) } : given;
  // Cleaning may grow a file a little (a re-encoded image): allow it within the same limit, plus slack.
  const stored = await storeFile(prepared.bytes, { maxBytes: Math.max(maxBytes, prepared.bytes.byteLength) });
  if (!stored.ok) return refuse.invalid(`library:upload.errors.${stored.error}`, "file");
  const id = newId();
  try {
    await db().$transaction(async (tx) => {
      await tx.libraryResource.create({
        data: {
          id,
          kind: "file",
          fileHash: stored.file.hash,
          fileSize: stored.file.size,
          fileMime: prepared.mime,
          fileName: upload.keepFileName ? safeFileName(upload.fileName) : neutralFileName(details, upload.fileName),
          uncleaned: JSON.stringify(prepared.uncleaned),
          bodyText: prepared.text,
          addedById: actor.id,
          ...columnsFor(details, group.value),
        },
      });
      await indexResource(tx, { id, title: details.title, tags: details.tags.join(" "), description: details.description, body: prepared.text });
    });
  } catch (error) {
    await removeFileIfUnused(stored.file.hash);
    throw error;
  }
  return ok({ id });
}

function safeFileName(name: string): string {
  // Keep only the last path segment and printable characters; the store never uses this name.
  const base = name.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f"]/g, "").slice(0, 150);
}

/**
 * A name that says what the file is, not who made it: the title (or the resource type) as a
 * slug, with the original extension when it is a plain one (".pdf").
 */
export function neutralFileName(details: Pick<ResourceDetails, "title" | "type">, originalName: string): string {
  const slug = fold(details.title).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || details.type;
  const extension = /\.([a-z0-9]{1,5})$/i.exec(originalName.trim())?.[1]?.toLowerCase();
  return extension ? `${slug}.${extension}` : slug;
}

async function removeFileIfUnused(hash: string): Promise<void> {
  const users = await db().libraryResource.count({ where: { fileHash: hash } });
  if (users === 0) await deleteFile(hash);
}

/**
 * An erased member's resources follow the library's rules: group-only and sensitive ones go
 * (with their index entries and, if unused elsewhere, their files); community resources stay,
 * attributed to the former member, for the coordinator to keep or delete.
 */
export async function settleErasedMemberResources(userId: string, formerMemberId: string): Promise<{ removed: number; kept: number }> {
  const own = await db().libraryResource.findMany({ where: { addedById: userId }, select: { id: true, visibility: true, fileHash: true } });
  const removed = own.filter((r) => r.visibility !== "community");
  await db().$transaction(async (tx) => {
    for (const resource of removed) {
      await tx.libraryResource.delete({ where: { id: resource.id } });
      await unindexResource(tx, resource.id);
    }
    await tx.libraryResource.updateMany({ where: { addedById: userId }, data: { addedById: formerMemberId } });
  });
  for (const resource of removed) if (resource.fileHash) await removeFileIfUnused(resource.fileHash);
  return { removed: removed.length, kept: own.length - removed.length };
}

export async function updateResource(actor: Actor, id: string, details: ResourceDetails, url?: string): Promise<Result> {
  const resource = await db().libraryResource.findUnique({ where: { id }, select: { addedById: true, visibility: true, groupId: true, kind: true, bodyText: true, url: true } });
  if (!resource || !libraryPolicy.allow(actor, "manage", resource)) return refuse.forbidden("library:errors.forbidden");
  const group = await resolveGroup(actor, details);
  if (!group.ok) return group;
  const nextUrl = resource.kind === "link" ? (url ?? resource.url ?? "") : null;
  await db().$transaction(async (tx) => {
    await tx.libraryResource.update({ where: { id }, data: { ...columnsFor(details, group.value), ...(resource.kind === "link" ? { url: nextUrl } : {}) } });
    // A resource that may no longer leave the CoP loses its live share links.
    if (!details.isShareable) await tx.libraryShareLink.updateMany({ where: { resourceId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await indexResource(tx, { id, title: details.title, tags: details.tags.join(" "), description: details.description, body: resource.kind === "link" ? (nextUrl ?? "") : resource.bodyText });
  });
  return ok();
}

export async function deleteResource(actor: Actor, id: string): Promise<Result> {
  const resource = await db().libraryResource.findUnique({ where: { id }, select: { addedById: true, visibility: true, groupId: true, fileHash: true, title: true } });
  if (!resource || !libraryPolicy.allow(actor, "manage", resource)) return refuse.forbidden("library:errors.forbidden");
  await db().$transaction(async (tx) => {
    await tx.libraryResource.delete({ where: { id } });
    await unindexResource(tx, id);
    await recordAudit({ actorId: actor.id, action: "library.resource.delete", objectType: "libraryResource", objectId: id }, tx);
  });
  if (resource.fileHash) await removeFileIfUnused(resource.fileHash);
  return ok();
}

// --- Reading ------------------------------------------------------------------------------------

const resourceSelect = {
  id: true,
  kind: true,
  title: true,
  description: true,
  language: true,
  type: true,
  themes: true,
  tags: true,
  url: true,
  fileSize: true,
  fileMime: true,
  fileName: true,
  uncleaned: true,
  visibility: true,
  groupId: true,
  isShareable: true,
  addedById: true,
  createdAt: true,
  updatedAt: true,
  addedBy: { select: { displayName: true } },
} as const;

function present<T extends { themes: string; tags: string; uncleaned: string }>(row: T) {
  return { ...row, themes: themesOf(row.themes), tags: tagsOf(row.tags), uncleaned: JSON.parse(row.uncleaned) as Uncleaned[] };
}

/** The resource if this member may open it; null otherwise (the page answers 404, revealing nothing). */
export async function getResource(actor: Actor, id: string) {
  const row = await db().libraryResource.findUnique({ where: { id }, select: resourceSelect });
  if (!row || !libraryPolicy.allow(actor, "open", row)) return null;
  return present(row);
}

export type LibraryResourceView = NonNullable<Awaited<ReturnType<typeof getResource>>>;

export const searchSchema = z.object({
  q: z.string().max(200).catch(""),
  theme: z.enum(GROUP_SLUGS).optional().catch(undefined),
  tag: z.string().max(60).transform((raw) => parseTags(raw)[0]).optional().catch(undefined),
  type: z.enum(RESOURCE_TYPES).optional().catch(undefined),
  language: z.enum(RESOURCE_LANGUAGES).optional().catch(undefined),
  addedBy: z.string().max(40).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

export type SearchParams = z.infer<typeof searchSchema>;

export function readSearchParams(url: URL): SearchParams {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  return searchSchema.parse({ q: "", ...raw });
}

export const PAGE_SIZE = 20;

export async function searchLibrary(actor: Actor, params: SearchParams) {
  const sort = params.sort ?? (params.q.trim() ? "relevance" : "newest");
  const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 3600 * 1000);
  const { ids, total } = await searchIds(db(), actor, {
    query: params.q,
    theme: params.theme,
    tag: params.tag,
    type: params.type,
    language: params.language,
    addedById: params.addedBy,
    from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    until: params.to ? addDay(params.to) : undefined,
    sort,
    limit: PAGE_SIZE,
    offset: (params.page - 1) * PAGE_SIZE,
  });
  const rows = ids.length
    ? await db().libraryResource.findMany({ where: { id: { in: ids } }, select: { ...resourceSelect, bodyText: true } })
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const words = queryWords(params.q);
  const results = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { bodyText, ...rest } = row;
    const excerpt: SnippetPart[] | null = words.length ? (snippet(row.description, words) ?? snippet(bodyText, words)) : null;
    return [{ ...present(rest), snippet: excerpt }];
  });
  return { results, total: Math.max(total, 0), sort, page: params.page, pageCount: Math.max(1, Math.ceil(Math.max(total, 0) / PAGE_SIZE)) };
}

/** The people who added something everyone may open, for the "added by" filter (listing every
 *  uploader would tell readers that someone added restricted resources). */
export async function listContributors() {
  return db().user.findMany({
    where: { libraryResources: { some: libraryPolicy.publicWhere } },
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
}

/** The stored bytes of a resource this member may open. */
export async function openResourceFile(actor: Actor, id: string) {
  const row = await db().libraryResource.findUnique({ where: { id }, select: { ...resourceSelect, fileHash: true } });
  if (!row || !row.fileHash || !libraryPolicy.allow(actor, "open", row)) return null;
  return fileFor(row);
}

async function fileFor(row: { fileHash: string | null; fileMime: string | null; fileName: string | null; title: string }) {
  if (!row.fileHash) return null;
  const file = await openFile(row.fileHash);
  if (!file) return null;
  return { ...file, hash: row.fileHash, mime: row.fileMime ?? "application/octet-stream", fileName: row.fileName || row.title };
}

// --- Share links -------------------------------------------------------------------------------

export async function createShareLink(actor: Actor, resourceId: string): Promise<Result<{ token: string }>> {
  const resource = await db().libraryResource.findUnique({ where: { id: resourceId }, select: { addedById: true, isShareable: true, visibility: true, groupId: true } });
  if (!resource || !libraryPolicy.allow(actor, "manage", resource)) return refuse.forbidden("library:errors.forbidden");
  if (!libraryPolicy.mayLeaveTheCop(resource)) return refuse.conflict("library:share.errors.notShareable");
  const token = randomToken(20);
  const id = newId();
  await db().$transaction(async (tx) => {
    await tx.libraryShareLink.create({ data: { id, resourceId, tokenHash: sha256Hex(token), createdById: actor.id } });
    await recordAudit({ actorId: actor.id, action: "library.share.create", objectType: "libraryResource", objectId: resourceId, data: { linkId: id } }, tx);
  });
  return ok({ token });
}

export async function revokeShareLink(actor: Actor, linkId: string): Promise<Result> {
  const link = await db().libraryShareLink.findUnique({ where: { id: linkId }, select: { resourceId: true, revokedAt: true, resource: { select: { addedById: true, visibility: true, groupId: true } } } });
  if (!link || !libraryPolicy.allow(actor, "manage", link.resource)) return refuse.forbidden("library:errors.forbidden");
  if (link.revokedAt) return ok();
  await db().$transaction(async (tx) => {
    await tx.libraryShareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
    await recordAudit({ actorId: actor.id, action: "library.share.revoke", objectType: "libraryResource", objectId: link.resourceId, data: { linkId } }, tx);
  });
  return ok();
}

export async function listShareLinks(resourceId: string) {
  return db().libraryShareLink.findMany({
    where: { resourceId },
    select: { id: true, createdAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** What a share link opens, while it is valid and the resource is still marked shareable. */
export async function getSharedResource(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const link = await db().libraryShareLink.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { revokedAt: true, resource: { select: { ...resourceSelect, fileHash: true } } },
  });
  if (!link || link.revokedAt || !libraryPolicy.mayLeaveTheCop(link.resource)) return null;
  return link.resource;
}

export async function openSharedFile(token: string) {
  const resource = await getSharedResource(token);
  return resource ? fileFor(resource) : null;
}

// --- Learning questions --------------------------------------------------------------------------

/** A group's learning questions, numbered from 1, in the reader's language. */
export async function learningQuestions(language: string) {
  const groups = await db().workingGroup.findMany({
    select: { id: true, slug: true, nameEn: true, nameFr: true, questionsEn: true, questionsFr: true },
    orderBy: { position: "asc" },
  });
  return groups.map((group) => ({
    id: group.id,
    slug: group.slug,
    name: language === "fr" ? group.nameFr : group.nameEn,
    questions: (language === "fr" ? group.questionsFr : group.questionsEn).split("\n").map((q) => q.trim()).filter(Boolean),
  }));
}

export async function linkToQuestion(actor: Actor, resourceId: string, groupId: string, questionNumber: number): Promise<Result> {
  const resource = await db().libraryResource.findUnique({ where: { id: resourceId }, select: { visibility: true, groupId: true, addedById: true } });
  if (!resource || !libraryPolicy.allow(actor, "open", resource) || !can(actor, "library.curate", { groupId })) return refuse.forbidden("library:errors.forbidden");
  const group = (await learningQuestions("en")).find((g) => g.id === groupId);
  if (!group || !Number.isInteger(questionNumber) || questionNumber < 1 || questionNumber > group.questions.length) {
    return refuse.invalid("library:questions.errors.unknown");
  }
  await db().libraryQuestionLink.upsert({
    where: { resourceId_groupId_questionNumber: { resourceId, groupId, questionNumber } },
    create: { resourceId, groupId, questionNumber, createdById: actor.id },
    update: {},
  });
  return ok();
}

export async function unlinkQuestion(actor: Actor, resourceId: string, groupId: string, questionNumber: number): Promise<Result> {
  if (!can(actor, "library.curate", { groupId })) return refuse.forbidden("library:errors.forbidden");
  await db().libraryQuestionLink.deleteMany({ where: { resourceId, groupId, questionNumber } });
  return ok();
}

export async function questionLinksOf(resourceId: string) {
  return db().libraryQuestionLink.findMany({
    where: { resourceId },
    select: { groupId: true, questionNumber: true },
    orderBy: [{ groupId: "asc" }, { questionNumber: "asc" }],
  });
}

// --- Collections -----------------------------------------------------------------------------------

export const collectionSchema = z.object({
  title: z.string().trim().min(1, "library:collections.errors.titleRequired").max(120, "library:collections.errors.titleTooLong"),
  description: z.string().trim().max(1000, "library:collections.errors.descriptionTooLong"),
  groupId: z.string().min(1, "library:collections.errors.group"),
});

export async function createCollection(actor: Actor, input: z.infer<typeof collectionSchema>): Promise<Result<{ id: string }>> {
  if (!can(actor, "library.curate", { groupId: input.groupId })) return refuse.forbidden("library:errors.forbidden", { fieldErrors: { groupId: "library:collections.errors.group" } });
  const exists = await db().workingGroup.count({ where: { id: input.groupId } });
  if (!exists) return refuse.invalid("library:collections.errors.group", "groupId");
  const id = newId();
  await db().libraryCollection.create({ data: { id, groupId: input.groupId, title: input.title, description: input.description, createdById: actor.id } });
  return ok({ id });
}

export async function deleteCollection(actor: Actor, collectionId: string): Promise<Result> {
  const collection = await db().libraryCollection.findUnique({ where: { id: collectionId }, select: { groupId: true } });
  if (!collection || !can(actor, "library.curate", { groupId: collection.groupId })) return refuse.forbidden("library:errors.forbidden");
  await db().libraryCollection.delete({ where: { id: collectionId } });
  return ok();
}

export async function addToCollection(actor: Actor, collectionId: string, resourceId: string): Promise<Result> {
  const [collection, resource] = await Promise.all([
    db().libraryCollection.findUnique({ where: { id: collectionId }, select: { groupId: true } }),
    db().libraryResource.findUnique({ where: { id: resourceId }, select: { visibility: true, groupId: true, addedById: true } }),
  ]);
  if (!collection || !resource || !libraryPolicy.allow(actor, "open", resource) || !can(actor, "library.curate", { groupId: collection.groupId })) {
    return refuse.forbidden("library:errors.forbidden");
  }
  await db().$transaction(async (tx) => {
    const already = await tx.libraryCollectionItem.count({ where: { collectionId, resourceId } });
    if (already) return;
    const last = await tx.libraryCollectionItem.aggregate({ where: { collectionId }, _max: { position: true } });
    await tx.libraryCollectionItem.create({ data: { collectionId, resourceId, position: (last._max.position ?? 0) + 1 } });
  });
  return ok();
}

export async function removeFromCollection(actor: Actor, collectionId: string, resourceId: string): Promise<Result> {
  const collection = await db().libraryCollection.findUnique({ where: { id: collectionId }, select: { groupId: true } });
  if (!collection || !can(actor, "library.curate", { groupId: collection.groupId })) return refuse.forbidden("library:errors.forbidden");
  await db().libraryCollectionItem.deleteMany({ where: { collectionId, resourceId } });
  return ok();
}

/** Moves an item one place up or down the reading list (swapping positions with its neighbour). */
export async function moveInCollection(actor: Actor, collectionId: string, resourceId: string, direction: "up" | "down"): Promise<Result> {
  const collection = await db().libraryCollection.findUnique({ where: { id: collectionId }, select: { groupId: true } });
  if (!collection || !can(actor, "library.curate", { groupId: collection.groupId })) return refuse.forbidden("library:errors.forbidden");
  await db().$transaction(async (tx) => {
    const items = await tx.libraryCollectionItem.findMany({ where: { collectionId }, select: { resourceId: true, position: true }, orderBy: { position: "asc" } });
    const index = items.findIndex((item) => item.resourceId === resourceId);
    const other = direction === "up" ? index - 1 : index + 1;
    if (index === -1 || other < 0 || other >= items.length) return;
    const order = items.map((item) => item.resourceId);
    [order[index], order[other]] = [order[other], order[index]];
    for (const [position, id] of order.entries()) {
      await tx.libraryCollectionItem.update({ where: { collectionId_resourceId: { collectionId, resourceId: id } }, data: { position: position + 1 } });
    }
  });
  return ok();
}

/** Every collection, with how many of its resources this member may open. */
export async function listCollections(actor: Actor) {
  const collections = await db().libraryCollection.findMany({
    select: {
      id: true, groupId: true, title: true, description: true, updatedAt: true,
      items: { select: { resource: { select: { visibility: true, groupId: true, addedById: true } } } },
    },
    orderBy: [{ groupId: "asc" }, { createdAt: "asc" }],
  });
  return collections.map(({ items, ...collection }) => ({
    ...collection,
    canCurate: can(actor, "library.curate", { groupId: collection.groupId }),
    count: items.filter((item) => libraryPolicy.allow(actor, "open", item.resource)).length,
  }));
}

/** A collection's reading list in order, leaving out what this member may not open. */
export async function getCollection(actor: Actor, collectionId: string) {
  const collection = await db().libraryCollection.findUnique({
    where: { id: collectionId },
    select: {
      id: true, groupId: true, title: true, description: true,
      items: { select: { position: true, resource: { select: resourceSelect } }, orderBy: { position: "asc" } },
    },
  });
  if (!collection) return null;
  return {
    ...collection,
    canCurate: can(actor, "library.curate", { groupId: collection.groupId }),
    items: collection.items.filter((item) => libraryPolicy.allow(actor, "open", item.resource)).map((item) => present(item.resource)),
  };
}

/** The collections a resource is in, and those this member could add it to. */
export async function collectionsForResource(actor: Actor, resourceId: string) {
  const all = await db().libraryCollection.findMany({
    select: { id: true, groupId: true, title: true, items: { where: { resourceId }, select: { resourceId: true } } },
    orderBy: { createdAt: "asc" },
  });
  return {
    containing: all.filter((c) => c.items.length > 0).map(({ items: _items, ...c }) => c),
    addable: all.filter((c) => c.items.length === 0 && can(actor, "library.curate", { groupId: c.groupId })).map(({ items: _items, ...c }) => c),
  };
}
