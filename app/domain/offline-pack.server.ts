// The offline reading pack: what a member's own device keeps to read without a connection
// (their spaces' recent threads, published agendas and minutes of the last months, their open
// action items and upcoming meetings, their groups' documents as read-only HTML, and library
// items they pinned), rendered here as small HTML fragments the device encrypts at rest.
//
// Every item comes from the domain read functions the pages use (listSpaceThreads, postsAfter,
// listMeetings, publishedVersion behind meetingTextAccess, readDocumentPage, getResource,
// openActionItemsFor), so the pack obeys exactly the policies the pages obey: there is no
// visibility rule of its own here.
//
// Deltas: each item has a version (a short hash of its content). The cursor the server hands
// back is the list of (id, version) the device now holds; sent back, only items whose version
// differs travel, and the manifest tells the device which ids to drop (deleted, no longer
// visible, past the cap).
import { createHash, randomBytes } from "node:crypto";
import { db } from "~/infra/db.server";
import { translatorFor } from "~/infra/i18n.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { zoneOrUtc } from "~/infra/time-zones";
import { escapeHtml } from "./document-content.server";
import { listSpaceThreads, postsAfter } from "./discussions.server";
import { GROUP_DOCUMENT_KINDS, listFreeDocuments, readDocumentPage } from "./documents.server";
import { getResource } from "./library.server";
import { isInvited, listMeetings } from "./meetings.server";
import { meetingTextAccess, openActionItemsFor, publishedVersion, TEXT_KINDS, type TextKind } from "./minutes.server";
import { memberGroupIds, type Actor } from "./permissions";
import { ok, refuse, type Result } from "./result";

/** The cap when the member has not chosen one. */
export const DEFAULT_PACK_LIMIT_BYTES = 5 * 1024 * 1024;
/** What a member may choose as a cap. */
export const PACK_LIMIT_CHOICES = [1, 2, 5, 10, 20].map((mb) => mb * 1024 * 1024);
/** Published texts and threads this recent travel in the pack. */
export const PACK_MONTHS = 3;
const THREADS_PER_SPACE = 15;
const POSTS_PER_THREAD = 200;

export interface PackActor extends Actor {
  displayName: string;
  locale: string | null;
  timeZone: string | null;
}

export type PackItemKind = "actions" | "meeting" | "thread" | "document" | "resource";

export interface PackItem {
  id: string;
  kind: PackItemKind;
  title: string;
  /** Where the page lives online. */
  href: string;
  /** Short hash of title + html: the item's version. */
  v: string;
  html: string;
}

export interface PackDelta {
  /** Every id the pack holds now, with its version, in reading order. */
  manifest: Array<{ id: string; v: string; bytes: number }>;
  /** Items whose version differs from the cursor's (new or changed). */
  items: PackItem[];
  /** Hand this back next time. */
  cursor: string;
  limitBytes: number;
  bytes: number;
  /** Items left out because the cap was reached. */
  leftOut: number;
}

// ---------------------------------------------------------------------------------------------
// Settings

/**
 * The member's data saver choice (null: never chosen). Every signed-in page asks (the root), so
 * it is one small statement rather than a query-builder read of the whole row.
 */
export async function dataSaverChoice(userId: string): Promise<boolean | null> {
  const rows = await db().$queryRaw<Array<{ dataSaver: boolean | number | null }>>`SELECT "dataSaver" FROM "DeviceSettings" WHERE "userId" = ${userId}`;
  const value = rows[0]?.dataSaver ?? null;
  return value === null ? null : Boolean(value);
}

export async function deviceSettings(userId: string) {
  const row = await db().deviceSettings.findUnique({ where: { userId } });
  return { packLimitBytes: row?.packLimitBytes ?? DEFAULT_PACK_LIMIT_BYTES, packBothLanguages: row?.packBothLanguages ?? false, dataSaver: row?.dataSaver ?? null };
}

