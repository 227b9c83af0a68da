// Publications: proposing a group's documents as a bilingual publication (texts frozen from the
// Yjs documents), the review gate (both languages, translation drift by the minutes' rules,
// every identity hit fixed or accepted, named members' consent), approval per slot, versions
// and corrections, public or unlisted addresses, and taking everything down.
import { db } from "~/infra/db.server";
import { openFile, storeFile } from "~/infra/file-store.server";
import { env } from "~/infra/env.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { parseWith } from "~/infra/validation";
import { recordAudit } from "./audit.server";
import { renderHtml } from "./document-content.server";
import { documentGroup, readDocument } from "./documents.server";
import { prepareUpload } from "./file-worker.server";
import { baselineOf, changedSections, hasContent, htmlSections } from "./minutes.server";
import type { Actor } from "./permissions";
import { memberGroupIds } from "./permissions";
import * as policy from "./policies/publications";
import {
  fixHit,
  isInternalAddress,
  parseHtml,
  sanitizeHtml,
  scanIdentities,
  serializeHtml,
  textOfNodes,
  unwrapLinks,
  type Hit,
  type HitKind,
  type ScanPeople,
} from "./publication-html";
import {
  isPublicationLanguage,
  PUBLICATION_LANGUAGES,
  proposalSchema,
  publicationMetaSchema,
  type PublicationLanguage,
  type Visibility,
} from "./publications";
import { ok, refuse, type Result } from "./result";

export type { ApprovalSlot } from "./policies/publications";
type Language = PublicationLanguage;
const other = (language: Language): Language => (language === "en" ? "fr" : "en");
const suffix = (language: Language) => (language === "en" ? "En" : "Fr");

// ---------------------------------------------------------------------------------------------
// Settings

const SETTINGS_ID = "publications";

export async function publicationSettings(): Promise<{ requireMelApproval: boolean }> {
  const row = await db().publicationSettings.findUnique({ where: { id: SETTINGS_ID }, select: { requireMelApproval: true } });
  return { requireMelApproval: row?.requireMelApproval ?? false };
}

export async function setPublicationSettings(actor: Actor, input: { requireMelApproval: boolean }): Promise<Result> {
  if (!policy.allowConfigure(actor)) return refuse.forbidden();
  await db().publicationSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, requireMelApproval: input.requireMelApproval },
    update: { requireMelApproval: input.requireMelApproval },
  });
  await recordAudit({ actorId: actor.id, action: "publications.configured", objectType: "cop", objectId: SETTINGS_ID, data: input });
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Which addresses are Praxis's own (links to them are flagged, then removed on approval)

/** PUBLIC_URL's host and the host the request came to. */
export function praxisHosts(requestHost?: string | null): string[] {
  const hosts = new Set<string>();
  const publicUrl = env().PUBLIC_URL;
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  if (requestHost) hosts.add(requestHost.toLowerCase());
  return [...hosts];
}

// ---------------------------------------------------------------------------------------------
// Reading rows

const versionSelect = {
  id: true,
  publicationId: true,
  number: true,
  status: true,
  titleEn: true,
  titleFr: true,
  summaryEn: true,
  summaryFr: true,
  authorshipEn: true,
  authorshipFr: true,
  licence: true,
  issuedOn: true,
  htmlEn: true,
  htmlFr: true,
  sources: true,
  baselineEn: true,
  baselineFr: true,
  coverHash: true,
  coverMime: true,
  coverAltEn: true,
  coverAltFr: true,
  changeNote: true,
  proposedById: true,
  proposedAt: true,
  approvedAt: true,
} as const;

const publicationSelect = {
  id: true,
  groupId: true,
  slug: true,
  visibility: true,
  unlistedKeyHash: true,
  createdAt: true,
  unpublishedAt: true,
} as const;

export type VersionRow = Awaited<ReturnType<typeof loadVersion>> & {};
type PublicationRow = NonNullable<Awaited<ReturnType<typeof loadPublication>>>;

async function loadPublication(id: string) {
  return db().publication.findUnique({ where: { id }, select: publicationSelect });
}

async function loadVersion(id: string) {
  return db().publicationVersion.findUnique({ where: { id }, select: versionSelect });
}

async function versionWithPublication(versionId: string): Promise<{ version: NonNullable<VersionRow>; publication: PublicationRow } | null> {
  const version = await loadVersion(versionId);
  if (!version) return null;
  const publication = await loadPublication(version.publicationId);
  return publication ? { version, publication } : null;
}

// ---------------------------------------------------------------------------------------------
// Freezing the texts from the group's documents

