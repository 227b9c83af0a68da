// Applications: the public call, applicants' drafts and submissions behind a private link,
// blind committee review, ranking and balance, interviews, decisions, outcomes and erasure.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "~/infra/db.server";
import { env } from "~/infra/env.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { log } from "~/infra/log.server";
import { sendMail } from "~/infra/mail.server";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { seal, sealKeyFor, unseal } from "~/infra/seal.server";
import { isValidTimeZone } from "~/infra/time";
import type { Result } from "./accounts.server";
import {
  CAPACITY_ANSWERS,
  CRITERIA,
  DECLARATIONS,
  FIELD_LIMITS,
  REGIONS,
  SCORE_MAX,
  SCORE_MIN,
  SHORTLIST_STAGES,
  TEXT_FIELDS,
  WORKING_LANGUAGES,
  looksLikeEmail,
  type ApplicationValues,
  type Criterion,
  type Stage,
} from "./applications";
import { recordAudit } from "./audit.server";
import { createInvitation } from "./invitations.server";
import { can, type Actor } from "./permissions";

const DAY_MS = 24 * 60 * 60 * 1000;

// Loaded on use: the locale bundle exists only in the built app, and the seed (plain Node)
// imports this module too.
async function translatorFor(language: Language) {
  return (await import("~/infra/i18n.server")).translatorFor(language);
}

// ---------------------------------------------------------------------------------------------
// The call

export const callSchema = z.object({
  titleEn: z.string().trim().min(1, "applications:call.required").max(200, "applications:call.tooLong"),
  titleFr: z.string().trim().min(1, "applications:call.required").max(200, "applications:call.tooLong"),
  themesEn: z.string().trim().min(1, "applications:call.required").max(10_000, "applications:call.tooLong"),
  themesFr: z.string().trim().min(1, "applications:call.required").max(10_000, "applications:call.tooLong"),
  commitmentsEn: z.string().trim().max(10_000, "applications:call.tooLong"),
  commitmentsFr: z.string().trim().max(10_000, "applications:call.tooLong"),
  honorariumEn: z.string().trim().max(2_000, "applications:call.tooLong"),
  honorariumFr: z.string().trim().max(2_000, "applications:call.tooLong"),
  eligibilityEn: z.string().trim().max(10_000, "applications:call.tooLong"),
  eligibilityFr: z.string().trim().max(10_000, "applications:call.tooLong"),
  closesAt: z.date({ message: "applications:call.deadlineInvalid" }),
  retentionDays: z.coerce.number({ message: "applications:call.retentionInvalid" }).int("applications:call.retentionInvalid").min(1, "applications:call.retentionInvalid").max(730, "applications:call.retentionInvalid"),
});
export type CallInput = z.infer<typeof callSchema>;

const callSelect = {
  id: true, titleEn: true, titleFr: true, themesEn: true, themesFr: true, commitmentsEn: true, commitmentsFr: true,
  honorariumEn: true, honorariumFr: true, eligibilityEn: true, eligibilityFr: true, closesAt: true, retentionDays: true,
} as const;

/** The call people apply to now: the newest one. */
export async function getCurrentCall() {
  return db().applicationCall.findFirst({ select: callSelect, orderBy: { createdAt: "desc" } });
}

export function isCallOpen(call: { closesAt: Date } | null | undefined, now = new Date()): boolean {
  return Boolean(call && call.closesAt.getTime() > now.getTime());
}

/** The coordinator writes the call; the first save creates it, later saves edit the current one. */
export async function saveCall(actor: Actor, input: CallInput): Promise<Result<{ id: string }>> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const current = await getCurrentCall();
  const id = current?.id ?? newId();
  if (current) await db().applicationCall.update({ where: { id }, data: input });
  else await db().applicationCall.create({ data: { id, ...input } });
  await recordAudit({ actorId: actor.id, action: current ? "applicationCall.updated" : "applicationCall.created", objectType: "applicationCall", objectId: id, data: { closesAt: input.closesAt.toISOString(), retentionDays: input.retentionDays } });
  return { ok: true, value: { id } };
}

// ---------------------------------------------------------------------------------------------
// The form: spam trap, validation, drafts and submission

/** Fixed per process unless configured; a restart only asks people mid-form to send again. */
let processSecret: Buffer | undefined;
function formSecret(): Buffer {
  const configured = env().APPLICATION_FORM_SECRET;
  if (configured) return Buffer.from(configured);
  processSecret ??= randomBytes(32);
  return processSecret;
}

/** A signed "the form was shown at" stamp, posted back with the form. */
export function issueFormStamp(now = Date.now()): string {
  const mac = createHmac("sha256", formSecret()).update(`apply:${now}`).digest("base64url");
  return `${now}.${mac}`;
}

/** The stamp to send back with a refused form: the original one keeps counting the person's time. */
export function stampToReturn(posted: string): string {
  const age = stampAge(posted, Date.now());
  return age !== null && age >= 0 ? posted : issueFormStamp();
}

function stampAge(stamp: string, now: number): number | null {
  const [time, mac] = stamp.split(".");
  if (!time || !mac || !/^\d{10,16}$/.test(time)) return null;
  const expected = createHmac("sha256", formSecret()).update(`apply:${time}`).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return now - Number(time);
}

// Per address: generous for drafts (people save often on flaky connections), strict for
// submissions. Many applicants may share an address (a cyber café, an NGO office).
let submitLimiter: ReturnType<typeof createRateLimiter> | undefined;
const draftLimiter = createRateLimiter({ limit: 60, windowMs: 60 * 60 * 1000 });

export interface FormGuards {
  address: string;
  /** The honeypot field: people never see it, robots fill it. */
  honeypot: string;
  stamp: string;
  intent: "save-draft" | "submit";
}

