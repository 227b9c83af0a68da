// The coordinator's decisions: one application's full file (they alone see the contact), moving
// it along the stages, telling the applicant the outcome, and replacing a lapsed invitation.
import { db } from "~/infra/db.server";
import { seal } from "~/infra/seal.server";
import { recordAudit } from "../audit.server";
import { createInvitation } from "../invitations.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { applicantLanguage, groupNameFor, mailApplicant } from "./applicant-mail.server";
import { looksLikeEmail } from "./model";
import { DAY_MS, formRowSelect } from "./rows.server";
import { committeeIds } from "./reviewers.server";
import { eligibilityFlags, meanOf, reviewersOf, reviewMean, reviewSelect, scoresOf } from "./scores";

/** Whether the accepted applicant's invitation can be replaced (expired or withdrawn, not used). */
async function invitationState(invitationId: string | null): Promise<"none" | "valid" | "used" | "lapsed"> {
  if (!invitationId) return "none";
  const invitation = await db().invitation.findUnique({ where: { id: invitationId }, select: { usedAt: true, revokedAt: true, expiresAt: true } });
  if (!invitation) return "lapsed";
  if (invitation.usedAt) return "used";
  return invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now() ? "lapsed" : "valid";
}

/** Everything about one application, for the coordinator (who alone sees the contact). */
export async function getApplicationForCoordinator(actor: Actor, applicationId: string) {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" } },
    select: { ...formRowSelect, reviews: { select: reviewSelect }, invitationId: true },
  });
  if (!row) return refuse.notFound("applications:review.notFound");
  const reviewers = await db().user.findMany({ where: { id: { in: row.reviews.map((r) => r.reviewerId) } }, select: { id: true, displayName: true } });
  const call = await db().applicationCall.findUnique({ where: { id: row.callId }, select: { retentionDays: true, reviewersPerApplication: true } });
  const reviewerCount = reviewersOf(await committeeIds(), row.reviews);
  const isOpen = !row.erasedAt && row.stage !== "accepted" && row.stage !== "declined";
  const { reviews, sealedInvitation: _sealed, ...application } = row;
  return ok({
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
    reviewCount: reviews.map(reviewMean).filter((m) => m !== null).length,
    reviewers: { count: reviewerCount, required: call?.reviewersPerApplication ?? 0, needsAnother: isOpen && reviewerCount < (call?.reviewersPerApplication ?? 0) },
    invitation: await invitationState(row.invitationId),
    erasesAt: row.stage === "declined" && row.decidedAt && !row.erasedAt && call ? new Date(row.decidedAt.getTime() + call.retentionDays * DAY_MS) : null,
  });
}

/** Moves an application along: back to submitted, onto the shortlist, or a decision. */
export async function setApplicationStage(
  actor: Actor,
  applicationId: string,
  stage: "submitted" | "shortlisted" | "accepted" | "declined",
  groupId?: string | null,
): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true, preferredGroupId: true, outcomeSentAt: true } });
  if (!row) return refuse.notFound("applications:review.notFound");
  if (row.outcomeSentAt) return refuse.conflict("applications:decision.alreadySent");
  let decidedGroupId: string | null = null;
  if (stage === "accepted") {
    decidedGroupId = groupId || row.preferredGroupId;
    if (!decidedGroupId || !(await db().workingGroup.count({ where: { id: decidedGroupId } }))) return refuse.invalid("applications:decision.groupRequired", "groupId");
  }
  const isDecision = stage === "accepted" || stage === "declined";
  await db().application.update({
    where: { id: row.id },
    data: { stage, decidedAt: isDecision ? new Date() : null, decidedGroupId, ...(stage === "submitted" || stage === "shortlisted" ? { interviewAt: null, interviewMinutes: null, interviewTimeZone: null, interviewUrl: "" } : {}) },
  });
  await recordAudit({ actorId: actor.id, action: `application.${stage}`, objectType: "application", objectId: row.id, data: decidedGroupId ? { groupId: decidedGroupId } : {} });
  return ok();
}