/** The documents of this group a proposal may be made from, with their titles. */
export async function groupSources(groupId: string) {
  const group = await db().workingGroup.findUnique({ where: { id: groupId }, select: { slug: true } });
  if (!group) return [];
  const free = await db().freeDocument.findMany({ where: { groupId }, orderBy: { createdAt: "asc" }, select: { id: true, title: true } });
  return [
    { id: `learning-outcome.${group.slug}`, kind: "learning-outcome", title: null as string | null },
    { id: `learning-questions.${group.slug}`, kind: "learning-questions", title: null as string | null },
    { id: `workplan.${group.slug}`, kind: "workplan", title: null as string | null },
    ...free.map((doc) => ({ id: `doc.${doc.id}`, kind: "doc", title: doc.title as string | null })),
  ];
}

async function freeze(groupId: string, documentIds: readonly string[]): Promise<Result<string>> {
  let html = "";
  for (const documentId of documentIds) {
    const group = await documentGroup(documentId);
    if (!group || group.id !== groupId) return refuse.invalid("publications:errors.source", "sources");
    const doc = await readDocument(documentId);
    try {
      html += renderHtml(doc);
    } finally {
      doc.destroy();
    }
  }
  return ok(sanitizeHtml(html));
}

function sectionsOfHtml(html: string) {
  return htmlSections(html);
}

/** Both languages confirmed to say the same as they are now: each records the other's sections. */
function matchingBaselines(htmlEn: string, htmlFr: string) {
  return { baselineEn: JSON.stringify(baselineOf(sectionsOfHtml(htmlFr))), baselineFr: JSON.stringify(baselineOf(sectionsOfHtml(htmlEn))) };
}

// ---------------------------------------------------------------------------------------------
// Proposing

export interface ProposalForm {
  groupId: string;
  slug: string;
  visibility: string;
  titleEn: string;
  titleFr: string;
  summaryEn: string;
  summaryFr: string;
  authorshipEn: string;
  authorshipFr: string;
  licence: string;
  issuedOn: string;
  sourcesEn: string[];
  sourcesFr: string[];
  /** The proposer says both languages say the same (marks both translated, as for minutes). */
  languagesMatch: boolean;
}

export async function proposePublication(actor: Actor, input: ProposalForm): Promise<Result<{ publicationId: string; versionId: string; unlistedKey: string | null }>> {
  if (!policy.allowStart(actor, input.groupId)) return refuse.forbidden();
  const parsed = parseWith(proposalSchema, input);
  if (!parsed.ok) return refuse.fields(parsed.fieldErrors);
  const values = parsed.value;
  if (input.sourcesEn.length + input.sourcesFr.length === 0) return refuse.invalid("publications:errors.noSources", "sources");
  if (await db().publication.findUnique({ where: { slug: values.slug }, select: { id: true } })) return refuse.invalid("publications:errors.slugTaken", "slug");
  const en = await freeze(input.groupId, input.sourcesEn);
  if (!en.ok) return en;
  const fr = await freeze(input.groupId, input.sourcesFr);
  if (!fr.ok) return fr;
  const publicationId = newId();
  const versionId = newId();
  // An unlisted publication's link is made (and shown once) from its page, when it is wanted.
  const unlistedKey: string | null = null;
  await db().$transaction(async (tx) => {
    await tx.publication.create({
      data: { id: publicationId, groupId: input.groupId, slug: values.slug, visibility: values.visibility, unlistedKeyHash: unlistedKey ? sha256Hex(unlistedKey) : null, createdById: actor.id },
    });
    await tx.publicationVersion.create({
      data: {
        id: versionId,
        publicationId,
        number: 1,
        ...metaData(values),
        htmlEn: en.value,
        htmlFr: fr.value,
        sources: JSON.stringify({ en: input.sourcesEn, fr: input.sourcesFr }),
        ...(input.languagesMatch ? matchingBaselines(en.value, fr.value) : {}),
        proposedById: actor.id,
      },
    });
    await recordAudit({ actorId: actor.id, action: "publication.proposed", objectType: "publication", objectId: publicationId, data: { version: 1 } }, tx);
  });
  return ok({ publicationId, versionId, unlistedKey });
}

function metaData(values: Omit<ProposalForm, "groupId" | "slug" | "visibility" | "sourcesEn" | "sourcesFr" | "languagesMatch">) {
  return {
    titleEn: values.titleEn,
    titleFr: values.titleFr,
    summaryEn: values.summaryEn,
    summaryFr: values.summaryFr,
    authorshipEn: values.authorshipEn,
    authorshipFr: values.authorshipFr,
    licence: values.licence,
    issuedOn: values.issuedOn,
  };
}

