// Review: a reviewer's queue, one application as their phase of the round lets them see it
// (reviewer-view), declaring conflicts of interest from the list of names, scoring, and stepping
// aside on a conflict of interest.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { getCurrentCallSettings } from "./call.server";
import { CRITERIA, SCORE_MAX, SCORE_MIN, type Criterion } from "./model";
import { reviewerFacts } from "./reviewers.server";
import { reviewerView, type ReviewableRow } from "./reviewer-view.server";
import { reviewerSelect } from "./rows.server";
import { eligibilityFlags, reviewMean, reviewSelect, SCORE_COLUMN, scoresOf, type ReviewRow } from "./scores";

const reviewableSelect = { ...reviewerSelect, tokenHash: true, reviews: { select: reviewSelect } } as const;
const NO_ROUND: applicationsPolicy.ReviewRound = { blindFirstRound: false, blindRoundClosedAt: null };

async function mayReview(actor: Actor): Promise<boolean> {
  return applicationsPolicy.allow(actor, "review", await reviewerFacts(actor));
}

/** The round an application is reviewed in: its call's settings. */
async function roundOf(callId: string): Promise<applicationsPolicy.ReviewRound> {
  return (await db().applicationCall.findUnique({ where: { id: callId }, select: { blindFirstRound: true, blindRoundClosedAt: true } })) ?? NO_ROUND;
}

function findReviewable(applicationId: string) {
  return db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: reviewableSelect });
}

const mineOf = (reviews: ReviewRow[], actor: Actor) => reviews.find((r) => r.reviewerId === actor.id) ?? null;

/**
 * A reviewer's work: in a blind round first the names still to declare on (in alphabetical
 * order, tied to nothing else), then the queue, each application as their phase lets them see it.
 */
export async function listReviewQueue(actor: Actor) {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const call = await getCurrentCallSettings();
  if (!call) return ok({ call: null, isBlindRound: false, toDeclare: [], items: [] });
  const rows = await db().application.findMany({
    where: { callId: call.id, stage: { not: "draft" }, erasedAt: null },
    select: reviewableSelect,
    orderBy: { submittedAt: "asc" },
  });
  const views = rows.map((row) => ({ view: reviewerView(actor, call, row as ReviewableRow, mineOf(row.reviews, actor)), mine: mineOf(row.reviews, actor) }));
  const toDeclare = views.flatMap(({ view }) => (view.phase === "declare" ? [{ conflictKey: view.conflictKey, name: view.name }] : []));
  const isBlindRound = applicationsPolicy.isBlindRoundOpen(call);
  type QueueItem = { id: string; reference: string; name: string | null; region: string; preferredGroupId: string | null; state: "recused" | "scored" | "to-review"; flags: ReturnType<typeof eligibilityFlags> };
  const items = views.flatMap(({ view, mine }): QueueItem[] => {
    if (view.phase === "declare") return [];
    if (view.phase === "recused") return [{ id: view.id, reference: view.reference, name: null, region: "", preferredGroupId: null, state: "recused", flags: [] }];
    const a = view.application;
    return [{ id: a.id, reference: a.reference, name: a.name, region: a.region, preferredGroupId: a.preferredGroupId, state: mine?.submittedAt ? "scored" : "to-review", flags: a.flags }];
  });
  // In a blind round the order of submission could tell a name from the list: order by the
  // (random) reference instead.
  if (isBlindRound) items.sort((a, b) => a.reference.localeCompare(b.reference));
  return ok({ call, isBlindRound, toDeclare: toDeclare.sort((a, b) => a.name.localeCompare(b.name)), items });
}

/**
 * One application as a reviewer sees it in their phase: nothing before they declared on the list
 * of names; the answers without identity while scoring blind; others' scores only once they
 * sent their own; nothing at all once recused.
 */