export async function updateDeviceSettings(actor: Actor, input: { packLimitBytes?: number; packBothLanguages?: boolean; dataSaver?: boolean }): Promise<Result> {
  if (input.packLimitBytes !== undefined && !PACK_LIMIT_CHOICES.includes(input.packLimitBytes)) return refuse.invalid("pack:errors.limit", "packLimitBytes");
  await db().deviceSettings.upsert({ where: { userId: actor.id }, create: { userId: actor.id, ...input }, update: input });
  if (input.dataSaver) await digestInsteadOfImmediate(actor.id);
  return ok();
}

/** With the data saver, mail that would come each time comes as a daily digest. */
async function digestInsteadOfImmediate(userId: string): Promise<void> {
  await db().notificationSetting.updateMany({ where: { userId, emailMode: "immediate" }, data: { emailMode: "daily" } });
}

/** Data saver turned on by a device on a slow connection, unless the member already chose. */
export async function suggestDataSaver(actor: Actor): Promise<boolean> {
  let turnedOn = (await db().deviceSettings.updateMany({ where: { userId: actor.id, dataSaver: null }, data: { dataSaver: true } })).count > 0;
  if (!turnedOn && !(await db().deviceSettings.findUnique({ where: { userId: actor.id }, select: { userId: true } }))) {
    turnedOn = await db()
      .deviceSettings.create({ data: { userId: actor.id, dataSaver: true } })
      .then(() => true)
      .catch(() => false);
  }
  if (turnedOn) await digestInsteadOfImmediate(actor.id);
  return turnedOn;
}

export async function pinResource(actor: Actor, resourceId: string, pinned: boolean): Promise<Result> {
  if (!(await getResource(actor, resourceId))) return refuse.notFound();
  if (pinned) await db().libraryPin.upsert({ where: { userId_resourceId: { userId: actor.id, resourceId } }, create: { userId: actor.id, resourceId }, update: {} });
  else await db().libraryPin.deleteMany({ where: { userId: actor.id, resourceId } });
  return ok();
}

export async function isPinned(userId: string, resourceId: string): Promise<boolean> {
  return (await db().libraryPin.count({ where: { userId, resourceId } })) > 0;
}

// ---------------------------------------------------------------------------------------------
// The key

/**
 * The pack key of a live session (made on first ask). Only ever called with the session the
 * request proved; it lives in the session's row, so it ends with the session.
 */
export async function packKeyFor(sessionId: string): Promise<Uint8Array | null> {
  const row = await db().session.findUnique({ where: { id: sessionId }, select: { packKey: true } });
  if (!row) return null;
  if (row.packKey) return new Uint8Array(row.packKey);
  await db().session.updateMany({ where: { id: sessionId, packKey: null }, data: { packKey: new Uint8Array(randomBytes(32)) } });
  const again = await db().session.findUnique({ where: { id: sessionId }, select: { packKey: true } });
  return again?.packKey ? new Uint8Array(again.packKey) : null;
}

// ---------------------------------------------------------------------------------------------
// Cursor: "id:v,id:v" in base64url; anything unreadable counts as an empty pack.

