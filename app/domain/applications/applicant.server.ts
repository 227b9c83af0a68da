// What an applicant does, without an account, by the private link they get on first save: save
// a draft, submit it, follow its status and outcome, or withdraw. The link's token is their only
// credential, so every verb here takes it first.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import type { Language } from "~/infra/i18n";
import { log } from "~/infra/log.server";
import { isCurrentSeal, seal, sealKeyFor, unseal } from "~/infra/seal.server";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { callSelect, getCurrentCall, isCallOpen, workingGroupIds } from "./call.server";
import {
  CAPACITY_ANSWERS,
  DECLARATIONS,
  FIELD_LIMITS,
  REGIONS,
  TEXT_FIELDS,
  WORKING_LANGUAGES,
  type ApplicationValues,
  type Stage,
} from "./model";
import { findRowByToken, type ApplicationFormRow } from "./rows.server";

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
type DraftValues = z.infer<typeof draftSchema>;

const required = (message: string) => (value: string) => value.length > 0 || message;

/** A submission: the draft rules plus every required answer. Errors name the field. */
function submissionErrors(values: DraftValues, groupIds: string[]): Record<string, string> {
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

function toColumns(values: DraftValues, groupIds: string[]) {
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

function newReference(): string {
  const raw = randomToken(5).toUpperCase(); // 8 characters of base32
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}`;
}

export interface SavedApplication {
  /** The private link's token (new on first save, the same afterwards). */
  token: string;
  reference: string;
  submitted: boolean;
}

/**
 * Saves a draft or submits, creating the application on first save. `token` is the private
 * link's token when the applicant came back by it (null the first time). Nothing is stored when
 * anything is refused; a refusal lists every field at fault at once.
 */
export async function saveApplication(
  token: string | null,
  input: { values: ApplicationValues; intent: "save-draft" | "submit"; language: Language; now?: Date },
): Promise<Result<SavedApplication>> {
  const now = input.now ?? new Date();
  const call = await getCurrentCall();
  const existing = token ? await findRowByToken(token) : null;
  if (token && !existing) return refuse.notFound("applications:status.unknown");
  if (existing && !applicationsPolicy.allowApplicant("edit", existing)) return refuse.conflict("applications:form.alreadySubmitted");
  const callId = existing?.callId ?? call?.id;
  if (!call || !callId || call.id !== callId || !isCallOpen(call, now)) return refuse.conflict("applications:form.closed");

  const parsed = draftSchema.safeParse(input.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message.includes(":") ? issue.message : "common:errors.invalidValue";
    // Say everything at once: what is too long, and (for a submission) what is still missing.
    if (input.intent === "submit") {
      const raw = Object.fromEntries(Object.entries(input.values).map(([key, value]) => [key, typeof value === "string" ? value.trim() : ""]));
      for (const [field, message] of Object.entries(submissionErrors(raw as DraftValues, await workingGroupIds()))) fieldErrors[field] ??= message;
    }
    return refuse.fields(fieldErrors, "applications:form.fixErrors");
  }
  const ids = await workingGroupIds();
  const values = parsed.data;
  const submitting = input.intent === "submit";
  if (submitting) {
    const fieldErrors = submissionErrors(values, ids);
    if (Object.keys(fieldErrors).length) return refuse.fields(fieldErrors, "applications:form.fixErrors");
    if (await isDuplicate(callId, values.contact, existing?.id)) {
      return refuse.conflict("applications:form.duplicate", { fieldErrors: { contact: "applications:form.duplicateContact" } });
    }
  }

  const columns = {
    ...toColumns(values, ids),
    language: input.language,
    ...(submitting ? { stage: "submitted", submittedAt: now } : {}),
  };
  if (existing && token) {
    // Only a draft flips to submitted, once: a second tab submitting the same draft loses.
    const { count } = await db().application.updateMany({ where: { id: existing.id, stage: "draft" }, data: columns });
    if (count === 0) return refuse.conflict("applications:form.alreadySubmitted");
    if (submitting) log("info", "application submitted", { reference: existing.reference });
    return ok({ token, reference: existing.reference, submitted: submitting });
  }
  const newToken = randomToken(20);
  const reference = newReference();
  await db().application.create({ data: { id: newId(), callId, reference, tokenHash: sha256Hex(newToken), sealKey: sealKeyFor(newToken), ...columns } });
  if (submitting) log("info", "application submitted", { reference });
  return ok({ token: newToken, reference, submitted: submitting });
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
  if (!row) return refuse.notFound("applications:status.unknown");
  const call = await db().applicationCall.findUnique({ where: { id: row.callId }, select: callSelect });
  const groupId = row.decidedGroupId ?? row.preferredGroupId;
  const group = groupId ? await db().workingGroup.findUnique({ where: { id: groupId }, select: { id: true, slug: true, nameEn: true, nameFr: true } }) : null;
  const outcomeVisible = Boolean(row.outcomeSentAt) && (row.stage === "accepted" || row.stage === "declined");
  const invitationToken = outcomeVisible && row.stage === "accepted" && row.sealedInvitation ? await unseal(token, row.sealedInvitation) : null;
  // Sealed before the move to JWE: only now, with the token in hand, can it be sealed anew.
  if (invitationToken && !isCurrentSeal(row.sealedInvitation)) {
    await db().application.update({ where: { id: row.id }, data: { sealedInvitation: await seal(sealKeyFor(token), invitationToken) } });
  }
  return ok({
    reference: row.reference,
    stage: row.stage as Stage,
    values: toValues(row),
    call,
    isEditable: applicationsPolicy.allowApplicant("edit", row) && isCallOpen(call),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    interview: row.interviewAt && row.stage === "interview" ? { at: row.interviewAt, minutes: row.interviewMinutes ?? 30, timeZone: row.interviewTimeZone ?? "UTC", url: row.interviewUrl } : null,
    /** What the applicant may know: the committee's work stays private until the outcome is sent. */
    outcome: outcomeVisible ? (row.stage as "accepted" | "declined") : null,
    group,
    invitationToken,
  });
}

/** The applicant withdraws: the application and its reviews are deleted at once. */
export async function withdrawApplication(token: string): Promise<Result> {
  const row = await findRowByToken(token);
  if (!row) return refuse.notFound("applications:status.unknown");
  if (!applicationsPolicy.allowApplicant("withdraw", row)) return refuse.conflict("applications:status.cannotWithdraw");
  await db().application.delete({ where: { id: row.id } });
  log("info", "application withdrawn", { reference: row.reference });
  return ok();
}