/** Spam trap and rate limit, before anything is read or stored. Returns an error key or null. */
export function checkFormGuards(guards: FormGuards, now = Date.now()): { error: string; retryAfterSeconds?: number } | null {
  if (guards.honeypot.trim() !== "") return { error: "applications:form.spam" };
  const age = stampAge(guards.stamp, now);
  // A stamp older than a week is fine (a draft left open); a missing or forged one is not.
  if (age === null || age < 0) return { error: "applications:form.expiredForm" };
  if (guards.intent === "submit" && age < env().APPLICATION_MIN_FILL_SECONDS * 1000) return { error: "applications:form.tooFast" };
  submitLimiter ??= createRateLimiter({ limit: env().APPLICATION_SUBMISSIONS_PER_HOUR, windowMs: 60 * 60 * 1000 });
  const limiter = guards.intent === "submit" ? submitLimiter : draftLimiter;
  const verdict = limiter.hit([`apply:${guards.address}`]);
  if (!verdict.allowed) return { error: "applications:form.rateLimited", retryAfterSeconds: verdict.retryAfterSeconds };
  return null;
}

const limited = (field: keyof typeof FIELD_LIMITS) => z.string().trim().max(FIELD_LIMITS[field], `applications:form.tooLong.${field}`);
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values, { message })]);

/** What a draft may hold: anything, but nothing over-long or outside the choices. */
const draftSchema = z.object({
  name: limited("name"),
  contact: limited("contact"),
  country: limited("country"),
  organisation: limited("organisation"),
  experience: limited("experience"),
  motivation: limited("motivation"),
  learningGoals: limited("learningGoals"),
  capacityNote: limited("capacityNote"),
  conflictOfInterest: limited("conflictOfInterest"),
  region: optionalChoice(REGIONS, "applications:form.regionRequired"),
  preferredGroupId: z.string().trim().max(64),
  workingLanguages: optionalChoice(WORKING_LANGUAGES, "applications:form.languagesRequired"),
  capacity: optionalChoice(CAPACITY_ANSWERS, "applications:form.capacityRequired"),
  notAdvisoryMember: optionalChoice(["confirm", "cannot-confirm"] as const, "applications:form.declarationRequired"),
  notAllianceStaff: optionalChoice(["confirm", "cannot-confirm"] as const, "applications:form.declarationRequired"),
  notPreviousCop: optionalChoice(["confirm", "cannot-confirm"] as const, "applications:form.declarationRequired"),
});

const required = (message: string) => (value: string) => value.length > 0 || message;

/** A submission: the draft rules plus every required answer. Errors name the field. */
function submissionErrors(values: z.infer<typeof draftSchema>, groupIds: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const checks: Array<[keyof typeof values, (value: string) => true | string]> = [
    ["name", required("applications:form.nameRequired")],
    ["contact", required("applications:form.contactRequired")],
    ["country", required("applications:form.countryRequired")],
    ["region", required("applications:form.regionRequired")],
    ["experience", required("applications:form.experienceRequired")],
    ["motivation", required("applications:form.motivationRequired")],
    ["learningGoals", required("applications:form.learningGoalsRequired")],
    ["preferredGroupId", (value) => groupIds.includes(value) || "applications:form.groupRequired"],
    ["workingLanguages", required("applications:form.languagesRequired")],
    ["capacity", required("applications:form.capacityRequired")],
    ...DECLARATIONS.map((d) => [d, required("applications:form.declarationRequired")] as [keyof typeof values, (value: string) => true | string]),
  ];
  for (const [field, check] of checks) {
    const verdict = check(values[field]);
    if (verdict !== true) errors[field] = verdict;
  }
  return errors;
}

function normalisedContact(contact: string): string {
  return contact.trim().toLowerCase().replace(/\s+/g, "");
}

function declarationColumn(value: string): boolean | null {
  return value === "confirm" ? true : value === "cannot-confirm" ? false : null;
}

function toColumns(values: z.infer<typeof draftSchema>, groupIds: string[]) {
  return {
    name: values.name,
    contact: values.contact,
    country: values.country,
    organisation: values.organisation,
    experience: values.experience,
    motivation: values.motivation,
    learningGoals: values.learningGoals,
    capacityNote: values.capacityNote,
    conflictOfInterest: values.conflictOfInterest,
    region: values.region,
    preferredGroupId: groupIds.includes(values.preferredGroupId) ? values.preferredGroupId : null,
    workingLanguages: values.workingLanguages,
    capacity: values.capacity,
    notAdvisoryMember: declarationColumn(values.notAdvisoryMember),
    notAllianceStaff: declarationColumn(values.notAllianceStaff),
    notPreviousCop: declarationColumn(values.notPreviousCop),
  };
}

function declarationValue(value: boolean | null): string {
  return value === true ? "confirm" : value === false ? "cannot-confirm" : "";
}

/** A stored application as the form's values, to resume a draft. */
function toValues(row: ApplicationFormRow): ApplicationValues {
  return {
    name: row.name, contact: row.contact, country: row.country, organisation: row.organisation, experience: row.experience,
    motivation: row.motivation, learningGoals: row.learningGoals, capacityNote: row.capacityNote, conflictOfInterest: row.conflictOfInterest,
    region: row.region, preferredGroupId: row.preferredGroupId ?? "", workingLanguages: row.workingLanguages, capacity: row.capacity,
    notAdvisoryMember: declarationValue(row.notAdvisoryMember), notAllianceStaff: declarationValue(row.notAllianceStaff), notPreviousCop: declarationValue(row.notPreviousCop),
  };
}

