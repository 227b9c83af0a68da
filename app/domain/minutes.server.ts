// Agendas and minutes: the two language versions of each text, their translation status and
// "needs update" flags down to the section, the publishing gate, immutable numbered versions,
// notices to invitees, and the action items agreed in a meeting.
import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { openLiveDocument } from "~/infra/live-documents.server";
import { recordAudit } from "./audit.server";
import { escapeHtml, renderHtml } from "./document-content.server";
import { upcomingMeetingsFor } from "./meetings.server";
import { getMeetingRow, listInvitees, type MeetingRow } from "./meeting-rows.server";
import {
  isTextKind,
  isTextLanguage,
  otherLanguage,
  TEXT_KINDS,
  TEXT_LANGUAGES,
  textDocumentId,
  TRANSLATION_STATUSES,
  type TextKind,
  type TextLanguage,
  type TranslationStatus,
} from "./meetings";
import type { Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import * as meetingPolicy from "./policies/meetings";
import { ok, refuse, type Result } from "./result";

export { isTextKind, isTextLanguage, TEXT_KINDS, TEXT_LANGUAGES, textDocumentId, TRANSLATION_STATUSES };
export type { TextKind, TextLanguage, TranslationStatus };

// ---------------------------------------------------------------------------------------------
// Who may do what with a meeting text

/**
 * Access to the live (unpublished) text, from the documents policy the Yjs server asks too.
 * Organisers edit both; invitees edit the agenda (anyone invited may add an item) and read the
 * draft minutes; nobody else sees drafts — published versions are read from their immutable
 * copies, never from the live document.
 */
export async function meetingTextAccess(actor: Actor, meetingId: string, kind: TextKind): Promise<"edit" | "read" | "none"> {
  const meeting = await getMeetingRow(meetingId);
  return meeting ? documentPolicy.access(actor, { kind, meeting }) : "none";
}

/** 404 for a draft the actor may not follow (never telling it exists), 403 for a reader who may not edit. */
async function authoriseDraft(actor: Actor, meetingId: string, kind: TextKind, action: "read" | "edit"): Promise<Result<MeetingRow>> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  const facts = { kind, meeting } as const;
  if (!documentPolicy.allow(actor, "read", facts)) return refuse.notFound();
  if (!documentPolicy.allow(actor, action, facts)) return refuse.forbidden();
  return ok(meeting);
}

/** Organisers only (publishing, action items). Every member may know a meeting exists: 403, not 404. */
async function authoriseOrganiser(actor: Actor, meetingId: string): Promise<Result<MeetingRow>> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  return meetingPolicy.allow(actor, "organise", meeting) ? ok(meeting) : refuse.forbidden();
}

/** The writing page of a draft: both languages' text, status and blockers, and what this member may do. */
export async function openMeetingTextDraft(actor: Actor, meetingId: string, kind: TextKind, readerLanguage = "en") {
  const allowed = await authoriseDraft(actor, meetingId, kind, "read");
  if (!allowed.ok) return allowed;
  const meeting = allowed.value;
  const [{ state, html }, latest] = await Promise.all([liveTextState(meeting.id, kind, { meeting, readerLanguage }), latestVersion(meeting.id, kind)]);
  return ok({
    meeting,
    access: documentPolicy.access(actor, { kind, meeting }),
    canPublish: meetingPolicy.allow(actor, "organise", meeting),
    state,
    html,
    latest,
  });
}

// ---------------------------------------------------------------------------------------------
// Reading the live texts (rendered by the documents feature's whitelist renderer)

/** The current HTML of one language of a draft ("" when empty). Read only by verbs that authorised. */
async function liveTextHtml(kind: TextKind, meetingId: string, language: TextLanguage): Promise<string> {
  const doc = await openLiveDocument(textDocumentId(kind, meetingId, language));
  return doc ? renderHtml(doc) : "";
}

// ---------------------------------------------------------------------------------------------
// Sections: a text is split at its headings; each section is hashed to spot what changed.