/**
 * A correction: the next version, starting from the latest approved one's text, or frozen again
 * from the documents it was made from. It goes through the same gate; the old stays readable.
 */
export async function proposeCorrection(actor: Actor, publicationId: string, input: { changeNote: string; refreeze: boolean }): Promise<Result<{ versionId: string }>> {
  const publication = await loadPublication(publicationId);
  if (!publication || !policy.allowOpen(actor, publication)) return refuse.notFound();
  if (!policy.allow(actor, "propose", publication)) return refuse.forbidden();
  if (publication.unpublishedAt) return refuse.conflict("publications:errors.unpublished");
  const changeNote = input.changeNote.trim();
  if (!changeNote) return refuse.invalid("publications:errors.changeNoteRequired", "changeNote");
  if (changeNote.length > 500) return refuse.invalid("publications:errors.tooLong", "changeNote");
  const versions = await db().publicationVersion.findMany({ where: { publicationId }, select: versionSelect, orderBy: { number: "desc" } });
  if (versions.some((v) => v.status === "proposed")) return refuse.conflict("publications:errors.proposalOpen");
  const base = versions.find((v) => v.status === "approved");
  if (!base) return refuse.conflict("publications:errors.nothingApproved");
  let htmlEn = base.htmlEn;
  let htmlFr = base.htmlFr;
  if (input.refreeze) {
    const sources = JSON.parse(base.sources) as { en?: string[]; fr?: string[] };
    const en = await freeze(publication.groupId, sources.en ?? []);
    if (!en.ok) return en;
    const fr = await freeze(publication.groupId, sources.fr ?? []);
    if (!fr.ok) return fr;
    htmlEn = en.value;
    htmlFr = fr.value;
  }
  const versionId = newId();
  await db().publicationVersion.create({
    data: {
      id: versionId,
      publicationId,
      number: versions[0].number + 1,
      ...metaData(base),
      htmlEn,
      htmlFr,
      sources: base.sources,
      coverHash: base.coverHash,
      coverMime: base.coverMime,
      coverAltEn: base.coverAltEn,
      coverAltFr: base.coverAltFr,
      // Unchanged texts keep the approved baselines; re-frozen ones must be confirmed again.
      baselineEn: input.refreeze ? "{}" : base.baselineEn,
      baselineFr: input.refreeze ? "{}" : base.baselineFr,
      changeNote,
      proposedById: actor.id,
    },
  });
  await recordAudit({ actorId: actor.id, action: "publication.correctionProposed", objectType: "publication", objectId: publicationId, data: { version: versions[0].number + 1 } });
  return ok({ versionId });
}

export async function withdrawProposal(actor: Actor, versionId: string): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["propose", "review"]);
  if (!allowed.ok) return allowed;
  await db().publicationVersion.update({ where: { id: versionId }, data: { status: "withdrawn" } });
  return ok();
}

/** A proposal the actor may act on in one of these ways (404 / 403 / 409 otherwise). */
async function authoriseProposal(actor: Actor, versionId: string, actions: policy.PublicationAction[]) {
  const found = await versionWithPublication(versionId);
  if (!found || !policy.allowOpen(actor, found.publication)) return refuse.notFound();
  if (!actions.some((action) => policy.allow(actor, action, found.publication))) return refuse.forbidden();
  if (found.version.status !== "proposed") return refuse.conflict("publications:errors.notProposed");
  if (found.publication.unpublishedAt) return refuse.conflict("publications:errors.unpublished");
  return ok(found);
}

// ---------------------------------------------------------------------------------------------
// The identity scan over a version: body, title and summary of each language

type Field = "title" | "summary" | "coverAlt" | "body";
const FIELDS: readonly Field[] = ["title", "summary", "coverAlt", "body"];

export interface VersionHit {
  language: Language;
  field: Field;
  kind: HitKind;
  text: string;
  /** `<field>|<kind>:<text>:<occurrence>`: what an acceptance is stored under. */
  key: string;
  context: string;
  accepted: boolean;
}

async function scanPeople(): Promise<ScanPeople> {
  const people = await db().user.findMany({ where: { isFormerMember: false }, select: { displayName: true, username: true } });
  return { displayNames: people.map((p) => p.displayName), usernames: people.map((p) => p.username) };
}

function fieldTree(version: NonNullable<VersionRow>, language: Language, field: Field) {
  if (field === "body") return parseHtml(language === "en" ? version.htmlEn : version.htmlFr);
  const value = version[`${field}${suffix(language)}` as "titleEn"];
  return [{ type: "text" as const, text: value }];
}