const formRowSelect = {
  id: true, reference: true, stage: true, language: true, callId: true, name: true, contact: true, country: true, region: true, organisation: true,
  experience: true, motivation: true, learningGoals: true, preferredGroupId: true, workingLanguages: true, capacity: true,
  capacityNote: true, notAdvisoryMember: true, notAllianceStaff: true, notPreviousCop: true, conflictOfInterest: true,
  createdAt: true, updatedAt: true, submittedAt: true, interviewAt: true, interviewMinutes: true, interviewTimeZone: true, interviewUrl: true,
  decidedAt: true, outcomeSentAt: true, sealedInvitation: true, decidedGroupId: true, erasedAt: true,
} as const;
type ApplicationFormRow = NonNullable<Awaited<ReturnType<typeof findRowByToken>>>;

function findRowByToken(token: string) {
  if (!/^[a-z2-7]{32,64}$/.test(token)) return Promise.resolve(null);
  return db().application.findUnique({ where: { tokenHash: sha256Hex(token) }, select: formRowSelect });
}

/** Reads what the form posted, every field as typed (for showing back after a refusal). */
export function readApplicationValues(form: FormData): ApplicationValues {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = {} as ApplicationValues;
  for (const field of [...TEXT_FIELDS, "region", "preferredGroupId", "workingLanguages", "capacity", ...DECLARATIONS] as const) values[field] = get(field);
  return values;
}

export type FormOutcome =
  | { ok: true; token: string; reference: string; submitted: boolean }
  | { ok: false; error?: string; fieldErrors: Record<string, string> };