export interface Section {
  /** Position of the section (0 is whatever comes before the first heading). */
  key: string;
  title: string;
  hash: string;
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export function hasContent(html: string): boolean {
  return plainText(html).length > 0;
}

export function htmlSections(html: string): Section[] {
  const pieces = html.split(/(?=<h[1-6][ >])/);
  const sections: Section[] = [];
  let headings = 0;
  for (const piece of pieces) {
    const heading = /^<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/.exec(piece);
    const text = plainText(piece);
    if (heading) headings += 1;
    else if (!text) continue;
    sections.push({
      // Sections match across languages by position: "s0" before the first heading, then s1, s2…
      key: heading ? `s${headings}` : "s0",
      title: heading ? plainText(heading[1]) : "",
      hash: createHash("sha256").update(text).digest("hex").slice(0, 16),
    });
  }
  return sections;
}

/** Sections of `now` that differ from the baseline taken when the other language was marked. */
export function changedSections(baseline: Record<string, { title: string; hash: string }>, now: Section[]): Array<{ key: string; title: string }> {
  const changed: Array<{ key: string; title: string }> = [];
  const seen = new Set<string>();
  for (const section of now) {
    seen.add(section.key);
    if (baseline[section.key]?.hash !== section.hash) changed.push({ key: section.key, title: section.title });
  }
  for (const [key, section] of Object.entries(baseline)) if (!seen.has(key)) changed.push({ key, title: section.title });
  return changed;
}

export function baselineOf(sections: Section[]): Record<string, { title: string; hash: string }> {
  return Object.fromEntries(sections.map((section) => [section.key, { title: section.title, hash: section.hash }]));
}

// ---------------------------------------------------------------------------------------------
// Translation status

export interface LanguageState {
  language: TextLanguage;
  status: TranslationStatus;
  hasContent: boolean;
  markedAt: Date | null;
  /**
   * Sections of this language flagged "needs update" because the other language changed there,
   * with the section's title in both languages (the page names it in the reader's language).
   */
  needsUpdate: Array<{ key: string; title: string; titles: Record<TextLanguage, string> }>;
  /** "No change needed" decisions, newest first. */
  history: Array<{ key: string; titles: Record<TextLanguage, string>; reason: string; byId: string; at: string }>;
}

export interface TextState {
  kind: TextKind;
  languages: Record<TextLanguage, LanguageState>;
  /** Why it cannot be published now (locale keys with values), empty when it can. */
  blockers: Array<{ reason: string; values?: Record<string, string> }>;
}

type Flags = Record<string, { ownHash: string | null; raisedAt: string }>;
type History = LanguageState["history"];

function parseJson<T>(value: string | null | undefined, fallback: T): T {
  try {
    const parsed: unknown = JSON.parse(value ?? "");
    return parsed && typeof parsed === "object" ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

async function statusRows(meetingId: string, kind: TextKind) {
  const rows = await db().meetingTextStatus.findMany({ where: { meetingId, kind } });
  return new Map(rows.map((row) => [row.language as TextLanguage, row]));
}

function sameSections(a: Record<string, { hash: string }>, b: Record<string, { hash: string }>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key]?.hash !== b[key]?.hash) return false;
  return true;
}

/**
 * Brings the stored drift state up to the texts as they are now, both ways:
 * - a section of this language whose own text changed since it was flagged is cleared (and that
 *   change, an answer to the flag, does not flag the other language back);
 * - a section the other language changed since last seen flags this language's matching section;
 * - a "reviewed" language whose own text changed since it was marked falls back to "translated".
 * A language takes part once either side has been marked (before that, nothing is "in step").
 */
async function syncDrift(meetingId: string, kind: TextKind, html: Record<TextLanguage, string>) {
  const rows = await statusRows(meetingId, kind);
  const sections = { en: baselineOf(htmlSections(html.en)), fr: baselineOf(htmlSections(html.fr)) };
  const now = new Date().toISOString();
  const flags = {} as Record<TextLanguage, Flags>;
  const answered = { en: new Set<string>(), fr: new Set<string>() } as Record<TextLanguage, Set<string>>;
  for (const language of TEXT_LANGUAGES) {
    flags[language] = parseJson<Flags>(rows.get(language)?.flags, {});
    for (const [key, flag] of Object.entries(flags[language])) {
      if ((sections[language][key]?.hash ?? null) !== flag.ownHash) {
        delete flags[language][key];
        answered[language].add(key);
      }
    }
  }
  const writes: Array<Promise<unknown>> = [];
  for (const language of TEXT_LANGUAGES) {
    const row = rows.get(language);
    if (!row) continue;
    const other = otherLanguage(language);
    const seen = parseJson<Record<string, { title: string; hash: string }>>(row.baseline, {});
    // Rows from before both sides were followed have seen nothing yet: they start from now.
    const fresh = row.baseline === "{}" && row.ownBaseline === "{}";
    for (const changed of fresh ? [] : changedSections(seen, htmlSections(html[other]))) {
      if (answered[other].has(changed.key) || flags[language][changed.key]) continue;
      flags[language][changed.key] = { ownHash: sections[language][changed.key]?.hash ?? null, raisedAt: now };
    }
    let status = row.status;
    const own = parseJson<Record<string, { hash: string }>>(row.ownBaseline, {});
    if (status === "reviewed" && row.ownBaseline !== "{}" && !sameSections(own, sections[language])) status = "translated";
    const data = { baseline: JSON.stringify(sections[other]), flags: JSON.stringify(flags[language]), status, ownBaseline: JSON.stringify(sections[language]) };
    if (data.baseline !== row.baseline || data.flags !== row.flags || data.status !== row.status || data.ownBaseline !== row.ownBaseline) {
      writes.push(db().meetingTextStatus.update({ where: { meetingId_kind_language: { meetingId, kind, language } }, data }));
      Object.assign(row, data);
    }
  }
  await Promise.all(writes);
  return { rows, sections };
}

/** Status, flags and publishing blockers, from the given HTML of both languages. */
export async function textState(
  meetingId: string,
  kind: TextKind,
  html: Record<TextLanguage, string>,
  options: { readerLanguage?: string; meeting?: Pick<MeetingRow, "startsAt">; now?: Date } = {},
): Promise<TextState> {
  const { rows, sections } = await syncDrift(meetingId, kind, html);
  const reader: TextLanguage = options.readerLanguage === "fr" ? "fr" : "en";
  const titlesOf = (key: string) => ({ en: sections.en[key]?.title ?? "", fr: sections.fr[key]?.title ?? "" });
  const languages = {} as Record<TextLanguage, LanguageState>;
  for (const language of TEXT_LANGUAGES) {
    const row = rows.get(language);
    const status = (row?.status ?? "draft") as TranslationStatus;
    const flagged = Object.keys(parseJson<Flags>(row?.flags, {})).sort();
    const needsUpdate = flagged.map((key) => {
      const titles = titlesOf(key);
      return { key, title: titles[reader] || titles[otherLanguage(reader)], titles };
    });
    const history = parseJson<History>(row?.history, []).slice().reverse();
    languages[language] = { language, status, hasContent: hasContent(html[language]), markedAt: row?.markedAt ?? null, needsUpdate, history };
  }
  const blockers: TextState["blockers"] = [];
  if (kind === "minutes" && options.meeting && options.meeting.startsAt.getTime() > (options.now ?? new Date()).getTime()) {
    blockers.push({ reason: "meetings:publish.blocked.notStarted" });
  }
  for (const language of TEXT_LANGUAGES) {
    if (!languages[language].hasContent) blockers.push({ reason: "meetings:publish.blocked.missingLanguage", values: { language } });
  }
  for (const language of TEXT_LANGUAGES) {
    const flagged = languages[language].needsUpdate;
    if (flagged.length) {
      blockers.push({
        reason: "meetings:publish.blocked.needsUpdate",
        values: { language, sections: flagged.map((s) => s.title || "—").join(", ") },
      });
    }
  }
  if (languages.en.status === "draft" && languages.fr.status === "draft" && languages.en.hasContent && languages.fr.hasContent) {
    blockers.push({ reason: "meetings:publish.blocked.notTranslated" });
  }
  return { kind, languages, blockers };
}

async function liveTextState(meetingId: string, kind: TextKind, options: Parameters<typeof textState>[3] = {}): Promise<{ state: TextState; html: Record<TextLanguage, string> }> {
  const [en, fr] = await Promise.all([liveTextHtml(kind, meetingId, "en"), liveTextHtml(kind, meetingId, "fr")]);
  const html = { en, fr };
  return { state: await textState(meetingId, kind, html, options), html };
}

/** A meeting text changed (the Yjs server tells): flags are raised or cleared now, in order. */
export async function noteMeetingTextChanged(documentId: string): Promise<void> {
  const match = /^(agenda|minutes)\.([a-z0-9-]{1,64})\.(en|fr)$/.exec(documentId);
  if (!match || !isTextKind(match[1])) return;
  if (!(await db().meeting.findUnique({ where: { id: match[2] }, select: { id: true } }))) return;
  await liveTextState(match[2], match[1]);
}

/**
 * Marks one language draft, translated or reviewed: it matches the other language as it is now.
 * Marking never clears a "needs update" flag: only changing the flagged section, or saying why no
 * change is needed, does. Both languages follow each other from the first marking on.
 */
export async function markTranslationStatus(
  actor: Actor,
  input: { meetingId: string; kind: TextKind; language: TextLanguage; status: string },
  otherHtml?: string,
  ownHtml?: string,
): Promise<Result> {
  const allowed = await authoriseDraft(actor, input.meetingId, input.kind, "edit");
  if (!allowed.ok) return allowed;
  if (!(TRANSLATION_STATUSES as readonly string[]).includes(input.status)) return refuse.invalid("common:errors.invalidValue", "status");
  const other = otherLanguage(input.language);
  const html = {
    [input.language]: ownHtml ?? (await liveTextHtml(input.kind, input.meetingId, input.language)),
    [other]: otherHtml ?? (await liveTextHtml(input.kind, input.meetingId, other)),
  } as Record<TextLanguage, string>;
  // First what changed since last seen, so a mark does not swallow it.
  await syncDrift(input.meetingId, input.kind, html);
  const sections = { en: JSON.stringify(baselineOf(htmlSections(html.en))), fr: JSON.stringify(baselineOf(htmlSections(html.fr))) };
  const now = new Date();
  for (const language of TEXT_LANGUAGES) {
    const key = { meetingId_kind_language: { meetingId: input.meetingId, kind: input.kind, language } };
    const seen = { baseline: sections[otherLanguage(language)], ownBaseline: sections[language] };
    if (language === input.language) {
      const data = { status: input.status, ...seen, markedById: actor.id, markedAt: now };
      await db().meetingTextStatus.upsert({ where: key, create: { meetingId: input.meetingId, kind: input.kind, language, ...data }, update: data });
    } else {
      // The other language starts following this one (its flags and status are its own).
      await db().meetingTextStatus.upsert({ where: key, create: { meetingId: input.meetingId, kind: input.kind, language, ...seen }, update: {} });
    }
  }
  await recordAudit({ actorId: actor.id, action: `${input.kind}.status`, objectType: "meeting", objectId: input.meetingId, data: { language: input.language, status: input.status } });
  return ok();
}

/** A reviewer clears a flag without changing the section, saying why; kept in the history. */
export async function resolveNoChangeNeeded(
  actor: Actor,
  input: { meetingId: string; kind: TextKind; language: TextLanguage; key: string; reason: string },
): Promise<Result> {
  const allowed = await authoriseDraft(actor, input.meetingId, input.kind, "edit");
  if (!allowed.ok) return allowed;
  const reason = input.reason.trim();
  if (!reason) return refuse.invalid("meetings:write.noChange.reasonRequired", "reason");
  if (reason.length > 500) return refuse.invalid("meetings:write.noChange.reasonTooLong", "reason");
  const { state } = await liveTextState(input.meetingId, input.kind);
  const flagged = state.languages[input.language].needsUpdate.find((flag) => flag.key === input.key);
  if (!flagged) return refuse.conflict("meetings:write.noChange.notFlagged");
  const row = await db().meetingTextStatus.findUniqueOrThrow({ where: { meetingId_kind_language: { meetingId: input.meetingId, kind: input.kind, language: input.language } } });
  const flags = parseJson<Flags>(row.flags, {});
  delete flags[input.key];
  const history = parseJson<History>(row.history, []);
  history.push({ key: input.key, titles: flagged.titles, reason, byId: actor.id, at: new Date().toISOString() });
  await db().meetingTextStatus.update({
    where: { meetingId_kind_language: { meetingId: input.meetingId, kind: input.kind, language: input.language } },
    data: { flags: JSON.stringify(flags), history: JSON.stringify(history.slice(-100)) },
  });
  await recordAudit({ actorId: actor.id, action: `${input.kind}.noChangeNeeded`, objectType: "meeting", objectId: input.meetingId, data: { language: input.language, section: input.key, reason } });
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Publishing

/**
 * Publishes both languages as the next immutable version, then notifies every invitee.
 * `html` is given by the seed (no live documents there); otherwise the live texts are read.
 */
export async function publishMeetingText(
  actor: Actor,
  input: { meetingId: string; kind: TextKind; changeNote?: string; readerLanguage?: string },
  html?: Record<TextLanguage, string>,
): Promise<Result<{ version: number }>> {
  const allowed = await authoriseOrganiser(actor, input.meetingId);
  if (!allowed.ok) return allowed;
  const meeting = allowed.value;
  const texts = html ?? (await liveTextState(input.meetingId, input.kind)).html;
  const state = await textState(input.meetingId, input.kind, texts, { meeting, readerLanguage: input.readerLanguage });
  if (state.blockers.length) return refuse.conflict("meetings:publish.blocked.heading", { details: { blockers: state.blockers } });
  const latest = await latestVersion(input.meetingId, input.kind);
  const changeNote = (input.changeNote ?? "").trim().slice(0, 500);
  if (latest && !changeNote) return refuse.invalid("meetings:publish.changeNoteRequired", "changeNote");
  if (latest && latest.htmlEn === texts.en && latest.htmlFr === texts.fr) return refuse.conflict("meetings:publish.unchanged");

  const number = (latest?.number ?? 0) + 1;
  const invitees = await listInvitees(meeting);
  const recipients = invitees.map((invitee) => invitee.id).filter((id) => id !== actor.id);
  await db().$transaction(async (tx) => {
    await tx.meetingTextVersion.create({
      data: { id: newId(), meetingId: meeting.id, kind: input.kind, number, htmlEn: texts.en, htmlFr: texts.fr, changeNote, publishedById: actor.id },
    });
    if (recipients.length) {
      await tx.meetingNotice.createMany({
        data: recipients.map((userId) => ({ id: newId(), userId, meetingId: meeting.id, kind: input.kind, version: number })),
      });
    }
    await recordAudit({ actorId: actor.id, action: `${input.kind}.published`, objectType: "meeting", objectId: meeting.id, data: { version: number } }, tx);
  });
  // After commit: the realtime server (or a notifications module) can tell members live.
  publish("meeting.published", { meetingId: meeting.id, kind: input.kind, version: number, userIds: recipients });
  const { noticeTextPublished } = await import("./meeting-changes.server");
  await noticeTextPublished(actor.id, meeting.id, input.kind, number, recipients);
  return ok({ version: number });
}

const versionSelect = { id: true, number: true, htmlEn: true, htmlFr: true, changeNote: true, publishedAt: true, publishedById: true } as const;

export async function latestVersion(meetingId: string, kind: TextKind) {
  return db().meetingTextVersion.findFirst({ where: { meetingId, kind }, select: versionSelect, orderBy: { number: "desc" } });
}

/** One published version (the latest when `number` is absent); published texts are for every member. */
export async function publishedVersion(meetingId: string, kind: TextKind, number?: number) {
  if (number === undefined) return latestVersion(meetingId, kind);
  return db().meetingTextVersion.findUnique({ where: { meetingId_kind_number: { meetingId, kind, number } }, select: versionSelect });
}

export async function versionList(meetingId: string, kind: TextKind) {
  return db().meetingTextVersion.findMany({
    where: { meetingId, kind },
    select: { number: true, changeNote: true, publishedAt: true },
    orderBy: { number: "desc" },
  });
}

/** Latest published version numbers for several meetings (list pages). */
export async function publishedKinds(meetingIds: string[]): Promise<Map<string, Set<TextKind>>> {
  const rows = meetingIds.length
    ? await db().meetingTextVersion.findMany({ where: { meetingId: { in: meetingIds } }, select: { meetingId: true, kind: true } })
    : [];
  const map = new Map<string, Set<TextKind>>();
  for (const row of rows) {
    if (!map.has(row.meetingId)) map.set(row.meetingId, new Set());
    map.get(row.meetingId)!.add(row.kind as TextKind);
  }
  return map;
}

/** Every plenary with published minutes, newest first: the archive. */
export async function plenaryArchive() {
  const meetings = await db().meeting.findMany({
    where: { kind: "plenary", cancelledAt: null },
    select: { id: true, titleEn: true, titleFr: true, startsAt: true },
    orderBy: { startsAt: "desc" },
    take: 200,
  });
  const published = await publishedKinds(meetings.map((m) => m.id));
  return meetings.filter((m) => published.get(m.id)?.has("minutes"));
}

// ---------------------------------------------------------------------------------------------
// Notices of publication

export async function unreadNotices(userId: string) {
  // With their meetings' titles in one statement: the home page asks on every visit.
  const rows = await db().$queryRaw<Array<{ id: string; meetingId: string; kind: string; version: number; createdAt: Date; meetingFound: string | null; titleEn: string | null; titleFr: string | null }>>`
    SELECT n."id", n."meetingId", n."kind", n."version", n."createdAt", m."id" AS "meetingFound", m."titleEn", m."titleFr"
    FROM (SELECT * FROM "MeetingNotice" WHERE "userId" = ${userId} AND "readAt" IS NULL ORDER BY "createdAt" DESC LIMIT 20) n
    LEFT JOIN "Meeting" m ON m."id" = n."meetingId"
    ORDER BY n."createdAt" DESC`;
  const notices = rows.map(({ id, meetingId, kind, version, createdAt }) => ({ id, meetingId, kind, version: Number(version), createdAt }));
  const byId = new Map(rows.flatMap((row) => (row.meetingFound !== null ? [[row.meetingId, { id: row.meetingFound, titleEn: row.titleEn!, titleFr: row.titleFr! }] as const] : [])));
  // Only the latest version of each text: "version 3 published" says all that "version 2" did.
  const latest = new Map<string, (typeof notices)[number]>();
  for (const notice of notices) {
    const key = `${notice.meetingId}:${notice.kind}`;
    if ((latest.get(key)?.version ?? -1) < notice.version) latest.set(key, notice);
  }
  return notices.flatMap((notice) => (byId.has(notice.meetingId) && latest.get(`${notice.meetingId}:${notice.kind}`) === notice ? [{ ...notice, meeting: byId.get(notice.meetingId)! }] : []));
}

/** Reading a published text marks its notices read; returns the new unread count, or null when none was unread. */
export async function markNoticesRead(userId: string, meetingId: string, kind: TextKind): Promise<number | null> {
  await db().meetingNotice.updateMany({ where: { userId, meetingId, kind, readAt: null }, data: { readAt: new Date() } });
  const { markMeetingNoticesRead } = await import("./meeting-changes.server");
  return markMeetingNoticesRead(userId, meetingId);
}

// ---------------------------------------------------------------------------------------------
// Action items

export async function addActionItem(
  actor: Actor,
  meetingId: string,
  input: { description: string; ownerId: string; dueDate: string },
): Promise<Result<{ id: string }>> {
  const allowed = await authoriseOrganiser(actor, meetingId);
  if (!allowed.ok) return allowed;
  const meeting = allowed.value;
  const valid = validateActionItem(input, await listInvitees(meeting));
  if (!valid.ok) return valid;
  return ok({ id: await createActionItemRow(meeting, actor.id, valid.value) });
}

/** Checks an action item's fields: a description, an owner among the invitees, an optional due date. */
export function validateActionItem(
  input: { description: string; ownerId: string; dueDate: string },
  invitees: ReadonlyArray<{ id: string }>,
): Result<{ description: string; ownerId: string; dueDate: Date | null }> {
  const fieldErrors: Record<string, string> = {};
  const description = input.description.trim();
  if (!description) fieldErrors.description = "meetings:actions.errors.description";
  else if (description.length > 500) fieldErrors.description = "meetings:actions.errors.descriptionTooLong";
  if (!invitees.some((invitee) => invitee.id === input.ownerId)) fieldErrors.ownerId = "meetings:actions.errors.owner";
  let dueDate: Date | null = null;
  if (input.dueDate) {
    dueDate = /^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) ? new Date(`${input.dueDate}T12:00:00Z`) : null;
    if (!dueDate || Number.isNaN(dueDate.getTime())) fieldErrors.dueDate = "meetings:actions.errors.dueDate";
  }
  if (Object.keys(fieldErrors).length) return refuse.fields(fieldErrors);
  return ok({ description, ownerId: input.ownerId, dueDate });
}

/** Stores a validated action item of a meeting (from the meeting page, or a decision's outcome). */
export async function createActionItemRow(
  meeting: Pick<MeetingRow, "id" | "groupId">,
  createdById: string,
  item: { description: string; ownerId: string; dueDate: Date | null },
  decisionId: string | null = null,
): Promise<string> {
  const id = newId();
  await db().meetingActionItem.create({
    data: { id, meetingId: meeting.id, groupId: meeting.groupId, description: item.description, ownerId: item.ownerId, dueDate: item.dueDate, createdById, decisionId },
  });
  return id;
}

/** The owner or an organiser marks an action item of this meeting done (or reopens it). */
export async function setActionItemDone(actor: Actor, meetingId: string, itemId: string, done: boolean): Promise<Result> {
  const item = await db().meetingActionItem.findFirst({ where: { id: itemId, meetingId }, select: { ownerId: true } });
  if (!item) return refuse.notFound();
  if (item.ownerId !== actor.id) {
    const allowed = await authoriseOrganiser(actor, meetingId);
    if (!allowed.ok) return allowed;
  }
  await db().meetingActionItem.update({ where: { id: itemId }, data: { doneAt: done ? new Date() : null } });
  return ok();
}

type ActionItemRow = { id: string; meetingId: string; description: string; dueDate: Date | null; doneAt: Date | null; ownerId: string; decisionId: string | null };

/**
 * Action items with their owner's name and their meeting's titles, in one statement (the home,
 * group and meeting pages list them; a query per table cost three). `where` and `orderBy` are
 * fixed SQL fragments of the callers below, never input.
 */
async function actionItemsWithNames(where: Prisma.Sql, orderBy: Prisma.Sql, limit: number) {
  const rows = await db().$queryRaw<Array<ActionItemRow & { ownerName: string | null; meetingFound: string | null; titleEn: string | null; titleFr: string | null }>>`
    SELECT i."id", i."meetingId", i."description", i."dueDate", i."doneAt", i."ownerId", i."decisionId",
      u."displayName" AS "ownerName", m."id" AS "meetingFound", m."titleEn", m."titleFr"
    FROM "MeetingActionItem" i
    LEFT JOIN "User" u ON u."id" = i."ownerId"
    LEFT JOIN "Meeting" m ON m."id" = i."meetingId"
    WHERE ${where}
    ORDER BY ${orderBy}
    LIMIT ${limit}`;
  return rows.map(({ ownerName, meetingFound, titleEn, titleFr, ...item }) => ({
    ...item,
    ownerName: ownerName ?? "",
    meeting: meetingFound !== null ? { id: meetingFound, titleEn: titleEn!, titleFr: titleFr! } : null,
  }));
}

/** Every item of one meeting, done or not, in the order they were agreed (no meeting has thousands). */
export async function actionItemsForMeeting(meetingId: string) {
  return actionItemsWithNames(Prisma.sql`i."meetingId" = ${meetingId}`, Prisma.sql`i."createdAt" ASC`, 10_000);
}

/** Open items a member owns (home page). */
export async function openActionItemsFor(userId: string) {
  return actionItemsWithNames(Prisma.sql`i."ownerId" = ${userId} AND i."doneAt" IS NULL`, Prisma.sql`i."dueDate" ASC`, 50);
}

/** Open items from a group's meetings (group page). */
export async function openActionItemsForGroup(groupId: string) {
  return actionItemsWithNames(Prisma.sql`i."groupId" = ${groupId} AND i."doneAt" IS NULL`, Prisma.sql`i."dueDate" ASC`, 50);
}

export type { MeetingRow };

/** A self-contained HTML file of a published text (styles inline, no scripts, no links home). */
export function standaloneHtml(input: { language: TextLanguage; heading: string; subheading: string; body: string }): string {
  const style = [
    "body{font:1rem/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1a24;max-width:42rem;margin:2rem auto;padding:0 1rem}",
    "h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}",
    "p.meta{color:#555;font-size:.9rem}a{color:#4a2d8f}",
    "@media print{body{margin:0;max-width:none}a{color:inherit}}",
  ].join("");
  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.heading)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(input.heading)}</h1>