function rawHits(version: NonNullable<VersionRow>, people: ScanPeople, hosts: readonly string[]): Array<Hit & { language: Language; field: Field }> {
  return PUBLICATION_LANGUAGES.flatMap((language) =>
    FIELDS.flatMap((field) => scanIdentities(fieldTree(version, language, field), people, hosts).map((hit) => ({ ...hit, language, field }))),
  );
}

async function versionHits(version: NonNullable<VersionRow>, hosts: readonly string[]): Promise<VersionHit[]> {
  const [people, accepted] = await Promise.all([
    scanPeople(),
    db().publicationHitAcceptance.findMany({ where: { versionId: version.id }, select: { language: true, key: true } }),
  ]);
  const acceptedKeys = new Set(accepted.map((a) => `${a.language}/${a.key}`));
  return rawHits(version, people, hosts).map((hit) => {
    const key = `${hit.field}|${hit.key}`;
    return { language: hit.language, field: hit.field, kind: hit.kind, text: hit.text, key, context: hit.context, accepted: acceptedKeys.has(`${hit.language}/${key}`) };
  });
}

/** Members named in the authorship line (by display name or username), and whether each consented. */
async function authorshipNames(version: NonNullable<VersionRow>) {
  const people = await db().user.findMany({ where: { isFormerMember: false }, select: { id: true, displayName: true, username: true } });
  const consents = new Set(
    (await db().publicationConsent.findMany({ where: { publicationId: version.publicationId }, select: { userId: true } })).map((c) => c.userId),
  );
  const named = new Map<string, { userId: string; displayName: string; consented: boolean }>();
  for (const language of PUBLICATION_LANGUAGES) {
    const line = version[`authorship${suffix(language)}` as "authorshipEn"];
    for (const person of people) {
      const hits = scanIdentities([{ type: "text", text: line }], { displayNames: [person.displayName], usernames: [person.username] }, []);
      if (hits.some((hit) => hit.kind === "name" || hit.kind === "username")) {
        named.set(person.id, { userId: person.id, displayName: person.displayName, consented: consents.has(person.id) });
      }
    }
  }
  return [...named.values()];
}

async function isNamedIn(actor: Actor, version: NonNullable<VersionRow>): Promise<boolean> {
  return (await authorshipNames(version)).some((named) => named.userId === actor.id);
}

// ---------------------------------------------------------------------------------------------
// The gate

export interface Blocker {
  reason: string;
  values?: Record<string, string>;
}

async function gate(version: NonNullable<VersionRow>, hosts: readonly string[]) {
  const blockers: Blocker[] = [];
  const html = { en: version.htmlEn, fr: version.htmlFr };
  const baseline = { en: version.baselineEn, fr: version.baselineFr };
  for (const language of PUBLICATION_LANGUAGES) {
    const s = suffix(language);
    const complete = hasContent(html[language]) && version[`title${s}` as "titleEn"].trim() && version[`authorship${s}` as "authorshipEn"].trim();
    if (!complete) blockers.push({ reason: "publications:gate.missingLanguage", values: { language } });
  }
  const drift: Record<Language, Array<{ key: string; title: string }>> = { en: [], fr: [] };
  if (!blockers.length) {
    for (const language of PUBLICATION_LANGUAGES) {
      if (baseline[language] === "{}") {
        blockers.push({ reason: "publications:gate.notConfirmed", values: { language } });
        continue;
      }
      drift[language] = changedSections(JSON.parse(baseline[language]), htmlSections(html[other(language)]));
      if (drift[language].length) {
        blockers.push({ reason: "publications:gate.needsUpdate", values: { language, sections: drift[language].map((s) => s.title || "—").join(", ") } });
      }
    }
    if (htmlSections(html.en).length !== htmlSections(html.fr).length) blockers.push({ reason: "publications:gate.sectionsDiffer" });
  }
  const hits = await versionHits(version, hosts);
  const open = hits.filter((hit) => !hit.accepted).length;
  if (open) blockers.push({ reason: "publications:gate.openHits", values: { count: String(open) } });
  const named = await authorshipNames(version);
  const unconsented = named.filter((n) => !n.consented);
  if (unconsented.length) blockers.push({ reason: "publications:gate.consentMissing", values: { names: unconsented.map((n) => n.displayName).join(", ") } });
  return { blockers, hits, named, drift };
}

// ---------------------------------------------------------------------------------------------
// Reviewing: editing the frozen text, fixing or accepting hits, confirming a language

