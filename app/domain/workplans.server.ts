// Workplan review by the MEL group: approve a submitted workplan (its budget total becomes the
// group's allocation) or request changes with comments. Editing and submitting belong to the
// documents feature; this module owns only the two review decisions and their history.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { publish } from "~/infra/events.server";
import { recordAudit } from "./audit.server";
import { can, type Actor } from "./permissions";
import type { Result } from "./accounts.server";

export const WORKPLAN_STATUSES = ["draft", "submitted", "changes-requested", "approved"] as const;

export const reviewCommentsSchema = z.object({
  comments: z.string().trim().max(5000, "mel:review.commentsTooLong"),
  language: z.enum(["en", "fr"]),
});

/** The group's plan row; a group with no row yet is at the start of everything. */
export async function getGroupPlan(groupId: string) {
  const plan = await db().groupPlan.findUnique({ where: { groupId } });
  return (
    plan ?? {
      groupId,
      questionsStatus: "draft",
      questionsFinalisedAt: null,
      outcomeForm: null,
      outcomeDecidedAt: null,
      workplanStatus: "draft",
      workplanSubmittedAt: null,
      workplanApprovedAt: null,
      workplanApprovedById: null,
      allocationCents: null,
      currency: "EUR",
      updatedAt: null,
    }
  );
}

export async function approveWorkplan(actor: Actor, groupId: string, input: { comments?: string; language?: string } = {}): Promise<Result<{ allocationCents: number }>> {
  if (!can(actor, "workplan.review", { groupId })) return { ok: false, error: "common:errors.forbidden" };
  const parsed = reviewCommentsSchema.safeParse({ comments: input.comments ?? "", language: input.language ?? "en" });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, field: "comments" };
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    const plan = await tx.groupPlan.findUnique({ where: { groupId }, select: { workplanStatus: true, currency: true } });
    if (plan?.workplanStatus !== "submitted") return { ok: false as const, error: "mel:review.notSubmitted" };
    const lines = await tx.budgetLine.findMany({ where: { groupId }, select: { amountCents: true, currency: true } });
    // The allocation is the approved budget's total, computed here, never typed.
    const allocationCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const currency = lines[0]?.currency ?? plan.currency;
    await tx.groupPlan.update({
      where: { groupId },
      data: { workplanStatus: "approved", workplanApprovedAt: now, workplanApprovedById: actor.id, allocationCents, currency },
    });
    await tx.workplanReview.create({
      data: { id: newId(), groupId, decision: "approved", comments: parsed.data.comments, language: parsed.data.language, allocationCents, currency, reviewerId: actor.id, createdAt: now },
    });
    await recordAudit({ actorId: actor.id, action: "workplan.approved", objectType: "workplan", objectId: groupId, data: { allocationCents, currency, budgetLines: lines.length } }, tx);
    return { ok: true as const, value: { allocationCents } };
  });
  if (result.ok) publish("workplan.reviewed", { groupId, decision: "approved" });
  return result;
}

export async function requestWorkplanChanges(actor: Actor, groupId: string, input: { comments: string; language: string }): Promise<Result> {
  if (!can(actor, "workplan.review", { groupId })) return { ok: false, error: "common:errors.forbidden" };
  const parsed = reviewCommentsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, field: "comments" };
  if (parsed.data.comments === "") return { ok: false, error: "mel:review.commentsRequired", field: "comments" };
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    const plan = await tx.groupPlan.findUnique({ where: { groupId }, select: { workplanStatus: true, currency: true } });
    if (plan?.workplanStatus !== "submitted") return { ok: false as const, error: "mel:review.notSubmitted" };
    await tx.groupPlan.update({ where: { groupId }, data: { workplanStatus: "changes-requested" } });
    await tx.workplanReview.create({
      data: { id: newId(), groupId, decision: "changes-requested", comments: parsed.data.comments, language: parsed.data.language, currency: plan.currency, reviewerId: actor.id, createdAt: now },
    });
    await recordAudit({ actorId: actor.id, action: "workplan.changesRequested", objectType: "workplan", objectId: groupId, data: { comments: parsed.data.comments } }, tx);
    return { ok: true as const, value: undefined };
  });
  if (result.ok) publish("workplan.reviewed", { groupId, decision: "changes-requested" });
  return result;
}

/** A group's review decisions, newest first (the lead reads the comments to revise). */
export async function listWorkplanReviews(groupId: string) {
  const reviews = await db().workplanReview.findMany({ where: { groupId }, orderBy: { createdAt: "desc" } });
  const names = await displayNames(reviews.map((r) => r.reviewerId));
  return reviews.map((r) => ({ ...r, reviewerName: names.get(r.reviewerId) ?? "" }));
}

export async function displayNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The workplan's milestones in order, with their owner's name and whether they are late. */
export async function listMilestones(groupId: string, now = new Date()) {
  const milestones = await db().workplanMilestone.findMany({ where: { groupId }, orderBy: { position: "asc" } });
  const names = await displayNames(milestones.map((m) => m.ownerId));
  return milestones.map((m) => ({
    id: m.id,
    title: m.title,
    dueDate: m.dueDate,
    status: m.status,
    ownerName: m.ownerId ? (names.get(m.ownerId) ?? null) : null,
    isLate: m.status !== "done" && m.status !== "dropped" && m.dueDate !== null && m.dueDate < now,
  }));
}
