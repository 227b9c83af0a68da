// The public call for applications: its bilingual texts, deadline and retention period, and the
// working groups as applicants see them.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";

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
  blindFirstRound: z.boolean().default(false),
  reviewersPerApplication: z.coerce.number({ message: "applications:call.reviewersInvalid" }).int("applications:call.reviewersInvalid").min(1, "applications:call.reviewersInvalid").max(20, "applications:call.reviewersInvalid"),
  // The coordinator's own address, so applicants' answers to an interview invitation reach a person.
  interviewReplyTo: z.string().trim().max(200, "applications:call.replyToInvalid").refine((value) => value === "" || z.email().safeParse(value).success, "applications:call.replyToInvalid").default(""),
});
export type CallInput = z.infer<typeof callSchema>;

export const callSelect = {
  id: true, titleEn: true, titleFr: true, themesEn: true, themesFr: true, commitmentsEn: true, commitmentsFr: true,
  honorariumEn: true, honorariumFr: true, eligibilityEn: true, eligibilityFr: true, closesAt: true, retentionDays: true,
} as const;

/** The committee's settings of a call, beside its public texts: never shown to applicants. */
export const callSettingsSelect = {
  ...callSelect, blindFirstRound: true, blindRoundClosedAt: true, reviewersPerApplication: true, interviewReplyTo: true,
} as const;

/** The call people apply to now: the newest one. Public: anyone may read it. */
export async function getCurrentCall() {
  return db().applicationCall.findFirst({ select: callSelect, orderBy: { createdAt: "desc" } });
}

/** The current call with the committee's settings (the blind round, reviewers, Reply-To). */
export async function getCurrentCallSettings() {
  return db().applicationCall.findFirst({ select: callSettingsSelect, orderBy: { createdAt: "desc" } });
}

/**
 * The coordinator ends the blind round: every reviewer sees who applied from now on. Once only
 * (a name seen cannot be unseen).
 */
export async function closeBlindRound(actor: Actor): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const call = await getCurrentCallSettings();
  if (!call || !applicationsPolicy.isBlindRoundOpen(call)) return refuse.conflict("applications:blind.notOpen");
  await db().applicationCall.update({ where: { id: call.id }, data: { blindRoundClosedAt: new Date() } });
  await recordAudit({ actorId: actor.id, action: "applicationCall.blindRoundClosed", objectType: "applicationCall", objectId: call.id });
  return ok();
}

export function isCallOpen(call: { closesAt: Date } | null | undefined, now = new Date()): boolean {
  return Boolean(call && call.closesAt.getTime() > now.getTime());
}

/** The coordinator writes the call; the first save creates it, later saves edit the current one. */
export async function saveCall(actor: Actor, input: CallInput): Promise<Result<{ id: string }>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const current = await getCurrentCall();
  const id = current?.id ?? newId();
  if (current) await db().applicationCall.update({ where: { id }, data: input });
  else await db().applicationCall.create({ data: { id, ...input } });
  await recordAudit({ actorId: actor.id, action: current ? "applicationCall.updated" : "applicationCall.created", objectType: "applicationCall", objectId: id, data: { closesAt: input.closesAt.toISOString(), retentionDays: input.retentionDays, blindFirstRound: input.blindFirstRound, reviewersPerApplication: input.reviewersPerApplication } });
  return ok({ id });
}

/** The working groups as the public form shows them: names and summaries, never members. */
export async function listGroupsForApplicants() {
  return db().workingGroup.findMany({ select: { id: true, slug: true, nameEn: true, nameFr: true, summaryEn: true, summaryFr: true }, orderBy: { position: "asc" } });
}

export async function workingGroupIds(): Promise<string[]> {
  return (await db().workingGroup.findMany({ select: { id: true } })).map((g) => g.id);
}