<p class="meta">${escapeHtml(input.subheading)}</p>
${input.body}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// What other pages show of meetings

/** Home page: the member's next meetings, open action items and unread publication notices. */
export async function homeMeetingSummary(actor: Actor) {
  const [upcoming, actionItems, notices] = await Promise.all([upcomingMeetingsFor(actor, { take: 3 }), openActionItemsFor(actor.id), unreadNotices(actor.id)]);
  return {
    upcoming: upcoming.map((m) => ({ id: m.id, titleEn: m.titleEn, titleFr: m.titleFr, startsAt: m.startsAt, durationMinutes: m.durationMinutes })),
    actionItems: actionItems.map(presentActionItem),
    notices: notices.map((n) => ({ id: n.id, meetingId: n.meetingId, kind: n.kind, version: n.version, titleEn: n.meeting.titleEn, titleFr: n.meeting.titleFr })),
  };
}

/** Group page: the group's next meetings and its open action items. */
export async function groupMeetingSummary(actor: Actor, groupId: string) {
  const [upcoming, actionItems] = await Promise.all([upcomingMeetingsFor(actor, { groupId, take: 3 }), openActionItemsForGroup(groupId)]);
  return {
    upcoming: upcoming.map((m) => ({ id: m.id, titleEn: m.titleEn, titleFr: m.titleFr, startsAt: m.startsAt, durationMinutes: m.durationMinutes })),
    actionItems: actionItems.map(presentActionItem),
    notices: [],
  };
}

function presentActionItem(item: Awaited<ReturnType<typeof openActionItemsFor>>[number]) {
  return {
    id: item.id,
    meetingId: item.meetingId,
    description: item.description,
    ownerName: item.ownerName,
    dueDate: item.dueDate,
    meetingTitleEn: item.meeting?.titleEn ?? "",
    meetingTitleFr: item.meeting?.titleFr ?? "",
  };
}