export function encodeCursor(entries: Array<{ id: string; v: string }>): string {
  return Buffer.from(entries.map((e) => `${e.id}:${e.v}`).join(","), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): Map<string, string> {
  const held = new Map<string, string>();
  if (!cursor || cursor.length > 200_000) return held;
  for (const pair of Buffer.from(cursor, "base64url").toString("utf8").split(",")) {
    const match = /^([\w.:-]{1,120}):([0-9a-f]{12})$/.exec(pair);
    if (match) held.set(match[1], match[2]);
  }
  return held;
}

// ---------------------------------------------------------------------------------------------
// Building

const version = (title: string, html: string) => createHash("sha256").update(title).update("\0").update(html).digest("hex").slice(0, 12);

function item(kind: PackItemKind, id: string, title: string, href: string, html: string): PackItem {
  return { id, kind, title, href, html, v: version(title, html) };
}

function languageOf(actor: PackActor): Language {
  return isSupportedLanguage(actor.locale) ? actor.locale : "en";
}

async function threadItems(actor: PackActor, t: Awaited<ReturnType<typeof translatorFor>>, when: (iso: string | Date) => string, since: Date): Promise<PackItem[]> {
  const spaces: Array<string | null> = [...memberGroupIds(actor), null];
  const out: PackItem[] = [];
  for (const groupId of spaces) {
    const { threads } = await listSpaceThreads(actor, groupId);
    for (const thread of threads.filter((x) => !x.isHidden && new Date(x.lastPostAt) >= since).slice(0, THREADS_PER_SPACE)) {
      const posts = await postsAfter(actor, thread.id, -1, POSTS_PER_THREAD);
      if (!posts) continue;
      const body = posts
        .map((post) => {
          const meta = `<p class="pack-meta">${escapeHtml(post.author.displayName || t("formerMember"))} · ${escapeHtml(when(post.createdAt))}</p>`;
          const text = post.html ?? `<p class="pack-meta">${escapeHtml(t(post.state === "deleted" ? "pack:item.deletedPost" : "pack:item.hiddenPost"))}</p>`;
          return `<article lang="${escapeHtml(post.language)}">${meta}${text}</article>`;
        })
        .join("");
      out.push(item("thread", `t.${thread.id}`, thread.title, thread.href, body));
    }
  }
  return out;
}

async function meetingItems(actor: PackActor, languages: Language[], when: (iso: string | Date) => string, since: Date, now: Date): Promise<PackItem[]> {
  const listed = await listMeetings(actor, {}, now);
  if (!listed.ok) return [];
  const { upcoming, past } = listed.value;
  const out: PackItem[] = [];
  const lang = languages[0];
  // The member's meetings: those they are invited to, as on their home page.
  for (const meeting of [...upcoming, ...past.filter((m) => m.startsAt >= since)].filter((m) => isInvited(actor, m))) {
    if (meeting.cancelledAt && meeting.startsAt < now) continue;
    const texts: string[] = [];
    for (const kind of TEXT_KINDS as readonly TextKind[]) {
      // The same question the meeting's page asks: may this member follow this meeting's texts?
      if ((await meetingTextAccess(actor, meeting.id, kind)) === "none") continue;
      const published = await publishedVersion(meeting.id, kind);
      if (!published) continue;
      for (const language of languages) {
        const html = language === "fr" ? published.htmlFr : published.htmlEn;
        if (html) texts.push(`<section lang="${language}" data-kind="${kind}">${html}</section>`);
      }
    }
    const isUpcoming = meeting.startsAt >= now;
    if (!isUpcoming && texts.length === 0) continue;
    const title = lang === "fr" ? meeting.titleFr || meeting.titleEn : meeting.titleEn || meeting.titleFr;
    out.push(item("meeting", `m.${meeting.id}`, title, `/meetings/${meeting.id}`, `<p class="pack-meta">${escapeHtml(when(meeting.startsAt))}</p>${texts.join("")}`));
  }
  return out;
}

async function documentItems(actor: PackActor, t: Awaited<ReturnType<typeof translatorFor>>, language: Language): Promise<PackItem[]> {
  const out: PackItem[] = [];
  const groups = await db().workingGroup.findMany({ where: { id: { in: memberGroupIds(actor) } }, select: { id: true, slug: true, nameEn: true, nameFr: true } });
  for (const group of groups) {
    const ids = [
      ...GROUP_DOCUMENT_KINDS.map((kind) => ({ documentId: `${kind}.${group.slug}`, param: kind as string, title: `${t(`documents:kinds.${kind}`)} · ${language === "fr" ? group.nameFr : group.nameEn}` as string | null })),
      ...(await listFreeDocuments(actor, group.id)).map((doc) => ({ documentId: `doc.${doc.id}`, param: `doc.${doc.id}`, title: doc.title })),
    ];
    for (const doc of ids) {
      const page = await readDocumentPage(actor, doc.documentId);
      if (!page.ok) continue;
      out.push(item("document", `d.${doc.documentId}`, page.value.title ?? doc.title ?? doc.param, `/groups/${group.slug}/docs/${doc.param}`, page.value.html));
    }
  }
  return out;
}

async function resourceItems(actor: PackActor): Promise<PackItem[]> {
  const pins = await db().libraryPin.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take: 50 });
  const out: PackItem[] = [];
  for (const pin of pins) {
    const resource = await getResource(actor, pin.resourceId);
    if (!resource) continue;
    const link = resource.url ? `<p><a href="${escapeHtml(resource.url)}" rel="noopener noreferrer nofollow">${escapeHtml(resource.url)}</a></p>` : "";
    out.push(item("resource", `r.${resource.id}`, resource.title, `/library/${resource.id}`, `<p>${escapeHtml(resource.description ?? "")}</p>${link}`));
  }
  return out;
}