export async function editVersion(
  actor: Actor,
  versionId: string,
  input: Record<"titleEn" | "titleFr" | "summaryEn" | "summaryFr" | "authorshipEn" | "authorshipFr" | "licence" | "issuedOn" | "htmlEn" | "htmlFr", string>,
): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["review"]);
  if (!allowed.ok) return allowed;
  const parsed = parseWith(publicationMetaSchema, input);
  if (!parsed.ok) return refuse.fields(parsed.fieldErrors);
  const htmlEn = sanitizeHtml(input.htmlEn);
  const htmlFr = sanitizeHtml(input.htmlFr);
  if (htmlEn.length > 500_000 || htmlFr.length > 500_000) return refuse.tooLarge("publications:errors.tooLong");
  await db().$transaction(async (tx) => {
    await tx.publicationVersion.update({ where: { id: versionId }, data: { ...metaData(parsed.value), htmlEn, htmlFr } });
    // What was approved is not what is there now.
    await tx.publicationApproval.deleteMany({ where: { versionId } });
  });
  return ok();
}

/** "This language says what the other says now": its drift baseline moves to the other's sections. */
export async function confirmLanguage(actor: Actor, versionId: string, language: string): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["propose", "review"]);
  if (!allowed.ok) return allowed;
  if (!isPublicationLanguage(language)) return refuse.invalid("common:errors.invalidValue", "language");
  const version = allowed.value.version;
  const otherHtml = language === "en" ? version.htmlFr : version.htmlEn;
  await db().publicationVersion.update({
    where: { id: versionId },
    data: { [`baseline${suffix(language)}`]: JSON.stringify(baselineOf(htmlSections(otherHtml))) },
  });
  return ok();
}

function findHit(version: NonNullable<VersionRow>, people: ScanPeople, hosts: readonly string[], language: Language, key: string) {
  return rawHits(version, people, hosts).find((hit) => hit.language === language && `${hit.field}|${hit.key}` === key) ?? null;
}

/**
 * Fixes one hit: the words become `replacement` (a link loses its link). A fix only removes an
 * identity, so the other language's drift baseline follows unless that language was already
 * flagged for other reasons.
 */
export async function fixIdentityHit(actor: Actor, versionId: string, input: { language: string; key: string; replacement: string }, hosts: readonly string[]): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["review"]);
  if (!allowed.ok) return allowed;
  if (!isPublicationLanguage(input.language)) return refuse.invalid("common:errors.invalidValue", "language");
  const language = input.language;
  const replacement = input.replacement.trim();
  if (replacement.length > 200) return refuse.invalid("publications:errors.tooLong", "replacement");
  const version = allowed.value.version;
  const hit = findHit(version, await scanPeople(), hosts, language, input.key);
  if (!hit) return refuse.conflict("publications:errors.hitGone");
  if (hit.kind !== "link" && !replacement) return refuse.invalid("publications:errors.replacementRequired", "replacement");
  const fixed = fixHit(fieldTree(version, language, hit.field), hit, replacement);
  if (!fixed) return refuse.conflict("publications:errors.hitGone");
  const s = suffix(language);
  const data: Record<string, string> = {};
  if (hit.field === "body") {
    const before = language === "en" ? version.htmlEn : version.htmlFr;
    const after = serializeHtml(fixed);
    data[`html${s}`] = after;
    const otherBaselineField = `baseline${suffix(other(language))}`;
    const otherBaseline = version[otherBaselineField as "baselineEn"];
    if (otherBaseline !== "{}" && changedSections(JSON.parse(otherBaseline), htmlSections(before)).length === 0) {
      data[otherBaselineField] = JSON.stringify(baselineOf(htmlSections(after)));
    }
  } else {
    data[`${hit.field}${s}`] = textOfNodes(fixed);
  }
  await db().$transaction(async (tx) => {
    await tx.publicationVersion.update({ where: { id: versionId }, data });
    await tx.publicationApproval.deleteMany({ where: { versionId } });
  });
  return ok();
}

export async function acceptIdentityHit(actor: Actor, versionId: string, input: { language: string; key: string }, hosts: readonly string[]): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["review"]);
  if (!allowed.ok) return allowed;
  if (!isPublicationLanguage(input.language)) return refuse.invalid("common:errors.invalidValue", "language");
  const hit = findHit(allowed.value.version, await scanPeople(), hosts, input.language, input.key);
  if (!hit) return refuse.conflict("publications:errors.hitGone");
  await db().publicationHitAcceptance.upsert({
    where: { versionId_language_key: { versionId, language: input.language, key: input.key } },
    create: { versionId, language: input.language, key: input.key, acceptedById: actor.id },
    update: {},
  });
  return ok();
}

