// The review committee: coordinators, and the members the coordinator appointed.
import { db } from "~/infra/db.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";

export async function isAppointedReviewer(userId: string): Promise<boolean> {
  return (await db().applicationReviewer.count({ where: { userId } })) > 0;
}

/** The facts the applications policy needs about a person. */
export async function reviewerFacts(actor: Actor | null | undefined): Promise<applicationsPolicy.ReviewerFacts> {
  return { isAppointedReviewer: actor ? await isAppointedReviewer(actor.id) : false };
}

/** The coordinator (applications.review), or a member the coordinator appointed. */
export async function canReviewApplications(actor: Actor | null | undefined): Promise<boolean> {
  if (!actor) return false;
  // Coordinators need no lookup.
  return applicationsPolicy.allow(actor, "review") || applicationsPolicy.allow(actor, "review", await reviewerFacts(actor));
}

export async function listReviewers(actor: Actor): Promise<Result<Array<{ id: string; displayName: string; username: string; appointedAt: Date }>>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const rows = await db().applicationReviewer.findMany({ select: { userId: true, appointedAt: true }, orderBy: { appointedAt: "asc" } });
  const users = await db().user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, displayName: true, username: true } });
  return ok(
    rows.flatMap((row) => {
      const user = users.find((u) => u.id === row.userId);
      return user ? [{ ...user, appointedAt: row.appointedAt }] : [];
    }),
  );
}

export async function appointReviewer(actor: Actor, username: string): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const user = await db().user.findUnique({ where: { username: username.trim().toLowerCase() }, select: { id: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return refuse.invalid("applications:reviewers.unknownUser", "username");
  await db().applicationReviewer.upsert({ where: { userId: user.id }, create: { userId: user.id, appointedById: actor.id }, update: {} });
  await recordAudit({ actorId: actor.id, action: "applicationReviewer.appointed", objectType: "user", objectId: user.id });
  return ok();
}

export async function removeReviewer(actor: Actor, userId: string): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  await db().applicationReviewer.deleteMany({ where: { userId } });
  await recordAudit({ actorId: actor.id, action: "applicationReviewer.removed", objectType: "user", objectId: userId });
  return ok();
}