/** A new invitation to the decided group, sealed so only the applicant's private link reveals it. */
async function sealedInvitationFor(actor: Actor, row: { id: string; reference: string; decidedGroupId: string | null; sealKey: string }, note: string, baseUrl: string) {
  const invitation = await createInvitation(actor, { role: "member", groupId: row.decidedGroupId, note });
  if (!invitation.ok) return refuse.conflict(invitation.error);
  await db().application.update({ where: { id: row.id }, data: { invitationId: invitation.value.id, sealedInvitation: await seal(row.sealKey, invitation.value.token) } });
  return ok({ id: invitation.value.id, link: new URL(`/invite/${invitation.value.token}`, baseUrl).toString() });
}

async function mailOutcome(
  row: { contact: string; reference: string; decidedGroupId: string | null },
  stage: "accepted" | "declined",
  { language, t }: Awaited<ReturnType<typeof applicantLanguage>>,
  link: string,
): Promise<boolean> {
  if (!looksLikeEmail(row.contact)) return false;
  const group = await groupNameFor(row.decidedGroupId, language);
  return mailApplicant(row.contact, {
    subject: t(`applications:mail.${stage}Subject`, { reference: row.reference }),
    text: t(`applications:mail.${stage}Body`, { reference: row.reference, group, link, statusNote: t("applications:mail.statusNote") }),
  });
}

/**
 * Tells the applicant the decision, in the language they applied in: by mail when their contact
 * is an email address, and always on their status page. Acceptance creates the invitation to
 * the chosen working group now, sealed so only the applicant's private link can reveal it.
 */
export async function sendOutcome(actor: Actor, applicationId: string, baseUrl: string): Promise<Result<{ mailed: boolean; invitationId: string | null }>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" }, erasedAt: null },
    select: { id: true, reference: true, stage: true, contact: true, language: true, decidedGroupId: true, outcomeSentAt: true, sealKey: true },
  });
  if (!row) return refuse.notFound("applications:review.notFound");
  if (row.stage !== "accepted" && row.stage !== "declined") return refuse.conflict("applications:decision.notDecided");
  const stage = row.stage;
  if (row.outcomeSentAt) return refuse.conflict("applications:decision.alreadySent");
  // Claim the sending first, so two clicks cannot create two invitations.
  const { count } = await db().application.updateMany({ where: { id: row.id, outcomeSentAt: null }, data: { outcomeSentAt: new Date() } });
  if (count === 0) return refuse.conflict("applications:decision.alreadySent");

  const translation = await applicantLanguage(row.language);
  let invitationId: string | null = null;
  let invitationLink = "";
  if (stage === "accepted") {
    const invitation = await sealedInvitationFor(actor, row, translation.t("applications:invitationNote", { reference: row.reference }), baseUrl);
    if (!invitation.ok) {
      await db().application.update({ where: { id: row.id }, data: { outcomeSentAt: null } });
      return invitation;
    }
    invitationId = invitation.value.id;
    invitationLink = invitation.value.link;
  }
  const mailed = await mailOutcome(row, stage, translation, invitationLink);
  await recordAudit({ actorId: actor.id, action: "application.outcomeSent", objectType: "application", objectId: row.id, data: { stage, mailed, invitationId } });
  return ok({ mailed, invitationId });
}

/**
 * An accepted applicant's invitation expired (or was withdrawn) before they used it: a new one,
 * sealed to their private link again (and mailed if they gave an email address).
 */
export async function reissueInvitation(actor: Actor, applicationId: string, baseUrl: string): Promise<Result<{ mailed: boolean }>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" }, erasedAt: null },
    select: { id: true, reference: true, stage: true, outcomeSentAt: true, contact: true, language: true, decidedGroupId: true, sealKey: true, invitationId: true },
  });
  if (!row) return refuse.notFound("applications:review.notFound");
  if (row.stage !== "accepted" || !row.outcomeSentAt) return refuse.conflict("applications:decision.notDecided");
  const previous = await invitationState(row.invitationId);
  if (previous === "used") return refuse.conflict("applications:decision.invitationUsed");
  if (previous === "valid") return refuse.conflict("applications:decision.invitationStillValid");
  const translation = await applicantLanguage(row.language);
  const invitation = await sealedInvitationFor(actor, row, translation.t("applications:invitationNote", { reference: row.reference }), baseUrl);
  if (!invitation.ok) return invitation;
  const mailed = await mailOutcome(row, "accepted", translation, invitation.value.link);
  await recordAudit({ actorId: actor.id, action: "application.invitationReissued", objectType: "application", objectId: row.id, data: { invitationId: invitation.value.id, mailed } });
  return ok({ mailed });
}