/** A named member's own consent (or its withdrawal) to appear in the authorship line. */
export async function setNamingConsent(actor: Actor, publicationId: string, consent: boolean): Promise<Result> {
  const latest = await db().publicationVersion.findFirst({ where: { publicationId }, select: versionSelect, orderBy: { number: "desc" } });
  if (!latest || !(await isNamedIn(actor, latest))) return refuse.notFound();
  if (consent) {
    await db().publicationConsent.upsert({ where: { publicationId_userId: { publicationId, userId: actor.id } }, create: { publicationId, userId: actor.id }, update: {} });
  } else {
    await db().publicationConsent.deleteMany({ where: { publicationId, userId: actor.id } });
  }
  await recordAudit({ actorId: actor.id, action: consent ? "publication.namingConsented" : "publication.namingWithdrawn", objectType: "publication", objectId: publicationId });
  return ok();
}

// ---------------------------------------------------------------------------------------------
// A cover picture: cleaned by the library's upload cleaner (re-encoded, no EXIF, GPS or XMP),
// JPEG or PNG so every output (page, PDF, EPUB, site) can carry it, with a description in both
// languages.

export const MAX_COVER_BYTES = 8 * 1024 * 1024;

export async function setCover(actor: Actor, versionId: string, input: { bytes: Uint8Array | null; altEn: string; altFr: string }): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["propose", "review"]);
  if (!allowed.ok) return allowed;
  const altEn = input.altEn.trim();
  const altFr = input.altFr.trim();
  const fieldErrors: Record<string, string> = {};
  if (!input.bytes?.length) fieldErrors.cover = "publications:errors.coverMissing";
  if (!altEn || altEn.length > 300) fieldErrors.coverAltEn = "publications:errors.coverAlt";
  if (!altFr || altFr.length > 300) fieldErrors.coverAltFr = "publications:errors.coverAlt";
  if (Object.keys(fieldErrors).length) return refuse.fields(fieldErrors);
  if (input.bytes!.length > MAX_COVER_BYTES) return refuse.tooLarge("publications:errors.coverTooLarge", "cover");
  const prepared = await prepareUpload(input.bytes!);
  if (!prepared.ok) return refuse.invalid(prepared.error, "cover");
  if (prepared.mime !== "image/jpeg" && prepared.mime !== "image/png") return refuse.invalid("publications:errors.coverType", "cover");
  const stored = await storeFile(prepared.bytes, { maxBytes: MAX_COVER_BYTES * 2 });
  if (!stored.ok) return refuse.invalid("publications:errors.coverMissing", "cover");
  await db().$transaction(async (tx) => {
    await tx.publicationVersion.update({ where: { id: versionId }, data: { coverHash: stored.file.hash, coverMime: prepared.mime, coverAltEn: altEn, coverAltFr: altFr } });
    await tx.publicationApproval.deleteMany({ where: { versionId } });
  });
  return ok();
}

export async function removeCover(actor: Actor, versionId: string): Promise<Result> {
  const allowed = await authoriseProposal(actor, versionId, ["propose", "review"]);
  if (!allowed.ok) return allowed;
  await db().$transaction(async (tx) => {
    await tx.publicationVersion.update({ where: { id: versionId }, data: { coverHash: null, coverMime: null, coverAltEn: "", coverAltFr: "" } });
    await tx.publicationApproval.deleteMany({ where: { versionId } });
  });
  return ok();
}

/** The cover's cleaned bytes (for the outputs), or null when the version has none. */
export async function coverBytes(version: { coverHash: string | null; coverMime: string | null }): Promise<{ bytes: Uint8Array; mime: string } | null> {
  if (!version.coverHash || !version.coverMime) return null;
  const file = await openFile(version.coverHash);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mime: version.coverMime };
}

// ---------------------------------------------------------------------------------------------
// Approving

