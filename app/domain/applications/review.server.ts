// Blind review: a reviewer's queue, one application without the applicant's contact, scoring,
// and stepping aside on a conflict of interest.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { getCurrentCall } from "./call.server";
import { CRITERIA, SCORE_MAX, SCORE_MIN, type Criterion } from "./model";
import { reviewerFacts } from "./reviewers.server";
import { blindSelect } from "./rows.server";
import { eligibilityFlags, reviewMean, reviewSelect, SCORE_COLUMN, scoresOf } from "./scores";

async function mayReview(actor: Actor): Promise<boolean> {
  return applicationsPolicy.allow(actor, "review", await reviewerFacts(actor));
}

function findReviewable(applicationId: string) {
  return db().application.findFirst({
    where: { id: applicationId, stage: { not: "draft" }, erasedAt: null },
    select: { ...blindSelect, reviews: { select: reviewSelect } },
  });
}

/** A reviewer's queue: each application with their own review state and nothing of others'. */
export async function listReviewQueue(actor: Actor) {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const call = await getCurrentCall();
  if (!call) return ok({ call: null, items: [] });
  const rows = await db().application.findMany({
    where: { callId: call.id, stage: { not: "draft" }, erasedAt: null },
    select: { ...blindSelect, reviews: { select: reviewSelect } },
    orderBy: { submittedAt: "asc" },
  });
  return ok({
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
  });
}

/**
 * One application as a reviewer sees it: blind (no contact); others' scores only once the
 * reviewer submitted their own; nothing at all once recused.
 */
export async function getApplicationForReview(actor: Actor, applicationId: string) {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const row = await findReviewable(applicationId);
  if (!row) return refuse.notFound("applications:review.notFound");
  const mine = row.reviews.find((r) => r.reviewerId === actor.id) ?? null;
  const recused = Boolean(mine?.conflictDeclaredAt);
  const canSeeOthers = Boolean(mine?.submittedAt) && !recused;
  const others = canSeeOthers ? row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt) : [];
  const names = await db().user.findMany({ where: { id: { in: others.map((o) => o.reviewerId) } }, select: { id: true, displayName: true } });
  const { reviews: _reviews, ...application } = row;
  return ok({
    recused,
    application: recused ? null : { ...application, flags: eligibilityFlags(row) },
    myReview: mine && !recused ? { scores: scoresOf(mine), notes: mine.notes, submittedAt: mine.submittedAt } : null,
    otherReviews: canSeeOthers
      ? others.map((o) => ({ reviewer: names.find((n) => n.id === o.reviewerId)?.displayName ?? "", scores: scoresOf(o), notes: o.notes, mean: reviewMean(o) }))
      : null,
    pendingOthers: row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt).length,
  });
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
  const facts = await reviewerFacts(actor);
  if (!applicationsPolicy.allow(actor, "review", facts)) return refuse.forbidden();
  const application = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true } });
  if (!application) return refuse.notFound("applications:review.notFound");
  const existing = await db().applicationReview.findUnique({ where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } }, select: { conflictDeclaredAt: true } });
  if (!applicationsPolicy.allowReview(actor, facts, { hasConflict: Boolean(existing?.conflictDeclaredAt) })) return refuse.forbidden("applications:review.recused");
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
  return ok();
}

/** A reviewer steps aside from an application: any scores they gave stop counting. */
export async function declareConflict(actor: Actor, applicationId: string): Promise<Result> {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const application = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true } });
  if (!application) return refuse.notFound("applications:review.notFound");
  const cleared = { ...Object.fromEntries(CRITERIA.map((c) => [SCORE_COLUMN[c], null])), notes: "", submittedAt: null, conflictDeclaredAt: new Date() };
  await db().applicationReview.upsert({
    where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
    create: { applicationId, reviewerId: actor.id, ...cleared },
    update: cleared,
  });
  await recordAudit({ actorId: actor.id, action: "application.reviewerRecused", objectType: "application", objectId: applicationId });
  return ok();
}