export async function getApplicationForReview(actor: Actor, applicationId: string) {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const row = await findReviewable(applicationId);
  if (!row) return refuse.notFound("applications:review.notFound");
  const round = await roundOf(row.callId);
  const mine = mineOf(row.reviews, actor);
  const view = reviewerView(actor, round, row as ReviewableRow, mine);
  const answers = view.phase === "blind" || view.phase === "identified" ? view.application : null;
  const canSeeOthers = Boolean(answers && mine?.submittedAt);
  const others = canSeeOthers ? row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt) : [];
  const names = await db().user.findMany({ where: { id: { in: others.map((o) => o.reviewerId) } }, select: { id: true, displayName: true } });
  return ok({
    phase: view.phase,
    recused: view.phase === "recused",
    reference: view.phase === "declare" ? null : answers?.reference ?? row.reference,
    application: answers,
    myReview: answers && mine ? { scores: scoresOf(mine), notes: mine.notes, submittedAt: mine.submittedAt } : null,
    mayScore: applicationsPolicy.mayScore(actor, round, mine),
    otherReviews: canSeeOthers
      ? others.map((o) => ({ reviewer: names.find((n) => n.id === o.reviewerId)?.displayName ?? "", scores: scoresOf(o), notes: o.notes, mean: reviewMean(o) }))
      : null,
    pendingOthers: answers ? row.reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflictDeclaredAt).length : 0,
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
  const application = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true, callId: true } });
  if (!application) return refuse.notFound("applications:review.notFound");
  const mine = await db().applicationReview.findUnique({
    where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
    select: { conflictDeclaredAt: true, noConflictDeclaredAt: true, submittedAt: true },
  });
  if (!applicationsPolicy.allowReview(actor, facts, { hasConflict: Boolean(mine?.conflictDeclaredAt) })) return refuse.forbidden("applications:review.recused");
  const round = await roundOf(application.callId);
  if (!applicationsPolicy.mayScore(actor, round, mine)) {
    const phase = applicationsPolicy.reviewPhase(actor, round, mine);
    return refuse.conflict(phase === "declare" ? "applications:blind.declareFirst" : "applications:blind.scoresFinal");
  }
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
  await recordConflict(actor, applicationId);
  return ok();
}

async function recordConflict(actor: Actor, applicationId: string) {
  const cleared = { ...Object.fromEntries(CRITERIA.map((c) => [SCORE_COLUMN[c], null])), notes: "", submittedAt: null, conflictDeclaredAt: new Date() };
  await db().applicationReview.upsert({
    where: { applicationId_reviewerId: { applicationId, reviewerId: actor.id } },
    create: { applicationId, reviewerId: actor.id, ...cleared },
    update: cleared,
  });
  await recordAudit({ actorId: actor.id, action: "application.reviewerRecused", objectType: "application", objectId: applicationId });
}

/**
 * The blind round's first step: from the list of names the reviewer was shown (`shown`, the
 * names' keys), a conflict with those in `conflicts` and none with the rest, all at once, so the
 * queue never grows one name at a time. A name that arrived after the list was shown waits for
 * the next list.
 */
export async function declareConflicts(actor: Actor, input: { shown: string[]; conflicts: string[] }): Promise<Result<{ declared: number }>> {
  if (!(await mayReview(actor))) return refuse.forbidden();
  const call = await getCurrentCallSettings();
  if (!call) return refuse.conflict("applications:blind.nothingToDeclare");
  const rows = await db().application.findMany({ where: { callId: call.id, stage: { not: "draft" }, erasedAt: null }, select: reviewableSelect });
  const shown = new Set(input.shown);
  const conflicts = new Set(input.conflicts);
  const toDeclare = rows.flatMap((row) => {
    const view = reviewerView(actor, call, row as ReviewableRow, mineOf(row.reviews, actor));
    return view.phase === "declare" && shown.has(view.conflictKey) ? [{ id: row.id, hasConflict: conflicts.has(view.conflictKey) }] : [];
  });
  if (toDeclare.length === 0) return refuse.conflict("applications:blind.nothingToDeclare");
  const now = new Date();
  for (const { id, hasConflict } of toDeclare) {
    if (hasConflict) await recordConflict(actor, id);
    else {
      await db().applicationReview.upsert({
        where: { applicationId_reviewerId: { applicationId: id, reviewerId: actor.id } },
        create: { applicationId: id, reviewerId: actor.id, noConflictDeclaredAt: now },
        update: { noConflictDeclaredAt: now },
      });
    }
  }
  await recordAudit({ actorId: actor.id, action: "application.conflictsDeclared", objectType: "applicationCall", objectId: call.id, data: { declared: toDeclare.length } });
  return ok({ declared: toDeclare.length });
}