export async function approveVersion(actor: Actor, versionId: string, hosts: readonly string[]): Promise<Result<{ published: boolean }>> {
  const allowed = await authoriseProposal(actor, versionId, ["approve"]);
  if (!allowed.ok) return allowed;
  const { version, publication } = allowed.value;
  const settings = await publicationSettings();
  const required = policy.requiredSlots(settings);
  const existing = await db().publicationApproval.findMany({ where: { versionId }, select: { slot: true } });
  const filled = new Set(existing.map((a) => a.slot));
  const slot = policy.slotsFor(actor).find((s) => required.includes(s) && !filled.has(s));
  if (!slot) return refuse.conflict("publications:errors.alreadyApproved");
  const { blockers } = await gate(version, hosts);
  if (blockers.length) return refuse.conflict("publications:gate.heading", { details: { blockers } });
  filled.add(slot);
  const complete = required.every((s) => filled.has(s));
  await db().$transaction(async (tx) => {
    await tx.publicationApproval.create({ data: { versionId, slot, approvedById: actor.id } });
    if (complete) {
      // Links into Praxis go now: the approved text is what every output is made from.
      const drop = (href: string) => isInternalAddress(href, hosts);
      await tx.publicationVersion.update({
        where: { id: versionId },
        data: {
          status: "approved",
          approvedAt: new Date(),
          htmlEn: serializeHtml(unwrapLinks(parseHtml(version.htmlEn), drop)),
          htmlFr: serializeHtml(unwrapLinks(parseHtml(version.htmlFr), drop)),
        },
      });
    }
    await recordAudit({ actorId: actor.id, action: complete ? "publication.published" : "publication.approved", objectType: "publication", objectId: publication.id, data: { version: version.number, slot } }, tx);
  });
  return ok({ published: complete });
}

// ---------------------------------------------------------------------------------------------
// Sharing and taking down

export async function unpublish(actor: Actor, publicationId: string): Promise<Result> {
  const publication = await loadPublication(publicationId);
  if (!publication || !policy.allowOpen(actor, publication)) return refuse.notFound();
  if (!policy.allow(actor, "unpublish", publication)) return refuse.forbidden();
  if (publication.unpublishedAt) return refuse.conflict("publications:errors.unpublished");
  await db().$transaction(async (tx) => {
    await tx.publication.update({ where: { id: publicationId }, data: { unpublishedAt: new Date(), unpublishedById: actor.id } });
    await tx.publicationVersion.updateMany({ where: { publicationId, status: "proposed" }, data: { status: "withdrawn" } });
    await recordAudit({ actorId: actor.id, action: "publication.unpublished", objectType: "publication", objectId: publicationId }, tx);
  });
  return ok();
}

/** Public, or unlisted with a new link (the key is shown once; only its hash is kept). */
export async function setVisibility(actor: Actor, publicationId: string, visibility: string): Promise<Result<{ unlistedKey: string | null }>> {
  const publication = await loadPublication(publicationId);
  if (!publication || !policy.allowOpen(actor, publication)) return refuse.notFound();
  if (!policy.allow(actor, "unpublish", publication)) return refuse.forbidden();
  if (publication.unpublishedAt) return refuse.conflict("publications:errors.unpublished");
  if (visibility !== "public" && visibility !== "unlisted") return refuse.invalid("common:errors.invalidValue", "visibility");
  const key = visibility === "unlisted" ? randomToken(20) : null;
  await db().publication.update({ where: { id: publicationId }, data: { visibility, unlistedKeyHash: key ? sha256Hex(key) : null } });
  await recordAudit({ actorId: actor.id, action: "publication.visibility", objectType: "publication", objectId: publicationId, data: { visibility } });
  return ok({ unlistedKey: key });
}