async function actionItems(actor: PackActor, t: Awaited<ReturnType<typeof translatorFor>>, language: Language): Promise<PackItem[]> {
  const items = await openActionItemsFor(actor.id);
  const rows = items
    .map((a) => {
      const meeting = a.meeting ? (language === "fr" ? a.meeting.titleFr || a.meeting.titleEn : a.meeting.titleEn || a.meeting.titleFr) : "";
      const due = a.dueDate ? ` · ${escapeHtml(String(a.dueDate).slice(0, 10))}` : "";
      return `<li>${escapeHtml(a.description)}<br><span class="pack-meta">${escapeHtml(meeting)}${due}</span></li>`;
    })
    .join("");
  return [item("actions", "actions", t("pack:item.actions"), "/", rows ? `<ul>${rows}</ul>` : `<p>${escapeHtml(t("pack:item.noActions"))}</p>`)];
}

const sizeOf = (entry: PackItem) => Buffer.byteLength(entry.title) + Buffer.byteLength(entry.html) + entry.href.length + 40;

/** Every item this member's pack holds now, in order of need, within their cap. */
export async function buildPack(actor: PackActor, now = new Date()) {
  const settings = await deviceSettings(actor.id);
  const language = languageOf(actor);
  const languages: Language[] = settings.packBothLanguages ? [language, language === "en" ? "fr" : "en"] : [language];
  const t = await translatorFor(language);
  const format = new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zoneOrUtc(actor.timeZone) });
  const when = (value: string | Date) => format.format(new Date(value));
  const since = new Date(now.getTime());
  since.setUTCMonth(since.getUTCMonth() - PACK_MONTHS);
  const all = [
    ...(await actionItems(actor, t, language)),
    ...(await meetingItems(actor, languages, when, since, now)),
    ...(await threadItems(actor, t, when, since)),
    ...(await documentItems(actor, t, language)),
    ...(await resourceItems(actor)),
  ];
  const kept: PackItem[] = [];
  let bytes = 0;
  for (const entry of all) {
    const size = sizeOf(entry);
    if (bytes + size > settings.packLimitBytes) continue;
    bytes += size;
    kept.push(entry);
  }
  return { items: kept, bytes, leftOut: all.length - kept.length, limitBytes: settings.packLimitBytes };
}

/** What changed since the cursor: the manifest of the whole pack, and only new or changed items. */
export async function packDelta(actor: PackActor, input: { cursor?: string | null; want?: string[] }, now = new Date()): Promise<Result<PackDelta>> {
  const held = decodeCursor(input.cursor);
  const want = new Set((input.want ?? []).slice(0, 500));
  const pack = await buildPack(actor, now);
  const items = pack.items.filter((entry) => held.get(entry.id) !== entry.v || want.has(entry.id));
  return ok({
    manifest: pack.items.map((entry) => ({ id: entry.id, v: entry.v, bytes: sizeOf(entry) })),
    items,
    cursor: encodeCursor(pack.items),
    limitBytes: pack.limitBytes,
    bytes: pack.bytes,
    leftOut: pack.leftOut,
  });
}