function newReference(): string {
  const raw = randomToken(5).toUpperCase(); // 8 characters of base32
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}`;
}

async function groupIds(): Promise<string[]> {
  return (await db().workingGroup.findMany({ select: { id: true } })).map((g) => g.id);
}

/**
 * Saves a draft or submits, creating the application on first save. `token` is the private
 * link's token when the applicant came back by it. Nothing is stored when anything is refused.
 */
export async function saveApplication(input: {
  values: ApplicationValues;
  token: string | null;
  intent: "save-draft" | "submit";
  language: Language;
  now?: Date;
}): Promise<FormOutcome> {
  const now = input.now ?? new Date();
  const call = await getCurrentCall();
  const existing = input.token ? await findRowByToken(input.token) : null;
  if (input.token && !existing) return { ok: false, error: "applications:status.unknown", fieldErrors: {} };
  if (existing && existing.stage !== "draft") return { ok: false, error: "applications:form.alreadySubmitted", fieldErrors: {} };
  const callId = existing?.callId ?? call?.id;
  if (!call || !callId || call.id !== callId || !isCallOpen(call, now)) return { ok: false, error: "applications:form.closed", fieldErrors: {} };

  const parsed = draftSchema.safeParse(input.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message.includes(":") ? issue.message : "common:errors.invalidValue";
    // Say everything at once: what is too long, and (for a submission) what is still missing.
    if (input.intent === "submit") {
      const raw = Object.fromEntries(Object.entries(input.values).map(([key, value]) => [key, typeof value === "string" ? value.trim() : ""]));
      for (const [field, message] of Object.entries(submissionErrors(raw as z.infer<typeof draftSchema>, await groupIds()))) fieldErrors[field] ??= message;
    }
    return { ok: false, error: "applications:form.fixErrors", fieldErrors };
  }
  const ids = await groupIds();
  const values = parsed.data;
  const submitting = input.intent === "submit";
  if (submitting) {
    const fieldErrors = submissionErrors(values, ids);
    if (Object.keys(fieldErrors).length) return { ok: false, error: "applications:form.fixErrors", fieldErrors };
    if (await isDuplicate(callId, values.contact, existing?.id)) return { ok: false, error: "applications:form.duplicate", fieldErrors: { contact: "applications:form.duplicateContact" } };
  }

  const columns = {
    ...toColumns(values, ids),
    language: input.language,
    ...(submitting ? { stage: "submitted", submittedAt: now } : {}),
  };
  if (existing) {
    // Only a draft flips to submitted, once: a second tab submitting the same draft loses.
    const { count } = await db().application.updateMany({ where: { id: existing.id, stage: "draft" }, data: columns });
    if (count === 0) return { ok: false, error: "applications:form.alreadySubmitted", fieldErrors: {} };
    if (submitting) log("info", "application submitted", { reference: existing.reference });
    return { ok: true, token: input.token!, reference: existing.reference, submitted: submitting };
  }
  const token = randomToken(20);
  const reference = newReference();
  await db().application.create({ data: { id: newId(), callId, reference, tokenHash: sha256Hex(token), sealKey: sealKeyFor(token), ...columns } });
  if (submitting) log("info", "application submitted", { reference });
  return { ok: true, token, reference, submitted: submitting };
}

/** The same way to be contacted already submitted to this call: one application per person. */
async function isDuplicate(callId: string, contact: string, exceptId: string | undefined): Promise<boolean> {
  const wanted = normalisedContact(contact);
  const others = await db().application.findMany({
    where: { callId, stage: { not: "draft" }, erasedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { contact: true },
  });
  return others.some((other) => normalisedContact(other.contact) === wanted);
}

/** What the private link shows: the draft to resume, or the status and any outcome. */
export async function getApplicationByToken(token: string) {
  const row = await findRowByToken(token);
  if (!row) return null;
  const call = await db().applicationCall.findUnique({ where: { id: row.callId }, select: callSelect });
  const groupId = row.decidedGroupId ?? row.preferredGroupId;
  const group = groupId ? await db().workingGroup.findUnique({ where: { id: groupId }, select: { id: true, slug: true, nameEn: true, nameFr: true } }) : null;
  const outcomeVisible = Boolean(row.outcomeSentAt) && (row.stage === "accepted" || row.stage === "declined");
  const invitationToken = outcomeVisible && row.stage === "accepted" && row.sealedInvitation ? unseal(token, row.sealedInvitation) : null;
  return {
    reference: row.reference,
    stage: row.stage as Stage,
    values: toValues(row),
    call,
    isEditable: row.stage === "draft" && isCallOpen(call),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    interview: row.interviewAt && row.stage === "interview" ? { at: row.interviewAt, minutes: row.interviewMinutes ?? 30, timeZone: row.interviewTimeZone ?? "UTC", url: row.interviewUrl } : null,
    /** What the applicant may know: the committee's work stays private until the outcome is sent. */
    outcome: outcomeVisible ? (row.stage as "accepted" | "declined") : null,
    group,
    invitationToken,
  };
}

/** The applicant withdraws: the application and its reviews are deleted at once. */
export async function withdrawApplication(token: string): Promise<Result> {
  const row = await findRowByToken(token);
  if (!row) return { ok: false, error: "applications:status.unknown" };
  if (row.stage === "accepted" && row.outcomeSentAt) return { ok: false, error: "applications:status.cannotWithdraw" };
  await db().application.delete({ where: { id: row.id } });
  log("info", "application withdrawn", { reference: row.reference });
  return { ok: true, value: undefined };
}

// ---------------------------------------------------------------------------------------------
// Reviewers and blind review

export async function isAppointedReviewer(userId: string): Promise<boolean> {
  return (await db().applicationReviewer.count({ where: { userId } })) > 0;
}

/** The coordinator (applications.review), or a member the coordinator appointed. */
export async function canReviewApplications(actor: Actor | null | undefined): Promise<boolean> {
  if (!actor) return false;
  return can(actor, "applications.review") || (await isAppointedReviewer(actor.id));
}

export async function listReviewers() {
  const rows = await db().applicationReviewer.findMany({ select: { userId: true, appointedAt: true }, orderBy: { appointedAt: "asc" } });
  const users = await db().user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, displayName: true, username: true } });
  return rows.flatMap((row) => {
    const user = users.find((u) => u.id === row.userId);
    return user ? [{ ...user, appointedAt: row.appointedAt }] : [];
  });
}

export async function appointReviewer(actor: Actor, username: string): Promise<Result> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const user = await db().user.findUnique({ where: { username: username.trim().toLowerCase() }, select: { id: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return { ok: false, error: "applications:reviewers.unknownUser", field: "username" };
  await db().applicationReviewer.upsert({ where: { userId: user.id }, create: { userId: user.id, appointedById: actor.id }, update: {} });
  await recordAudit({ actorId: actor.id, action: "applicationReviewer.appointed", objectType: "user", objectId: user.id });
  return { ok: true, value: undefined };
}

export async function removeReviewer(actor: Actor, userId: string): Promise<Result> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  await db().applicationReviewer.deleteMany({ where: { userId } });
  await recordAudit({ actorId: actor.id, action: "applicationReviewer.removed", objectType: "user", objectId: userId });
  return { ok: true, value: undefined };
}

const reviewSelect = {
  reviewerId: true, scoreExperience: true, scoreMotivation: true, scoreRegularity: true, scoreGoals: true, scoreBalance: true,
  scoreLanguages: true, notes: true, conflictDeclaredAt: true, submittedAt: true,
} as const;
type ReviewRow = { [K in keyof typeof reviewSelect]: K extends `score${string}` ? number | null : K extends "notes" | "reviewerId" ? string : Date | null };

const SCORE_COLUMN: Record<Criterion, keyof ReviewRow & `score${string}`> = {
  experience: "scoreExperience",
  motivation: "scoreMotivation",
  regularity: "scoreRegularity",
  goals: "scoreGoals",
  balance: "scoreBalance",
  languages: "scoreLanguages",
};

function scoresOf(review: ReviewRow): Record<Criterion, number | null> {
  return Object.fromEntries(CRITERIA.map((c) => [c, review[SCORE_COLUMN[c]] as number | null])) as Record<Criterion, number | null>;
}

/** A reviewer's mean over the criteria; only submitted, non-recused reviews count. */
function reviewMean(review: ReviewRow): number | null {
  if (!review.submittedAt || review.conflictDeclaredAt) return null;
  const scores = CRITERIA.map((c) => review[SCORE_COLUMN[c]]).filter((s): s is number => typeof s === "number");
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

function meanOf(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

function eligibilityFlags(row: { notAdvisoryMember: boolean | null; notAllianceStaff: boolean | null; notPreviousCop: boolean | null }) {
  return DECLARATIONS.filter((d) => row[d] === false);
}

/** Fields a reviewer sees: no contact, no private link, nothing that reaches the applicant. */
const blindSelect = {
  id: true, reference: true, stage: true, name: true, country: true, region: true, organisation: true, experience: true, motivation: true,
  learningGoals: true, preferredGroupId: true, workingLanguages: true, capacity: true, capacityNote: true, notAdvisoryMember: true,
  notAllianceStaff: true, notPreviousCop: true, conflictOfInterest: true, submittedAt: true, erasedAt: true, callId: true,
} as const;

async function reviewableApplications(callId: string) {
  return db().application.findMany({
    where: { callId, stage: { not: "draft" }, erasedAt: null },
    select: { ...blindSelect, reviews: { select: reviewSelect } },
    orderBy: { submittedAt: "asc" },
  });
}

/** A reviewer's queue: each application with their own review state and nothing of others'. */
export async function listReviewQueue(actor: Actor) {
  if (!(await canReviewApplications(actor))) return null;
  const call = await getCurrentCall();
  if (!call) return { call: null, items: [] };
  const rows = await reviewableApplications(call.id);
  return {
    call,
    items: rows.map((row) => {
      const mine = row.reviews.find((r) => r.reviewerId === actor.id);
      const recused = Boolean(mine?.conflictDeclaredAt);
      return {
        id: row.id,
        reference: row.reference,
        // A recused reviewer no longer sees the application, only that they stepped aside.
        name: recused ? "" : row.name,
        region: row.region,
        preferredGroupId: row.preferredGroupId,
        state: recused ? ("recused" as const) : mine?.submittedAt ? ("scored" as const) : ("to-review" as const),
        flags: recused ? [] : eligibilityFlags(row),
      };
    }),
  };
}

/**
 * One application as a reviewer sees it: blind (no contact); others' scores only once the
 * reviewer submitted their own; nothing at all once recused.
 */
export async function getApplicationForReview(actor: Actor, applicationId: string) {
  if (!(await canReviewApplications(actor))) return null;
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" }, erasedAt: null },
    select: { ...blindSelect, reviews: { select: reviewSelect } },
  });
  if (!row) return null;
  const mine = row.reviews.find((r) => r.reviewerId === actor.id) ?? null;
  const recused = Boolean(mine?.conflictDeclaredAt);
  const canSeeOthers = Boolean(mine?.submittedAt) && !recused;
  const others = canSeeOthers ? row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt) : [];
  const names = await db().user.findMany({ where: { id: { in: others.map((o) => o.reviewerId) } }, select: { id: true, displayName: true } });
  const { reviews: _reviews, ...application } = row;
  return {
    recused,
    application: recused ? null : { ...application, flags: eligibilityFlags(row) },
    myReview: mine && !recused ? { scores: scoresOf(mine), notes: mine.notes, submittedAt: mine.submittedAt } : null,
    otherReviews: canSeeOthers
      ? others.map((o) => ({ reviewer: names.find((n) => n.id === o.reviewerId)?.displayName ?? "", scores: scoresOf(o), notes: o.notes, mean: reviewMean(o) }))
      : null,
    pendingOthers: row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt).length,
  };
}

export const reviewSchema = z.object({
  ...Object.fromEntries(
    CRITERIA.map((c) => [
      c,
      z.coerce.number({ message: "applications:review.scoreRequired" }).int("applications:review.scoreRequired").min(SCORE_MIN, "applications:review.scoreRequired").max(SCORE_MAX, "applications:review.scoreRequired"),
    ]),
  ) as Record<Criterion, z.ZodNumber>,
  notes: z.string().trim().max(4000, "applications:review.notesTooLong").default(""),
});

export async function submitReview(actor: Actor, applicationId: string, input: z.infer<typeof reviewSchema>): Promise<Result> {
  if (!(await canReviewApplications(actor))) return { ok: false, error: "common:errors.forbidden" };
  const application = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true } });
  if (!application) return { ok: false, error: "applications:review.notFound" };
  const existing = await db().applicationReview.findUnique({ where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } }, select: { conflictDeclaredAt: true } });
  if (existing?.conflictDeclaredAt) return { ok: false, error: "applications:review.recused" };
  const data = {
    ...Object.fromEntries(CRITERIA.map((c) => [SCORE_COLUMN[c], input[c]])),
    notes: input.notes,
    submittedAt: new Date(),
  };
  await db().applicationReview.upsert({
    where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
    create: { applicationId, reviewerId: actor.id, ...data },
    update: data,
  });
  await recordAudit({ actorId: actor.id, action: "application.reviewed", objectType: "application", objectId: applicationId });
  return { ok: true, value: undefined };
}

/** A reviewer steps aside from an application: any scores they gave stop counting. */
export async function declareConflict(actor: Actor, applicationId: string): Promise<Result> {
  if (!(await canReviewApplications(actor))) return { ok: false, error: "common:errors.forbidden" };
  const application = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true } });
  if (!application) return { ok: false, error: "applications:review.notFound" };
  const cleared = { ...Object.fromEntries(CRITERIA.map((c) => [SCORE_COLUMN[c], null])), notes: "", submittedAt: null, conflictDeclaredAt: new Date() };
  await db().applicationReview.upsert({
    where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
    create: { applicationId, reviewerId: actor.id, ...cleared },
    update: cleared,
  });
  await recordAudit({ actorId: actor.id, action: "application.reviewerRecused", objectType: "application", objectId: applicationId });
  return { ok: true, value: undefined };
}

// ---------------------------------------------------------------------------------------------
// The coordinator: ranking, balance, interviews, decisions, outcomes

export interface BalanceFigures {
  total: number;
  regions: Record<string, number>;
  groups: Record<string, number>;
  languages: Record<string, number>;
}

function balanceOf(rows: Array<{ region: string; preferredGroupId: string | null; decidedGroupId: string | null; workingLanguages: string }>): BalanceFigures {
  const figures: BalanceFigures = { total: rows.length, regions: {}, groups: {}, languages: { en: 0, fr: 0 } };
  for (const region of REGIONS) figures.regions[region] = 0;
  for (const row of rows) {
    if (row.region) figures.regions[row.region] = (figures.regions[row.region] ?? 0) + 1;
    const group = row.decidedGroupId ?? row.preferredGroupId;
    if (group) figures.groups[group] = (figures.groups[group] ?? 0) + 1;
    // "both" counts for each language: the figure answers "how many can work in French?".
    if (row.workingLanguages === "en" || row.workingLanguages === "both") figures.languages.en += 1;
    if (row.workingLanguages === "fr" || row.workingLanguages === "both") figures.languages.fr += 1;
  }
  return figures;
}

/**
 * Every submitted application of the current call, ranked by mean score (the mean of each
 * reviewer's mean over the criteria), with the balance of the shortlist and of all applicants.
 * Erased applications keep their region, group, languages, stage and scores, so they still
 * count in the figures and the ranking, without anything personal.
 */
export async function rankApplications(actor: Actor) {
  if (!can(actor, "applications.manage")) return null;
  const call = await getCurrentCall();
  if (!call) return { call: null, ranked: [], shortlist: balanceOf([]), all: balanceOf([]) };
  const rows = await db().application.findMany({
    where: { callId: call.id, stage: { not: "draft" } },
    select: {
      id: true, reference: true, stage: true, name: true, region: true, country: true, preferredGroupId: true, decidedGroupId: true,
      workingLanguages: true, language: true, notAdvisoryMember: true, notAllianceStaff: true, notPreviousCop: true, submittedAt: true,
      interviewAt: true, decidedAt: true, outcomeSentAt: true, erasedAt: true,
      reviews: { select: reviewSelect },
    },
  });
  const ranked = rows
    .map((row) => {
      const means = row.reviews.map(reviewMean);
      const { reviews, ...rest } = row;
      return {
        ...rest,
        mean: meanOf(means),
        reviewCount: means.filter((m) => m !== null).length,
        recusedCount: reviews.filter((r) => r.conflictDeclaredAt).length,
        flags: eligibilityFlags(row),
      };
    })
    .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  const shortlist = rows.filter((row) => (SHORTLIST_STAGES as readonly string[]).includes(row.stage));
  return { call, ranked, shortlist: balanceOf(shortlist), all: balanceOf(rows) };
}

/** Everything about one application, for the coordinator (who alone sees the contact). */
export async function getApplicationForCoordinator(actor: Actor, applicationId: string) {
  if (!can(actor, "applications.manage")) return null;
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" } },
    select: { ...formRowSelect, reviews: { select: reviewSelect }, invitationId: true },
  });
  if (!row) return null;
  const reviewers = await db().user.findMany({ where: { id: { in: row.reviews.map((r) => r.reviewerId) } }, select: { id: true, displayName: true } });
  const call = await db().applicationCall.findUnique({ where: { id: row.callId }, select: { retentionDays: true } });
  const { reviews, sealedInvitation: _sealed, ...application } = row;
  return {
    application: { ...application, flags: eligibilityFlags(row), canEmail: looksLikeEmail(row.contact) },
    reviews: reviews.map((r) => ({
      reviewer: reviewers.find((u) => u.id === r.reviewerId)?.displayName ?? "",
      reviewerId: r.reviewerId,
      recused: Boolean(r.conflictDeclaredAt),
      submitted: Boolean(r.submittedAt),
      scores: scoresOf(r),
      notes: r.notes,
      mean: reviewMean(r),
    })),
    mean: meanOf(reviews.map(reviewMean)),
    invitation: await invitationState(row.invitationId),
    erasesAt: row.stage === "declined" && row.decidedAt && !row.erasedAt && call ? new Date(row.decidedAt.getTime() + call.retentionDays * DAY_MS) : null,
  };
}

/** Moves an application along: back to submitted, onto the shortlist, or a decision. */
export async function setApplicationStage(
  actor: Actor,
  applicationId: string,
  stage: "submitted" | "shortlisted" | "accepted" | "declined",
  groupId?: string | null,
): Promise<Result> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const row = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true, preferredGroupId: true, outcomeSentAt: true } });
  if (!row) return { ok: false, error: "applications:review.notFound" };
  if (row.outcomeSentAt) return { ok: false, error: "applications:decision.alreadySent" };
  let decidedGroupId: string | null = null;
  if (stage === "accepted") {
    decidedGroupId = groupId || row.preferredGroupId;
    if (!decidedGroupId || !(await db().workingGroup.count({ where: { id: decidedGroupId } }))) return { ok: false, error: "applications:decision.groupRequired", field: "groupId" };
  }
  const isDecision = stage === "accepted" || stage === "declined";
  await db().application.update({
    where: { id: row.id },
    data: { stage, decidedAt: isDecision ? new Date() : null, decidedGroupId, ...(stage === "submitted" || stage === "shortlisted" ? { interviewAt: null, interviewMinutes: null, interviewTimeZone: null, interviewUrl: "" } : {}) },
  });
  await recordAudit({ actorId: actor.id, action: `application.${stage}`, objectType: "application", objectId: row.id, data: decidedGroupId ? { groupId: decidedGroupId } : {} });
  return { ok: true, value: undefined };
}

/** Wall-clock time in an IANA zone → the UTC instant. */
export function zonedTimeToUtc(localDateTime: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!match || !isValidTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - instant;
  };
  // Two passes settle the offset across a daylight-saving change.
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  const result = new Date(instant);
  return Number.isNaN(result.getTime()) ? null : result;
}

export const interviewSchema = z.object({
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "applications:interview.timeInvalid"),
  timeZone: z.string().refine(isValidTimeZone, "applications:interview.zoneInvalid"),
  minutes: z.coerce.number({ message: "applications:interview.minutesInvalid" }).int("applications:interview.minutesInvalid").min(10, "applications:interview.minutesInvalid").max(180, "applications:interview.minutesInvalid"),
  url: z.union([z.literal(""), z.string().trim().url("applications:interview.urlInvalid").max(500, "applications:interview.urlInvalid")]).default(""),
});

/** Offers an interview slot; the applicant learns it by mail (if they gave an address) and on their status page. */
export async function inviteToInterview(actor: Actor, applicationId: string, input: z.infer<typeof interviewSchema>, baseUrl: string): Promise<Result<{ mailed: boolean }>> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const row = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true, reference: true, contact: true, language: true, outcomeSentAt: true } });
  if (!row) return { ok: false, error: "applications:review.notFound" };
  if (row.outcomeSentAt) return { ok: false, error: "applications:decision.alreadySent" };
  const at = zonedTimeToUtc(input.startsAt, input.timeZone);
  if (!at) return { ok: false, error: "applications:interview.timeInvalid", field: "startsAt" };
  if (at.getTime() <= Date.now()) return { ok: false, error: "applications:interview.inPast", field: "startsAt" };
  await db().application.update({
    where: { id: row.id },
    data: { stage: "interview", interviewAt: at, interviewMinutes: input.minutes, interviewTimeZone: input.timeZone, interviewUrl: input.url, decidedAt: null },
  });
  await recordAudit({ actorId: actor.id, action: "application.interview", objectType: "application", objectId: row.id, data: { at: at.toISOString() } });
  let mailed = false;
  if (looksLikeEmail(row.contact)) {
    const language = isSupportedLanguage(row.language) ? row.language : "en";
    const t = await translatorFor(language);
    const when = formatForMail(at, input.timeZone, language);
    await sendMail({
      to: row.contact.trim(),
      subject: t("applications:mail.interviewSubject", { reference: row.reference }),
      text: t("applications:mail.interviewBody", { reference: row.reference, when, minutes: input.minutes, url: input.url || t("applications:mail.linkLater"), statusNote: t("applications:mail.statusNote") }),
    });
    mailed = true;
  }
  void baseUrl;
  return { ok: true, value: { mailed } };
}

function formatForMail(at: Date, timeZone: string, language: Language): string {
  const locale = language === "fr" ? "fr-FR" : "en-GB";
  const zoned = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone }).format(at);
  const utc = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at);
  return `${zoned} (${timeZone}) — ${utc} UTC`;
}

/**
 * Tells the applicant the decision, in the language they applied in: by mail when their contact
 * is an email address, and always on their status page. Acceptance creates the invitation to
 * the chosen working group now, sealed so only the applicant's private link can reveal it.
 */
export async function sendOutcome(actor: Actor, applicationId: string, baseUrl: string): Promise<Result<{ mailed: boolean; invitationId: string | null }>> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { in: ["accepted", "declined"] }, erasedAt: null },
    select: { id: true, reference: true, stage: true, contact: true, language: true, decidedGroupId: true, outcomeSentAt: true, sealKey: true },
  });
  if (!row) return { ok: false, error: "applications:decision.notDecided" };
  if (row.outcomeSentAt) return { ok: false, error: "applications:decision.alreadySent" };
  // Claim the sending first, so two clicks cannot create two invitations.
  const { count } = await db().application.updateMany({ where: { id: row.id, outcomeSentAt: null }, data: { outcomeSentAt: new Date() } });
  if (count === 0) return { ok: false, error: "applications:decision.alreadySent" };

  const language = isSupportedLanguage(row.language) ? row.language : "en";
  const t = await translatorFor(language);
  let invitationId: string | null = null;
  let invitationLink = "";
  if (row.stage === "accepted") {
    const invitation = await createInvitation(actor, { role: "member", groupId: row.decidedGroupId, note: `${t("applications:invitationNote", { reference: row.reference })}` });
    if (!invitation.ok) {
      await db().application.update({ where: { id: row.id }, data: { outcomeSentAt: null } });
      return invitation;
    }
    invitationId = invitation.value.id;
    invitationLink = new URL(`/invite/${invitation.value.token}`, baseUrl).toString();
    await db().application.update({ where: { id: row.id }, data: { invitationId, sealedInvitation: seal(row.sealKey, invitation.value.token) } });
  }
  let mailed = false;
  if (looksLikeEmail(row.contact)) {
    const group = row.decidedGroupId ? await db().workingGroup.findUnique({ where: { id: row.decidedGroupId }, select: { nameEn: true, nameFr: true } }) : null;
    const groupName = group ? (language === "fr" ? group.nameFr : group.nameEn) : "";
    await sendMail({
      to: row.contact.trim(),
      subject: t(`applications:mail.${row.stage}Subject`, { reference: row.reference }),
      text: t(`applications:mail.${row.stage}Body`, { reference: row.reference, group: groupName, link: invitationLink, statusNote: t("applications:mail.statusNote") }),
    });
    mailed = true;
  }
  await recordAudit({ actorId: actor.id, action: "application.outcomeSent", objectType: "application", objectId: row.id, data: { stage: row.stage, mailed, invitationId } });
  return { ok: true, value: { mailed, invitationId } };
}

/**
 * An accepted applicant's invitation expired (or was withdrawn) before they used it: a new one,
 * sealed to their private link again (and mailed if they gave an email address).
 */
export async function reissueInvitation(actor: Actor, applicationId: string, baseUrl: string): Promise<Result<{ mailed: boolean }>> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: "accepted", outcomeSentAt: { not: null }, erasedAt: null },
    select: { id: true, reference: true, contact: true, language: true, decidedGroupId: true, sealKey: true, invitationId: true },
  });
  if (!row) return { ok: false, error: "applications:decision.notDecided" };
  const previous = row.invitationId ? await db().invitation.findUnique({ where: { id: row.invitationId }, select: { usedAt: true, revokedAt: true, expiresAt: true } }) : null;
  if (previous?.usedAt) return { ok: false, error: "applications:decision.invitationUsed" };
  if (previous && !previous.revokedAt && previous.expiresAt.getTime() > Date.now()) return { ok: false, error: "applications:decision.invitationStillValid" };
  const language = isSupportedLanguage(row.language) ? row.language : "en";
  const t = await translatorFor(language);
  const invitation = await createInvitation(actor, { role: "member", groupId: row.decidedGroupId, note: t("applications:invitationNote", { reference: row.reference }) });
  if (!invitation.ok) return invitation;
  await db().application.update({ where: { id: row.id }, data: { invitationId: invitation.value.id, sealedInvitation: seal(row.sealKey, invitation.value.token) } });
  let mailed = false;
  if (looksLikeEmail(row.contact)) {
    const group = row.decidedGroupId ? await db().workingGroup.findUnique({ where: { id: row.decidedGroupId }, select: { nameEn: true, nameFr: true } }) : null;
    await sendMail({
      to: row.contact.trim(),
      subject: t("applications:mail.acceptedSubject", { reference: row.reference }),
      text: t("applications:mail.acceptedBody", { reference: row.reference, group: group ? (language === "fr" ? group.nameFr : group.nameEn) : "", link: new URL(`/invite/${invitation.value.token}`, baseUrl).toString(), statusNote: t("applications:mail.statusNote") }),
    });
    mailed = true;
  }
  await recordAudit({ actorId: actor.id, action: "application.invitationReissued", objectType: "application", objectId: row.id, data: { invitationId: invitation.value.id, mailed } });
  return { ok: true, value: { mailed } };
}

/** Whether the accepted applicant's invitation can be replaced (expired or withdrawn, not used). */
async function invitationState(invitationId: string | null): Promise<"none" | "valid" | "used" | "lapsed"> {
  if (!invitationId) return "none";
  const invitation = await db().invitation.findUnique({ where: { id: invitationId }, select: { usedAt: true, revokedAt: true, expiresAt: true } });
  if (!invitation) return "lapsed";
  if (invitation.usedAt) return "used";
  return invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now() ? "lapsed" : "valid";
}

// ---------------------------------------------------------------------------------------------
// Erasure

/**
 * Blanks everything personal. Kept, as anonymous statistics: region, preferred and decided
 * group, working languages, stage, language, dates and reviewers' scores (their notes go, as
 * they may quote the applicant). The private link stops working.
 */
async function eraseApplicationData(applicationId: string, reason: "expired" | "coordinator"): Promise<void> {
  await db().$transaction([
    db().application.update({
      where: { id: applicationId },
      data: {
        tokenHash: null, sealKey: "", sealedInvitation: "", name: "", contact: "", country: "", organisation: "", experience: "",
        motivation: "", learningGoals: "", capacityNote: "", conflictOfInterest: "", notAdvisoryMember: null, notAllianceStaff: null,
        notPreviousCop: null, interviewUrl: "", erasedAt: new Date(),
      },
    }),
    db().applicationReview.updateMany({ where: { applicationId }, data: { notes: "" } }),
  ]);
  log("info", "application data erased", { applicationId, reason });
}

/** The coordinator erases an applicant's personal data now (not for accepted applicants, who became members). */
export async function eraseApplication(actor: Actor, applicationId: string): Promise<Result> {
  if (!can(actor, "applications.manage")) return { ok: false, error: "common:errors.forbidden" };
  const row = await db().application.findFirst({ where: { id: applicationId, erasedAt: null }, select: { id: true, stage: true } });
  if (!row) return { ok: false, error: "applications:review.notFound" };
  await eraseApplicationData(row.id, "coordinator");
  await recordAudit({ actorId: actor.id, action: "application.erased", objectType: "application", objectId: row.id });
  return { ok: true, value: undefined };
}

/**
 * The periodic job (and tests call it directly): erases not-accepted applicants' personal data
 * once the call's retention period has passed since the decision, and deletes drafts never
 * submitted once the same period has passed since the deadline.
 */
export async function eraseExpiredApplications(now = new Date()): Promise<{ erased: number; draftsDeleted: number }> {
  const calls = await db().applicationCall.findMany({ select: { id: true, closesAt: true, retentionDays: true } });
  let erased = 0;
  let draftsDeleted = 0;
  for (const call of calls) {
    const cutoff = new Date(now.getTime() - call.retentionDays * DAY_MS);
    const due = await db().application.findMany({ where: { callId: call.id, stage: "declined", erasedAt: null, decidedAt: { lte: cutoff } }, select: { id: true } });
    for (const row of due) {
      await eraseApplicationData(row.id, "expired");
      erased += 1;
    }
    if (call.closesAt.getTime() <= cutoff.getTime()) {
      draftsDeleted += (await db().application.deleteMany({ where: { callId: call.id, stage: "draft" } })).count;
    }
  }
  if (erased || draftsDeleted) log("info", "applications erased after retention", { erased, draftsDeleted });
  return { erased, draftsDeleted };
}

/** Runs the erasure now and then every interval; returns a stop function. */
export function startErasureSchedule(intervalMs = env().APPLICATION_ERASURE_INTERVAL_MINUTES * 60_000): () => void {
  const run = () => {
    eraseExpiredApplications().catch((error) => log("error", "application erasure failed", { detail: error instanceof Error ? error.message : String(error) }));
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// ---------------------------------------------------------------------------------------------
// Demo data

/** The demo community's call (texts from the seed) and its appointed reviewers. */
export async function seedCall(call: CallInput, coordinatorId: string, reviewerIds: string[]): Promise<void> {
  if (await db().applicationCall.count()) return;
  await db().applicationCall.create({ data: { id: newId(), ...call } });
  for (const userId of reviewerIds) await db().applicationReviewer.create({ data: { userId, appointedById: coordinatorId } });
}

/** The working groups as the public form shows them: names and summaries, never members. */
export async function listGroupsForApplicants() {
  return db().workingGroup.findMany({ select: { id: true, slug: true, nameEn: true, nameFr: true, summaryEn: true, summaryFr: true }, orderBy: { position: "asc" } });
}