/** The unlisted link stops working at once; a new one can be made later. */
export async function revokeUnlistedLink(actor: Actor, publicationId: string): Promise<Result> {
  const publication = await loadPublication(publicationId);
  if (!publication || !policy.allowOpen(actor, publication)) return refuse.notFound();
  if (!policy.allow(actor, "unpublish", publication)) return refuse.forbidden();
  await db().publication.update({ where: { id: publicationId }, data: { unlistedKeyHash: null } });
  await recordAudit({ actorId: actor.id, action: "publication.linkRevoked", objectType: "publication", objectId: publicationId });
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Pages inside Praxis

export async function listPublications(actor: Actor) {
  const rows = await db().publication.findMany({
    where: policy.followWhere(actor, memberGroupIds(actor)),
    select: { ...publicationSelect, versions: { select: { id: true, number: true, status: true, titleEn: true, titleFr: true, proposedAt: true }, orderBy: { number: "desc" } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const groups = await db().workingGroup.findMany({ select: { id: true, slug: true, nameEn: true, nameFr: true }, orderBy: { position: "asc" } });
  const groupById = new Map(groups.map((g) => [g.id, g]));
  return {
    publications: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      visibility: row.visibility as Visibility,
      unpublishedAt: row.unpublishedAt,
      group: groupById.get(row.groupId) ?? null,
      latest: row.versions[0] ?? null,
      approved: row.versions.find((v) => v.status === "approved") ?? null,
    })),
    startableGroups: groups.filter((g) => policy.allowStart(actor, g.id)),
    canConfigure: policy.allowConfigure(actor),
    settings: await publicationSettings(),
  };
}

/** The review page: every version, the open proposal with its gate, hits and approvals. */
export async function reviewPage(actor: Actor, publicationId: string, hosts: readonly string[]) {
  const publication = await loadPublication(publicationId);
  if (!publication) return refuse.notFound();
  const versions = await db().publicationVersion.findMany({ where: { publicationId }, select: versionSelect, orderBy: { number: "desc" } });
  const latest = versions[0];
  const named = latest ? await authorshipNames(latest) : [];
  const isNamed = named.some((n) => n.userId === actor.id);
  if (!policy.allowOpen(actor, publication) && !isNamed) return refuse.notFound();
  const group = await db().workingGroup.findUnique({ where: { id: publication.groupId }, select: { id: true, slug: true, nameEn: true, nameFr: true } });
  const proposal = versions.find((v) => v.status === "proposed") ?? null;
  const settings = await publicationSettings();
  const required = policy.requiredSlots(settings);
  let review = null;
  if (proposal) {
    const [state, approvals] = await Promise.all([
      gate(proposal, hosts),
      db().publicationApproval.findMany({ where: { versionId: proposal.id }, select: { slot: true, approvedAt: true, approvedById: true } }),
    ]);
    const filled = new Set(approvals.map((a) => a.slot));
    review = {
      version: proposal,
      blockers: state.blockers,
      hits: state.hits,
      drift: state.drift,
      required,
      approvals,
      mySlot: policy.slotsFor(actor).find((s) => required.includes(s) && !filled.has(s)) ?? null,
    };
  }
  return ok({
    publication: { ...publication, unlistedKeyHash: undefined, hasUnlistedLink: Boolean(publication.unlistedKeyHash) },
    group,
    versions: versions.map((v) => ({ id: v.id, number: v.number, status: v.status, changeNote: v.changeNote, proposedAt: v.proposedAt, approvedAt: v.approvedAt, titleEn: v.titleEn, titleFr: v.titleFr })),
    hasApproved: versions.some((v) => v.status === "approved"),
    review,
    named,
    myConsent: named.find((n) => n.userId === actor.id) ?? null,
    can: {
      review: policy.allow(actor, "review", publication) && !publication.unpublishedAt,
      propose: policy.allow(actor, "propose", publication) && !publication.unpublishedAt,
      unpublish: policy.allow(actor, "unpublish", publication) && !publication.unpublishedAt,
    },
  });
}

/** The proposal form's choices: groups the actor may start a publication for, and their documents. */
export async function proposalChoices(actor: Actor) {
  const groups = await db().workingGroup.findMany({ select: { id: true, slug: true, nameEn: true, nameFr: true }, orderBy: { position: "asc" } });
  const startable = groups.filter((g) => policy.allowStart(actor, g.id));
  return Promise.all(startable.map(async (group) => ({ ...group, sources: await groupSources(group.id) })));
}

// ---------------------------------------------------------------------------------------------
// What the public pages read (no actor: approved versions are public by definition)

export type PublicLookup =
  | { state: "live"; publication: PublicationRow; version: NonNullable<VersionRow>; approved: Array<{ number: number; changeNote: string; approvedAt: Date | null }>; isLatest: boolean }
  | { state: "gone"; unpublishedAt: Date }
  | { state: "missing" };

/** A publication by its public slug or its unlisted key, at its latest or a given approved version. */
export async function publicVersion(address: string, number?: number): Promise<PublicLookup> {
  if (!/^[a-z0-9-]{3,64}$/.test(address)) return { state: "missing" };
  let publication = await db().publication.findUnique({ where: { slug: address }, select: publicationSelect });
  if (publication && publication.visibility !== "public" && !publication.unpublishedAt) publication = null;
  if (!publication) publication = await db().publication.findUnique({ where: { unlistedKeyHash: sha256Hex(address) }, select: publicationSelect });
  if (!publication) return { state: "missing" };
  if (publication.unpublishedAt) return { state: "gone", unpublishedAt: publication.unpublishedAt };
  const approved = await db().publicationVersion.findMany({ where: { publicationId: publication.id, status: "approved" }, select: versionSelect, orderBy: { number: "desc" } });
  if (!approved.length) return { state: "missing" };
  const version = number === undefined ? approved[0] : approved.find((v) => v.number === number);
  if (!version) return { state: "missing" };
  return {
    state: "live",
    publication,
    version,
    approved: approved.map((v) => ({ number: v.number, changeNote: v.changeNote, approvedAt: v.approvedAt })),
    isLatest: version.number === approved[0].number,
  };
}

