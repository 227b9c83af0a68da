// The review committee: coordinators, and the members the coordinator appointed.
import { db } from "~/infra/db.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";

/** One small statement: the root asks it of every signed-in page (the menu's Applications link). */
export async function isAppointedReviewer(userId: string): Promise<boolean> {
  const rows = await db().$queryRaw<unknown[]>`SELECT 1 AS "found" FROM "ApplicationReviewer" WHERE "userId" = ${userId} LIMIT 1`;
  return rows.length > 0;
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

/** The appointed reviewers (active accounts), by display name: never their username. */
export async function listReviewers(actor: Actor): Promise<Result<{ reviewers: Array<{ id: string; displayName: string; appointedAt: Date }>; candidates: ReviewerCandidate[] }>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const rows = await db().applicationReviewer.findMany({ select: { userId: true, appointedAt: true }, orderBy: { appointedAt: "asc" } });
  const users = await db().user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, displayName: true } });
  const reviewers = rows.flatMap((row) => {
    const user = users.find((u) => u.id === row.userId);
    return user ? [{ ...user, appointedAt: row.appointedAt }] : [];
  });
  return ok({ reviewers, candidates: await reviewerCandidates(rows.map((r) => r.userId)) });
}

/**
 * Who the coordinator can appoint: active members not on the committee yet (coordinators review
 * by their role), picked by display name. Two people of the same name are told apart by their
 * groups, never by their username.
 */
export interface ReviewerCandidate {
  id: string;
  displayName: string;
  /** Only when another candidate has the same display name: their groups, to tell them apart. */
  groups: Array<{ nameEn: string; nameFr: string }>;
}

async function reviewerCandidates(appointedIds: string[]): Promise<ReviewerCandidate[]> {
  const users = await db().user.findMany({
    where: { deactivatedAt: null, id: { notIn: appointedIds } },
    select: { id: true, displayName: true, role: true, memberships: { select: { groupId: true, role: true, group: { select: { nameEn: true, nameFr: true } } } } },
    orderBy: { displayName: "asc" },
  });
  const candidates = users.filter((u) => !applicationsPolicy.allow({ id: u.id, role: u.role, memberships: u.memberships }, "review"));
  const count = (name: string) => candidates.filter((c) => c.displayName.toLowerCase() === name.toLowerCase()).length;
  return candidates.map((u) => ({ id: u.id, displayName: u.displayName, groups: count(u.displayName) > 1 ? u.memberships.map((m) => m.group) : [] }));
}

/** Who may ever score an application: the appointed reviewers with an active account. */
export async function committeeIds(): Promise<string[]> {
  const rows = await db().applicationReviewer.findMany({ select: { userId: true } });
  const active = await db().user.findMany({ where: { id: { in: rows.map((r) => r.userId) }, deactivatedAt: null }, select: { id: true } });
  return active.map((u) => u.id);
}

/** Appoints a member picked from the list; anyone else (unknown, deactivated) is refused. */
export async function appointReviewer(actor: Actor, userId: string): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const user = userId ? await db().user.findUnique({ where: { id: userId }, select: { id: true, deactivatedAt: true } }) : null;
  if (!user || user.deactivatedAt) return refuse.invalid("applications:reviewers.notAMember", "userId");
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
