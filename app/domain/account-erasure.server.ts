// Erasing one's own account. At once: sessions, sign-in factors, email address and notification
// settings go, the account is locked and the pseudonym disappears from view (posts read "former
// member"; in "remove" mode the posts are taken down too). For seven days an undo code, shown
// once, restores the account (then the member signs in with their password and enrols a factor
// again). After that the erasure job makes it final: nothing of the member stays in the tables
// that held it. What must stay for the others (kept posts, shared library resources, expenses,
// meetings, reviews, the audit trail) is attributed to a fresh "former member" stand-in with no
// link to the old account.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { log } from "~/infra/log.server";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { passwordMatches } from "./accounts.server";
import { auditTrailFor, recordAudit } from "./audit.server";
import { discardExportsOf } from "./data-export.server";
import { settleErasedMemberResources } from "./library.server";
import { can, userWhere, type Actor } from "./permissions";
import * as accountPolicy from "./policies/account";
import { ok, refuse, type Result } from "./result";
import { revokeAllSessions } from "./sessions.server";

import { ERASURE_MODES, ERASURE_UNDO_MS } from "./account-erasure";

export { ERASURE_MODES, ERASURE_UNDO_MS, type ErasureMode } from "./account-erasure";

export const erasureRequestSchema = z.object({
  mode: z.enum(ERASURE_MODES, { error: "settings:erase.modeRequired" }),
  password: z.string().min(1, "settings:erase.passwordRequired"),
  confirm: z.literal(true, { error: "settings:erase.confirmRequired" }),
});

/** Everything that lets someone sign in as the member (passwords aside), or reach them. */
async function deleteSignInAndContact(userId: string): Promise<void> {
  await revokeAllSessions(userId);
  await db().$transaction([
    db().totpFactor.deleteMany({ where: { userId } }),
    db().recoveryCode.deleteMany({ where: { userId } }),
    db().signInChallenge.deleteMany({ where: { userId } }),
    db().passkey.deleteMany({ where: { userId } }),
    db().webAuthnChallenge.deleteMany({ where: { userId } }),
    db().notificationSetting.deleteMany({ where: { userId } }),
    db().deviceSettings.deleteMany({ where: { userId } }),
    db().libraryPin.deleteMany({ where: { userId } }),
    db().notification.deleteMany({ where: { userId } }),
    db().calendarFeed.deleteMany({ where: { userId } }),
    db().mailReplyToken.deleteMany({ where: { userId } }),
  ]);
}

/** The member asks to erase their account. Returns the undo code, shown to them once. */
export async function requestErasure(actor: Actor, input: z.infer<typeof erasureRequestSchema>, now = new Date()): Promise<Result<{ undoCode: string; finalAfter: Date }>> {
  const otherCoordinators = accountPolicy.needsCoordinatorCount(actor)
    ? await db().user.count({ where: { ...userWhere.coordinators, deactivatedAt: null, isFormerMember: false, id: { not: actor.id } } })
    : 0;
  if (!accountPolicy.allow(actor, "erase", { id: actor.id }, { otherCoordinators })) {
    return refuse.forbidden(accountPolicy.needsCoordinatorCount(actor) ? "settings:erase.lastCoordinator" : "common:errors.forbidden");
  }
  if (!(await passwordMatches(actor, input.password))) return refuse.invalid("settings:erase.passwordWrong", "password");
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { displayName: true } });
  if (!user) return refuse.notFound();
  if (await db().accountErasure.count({ where: { userId: actor.id } })) return refuse.conflict("settings:erase.alreadyRequested");

  const undoCode = randomToken(20);
  const finalAfter = new Date(now.getTime() + ERASURE_UNDO_MS);
  const auditRef = newId();
  await db().$transaction(async (tx) => {
    await tx.accountErasure.create({ data: { userId: actor.id, mode: input.mode, undoHash: sha256Hex(undoCode), displayName: user.displayName, requestedAt: now, finalAfter, auditRef } });
    // Locked, and the pseudonym gone from every page at once.
    await tx.user.update({ where: { id: actor.id }, data: { deactivatedAt: now, displayName: "" } });
    // Taken down now; the exact instant tells undo which ones the erasure took down.
    if (input.mode === "remove") await tx.post.updateMany({ where: { authorId: actor.id, deletedAt: null }, data: { deletedAt: now } });
    // What happened, not what: no id of the member, no mode.
    await recordAudit({ actorId: null, action: "account.erasure.requested", objectType: "account", objectId: auditRef }, tx);
  });
  await deleteSignInAndContact(actor.id);
  // A prepared export holds the email address and more: it goes now, not in seven days.
  await discardExportsOf(actor.id);
  await db().dataExport.deleteMany({ where: { userId: actor.id } });
  return ok({ undoCode, finalAfter });
}

// An undo code is long and random; the limit only stops someone hammering the form.
const undoLimiter = createRateLimiter({ name: "erasure-undo", limit: 20, windowMs: 15 * 60 * 1000 });

export const undoCodeSchema = z.string().trim().toLowerCase().regex(/^[a-z2-7]{16,64}$/, "account:undo.invalid");

/** Undoes an erasure within its seven days with the code the member was shown. */
export async function undoErasure(code: string, address: string, now = new Date()): Promise<Result> {
  const limited = await undoLimiter.check([`a:${address}`]);
  if (!limited.allowed) return refuse.tooMany("account:undo.rateLimited", limited.retryAfterSeconds);
  const parsed = undoCodeSchema.safeParse(code);
  const erasure = parsed.success ? await db().accountErasure.findUnique({ where: { undoHash: sha256Hex(parsed.data) } }) : null;
  if (!erasure || erasure.finalAfter.getTime() <= now.getTime()) {
    await undoLimiter.hit([`a:${address}`]);
    return refuse.invalid("account:undo.invalid", "code");
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: erasure.userId }, data: { deactivatedAt: null, displayName: erasure.displayName } });
    if (erasure.mode === "remove") await tx.post.updateMany({ where: { authorId: erasure.userId, deletedAt: erasure.requestedAt }, data: { deletedAt: null } });
    await tx.accountErasure.delete({ where: { userId: erasure.userId } });
    await recordAudit({ actorId: null, action: "account.erasure.undone", objectType: "account", objectId: erasure.auditRef }, tx);
  });
  return ok();
}

/** Whether an account is waiting for its erasure to become final (settings, sign-in). */
export async function pendingErasure(userId: string) {
  return db().accountErasure.findUnique({ where: { userId }, select: { mode: true, finalAfter: true } });
}

/**
 * Makes one erasure final. Personal rows are deleted; rows the others need are moved to a new
 * former-member stand-in; then the account itself is deleted (its sessions, factors and
 * memberships go with it by cascade).
 */
async function finaliseErasure(erasure: { userId: string; mode: string; auditRef: string }, now: Date): Promise<void> {
  const userId = erasure.userId;
  const formerId = newId();
  await db().user.create({
    data: { id: formerId, username: `former.${randomToken(10)}`, displayName: "", passwordHash: "", role: "member", deactivatedAt: now, isFormerMember: true },
  });
  const to = formerId;
  const remove = erasure.mode === "remove";
  await deleteSignInAndContact(userId);

  await discardExportsOf(userId);

  await db().$transaction(async (tx) => {
    // Personal: gone.
    await tx.dataExport.deleteMany({ where: { userId } });
    await tx.threadRead.deleteMany({ where: { userId } });
    await tx.meetingNotice.deleteMany({ where: { userId } });
    await tx.documentContributor.deleteMany({ where: { userId } });
    await tx.applicationReviewer.deleteMany({ where: { userId } });
    // Others' notices that pointed at the member's posts.
    await tx.notification.deleteMany({ where: { actorId: userId } });

    // Their words: taken down (remove) or kept as a former member's (keep).
    if (remove) {
      const own = await tx.post.findMany({ where: { authorId: userId }, select: { id: true } });
      await tx.postRevision.deleteMany({ where: { postId: { in: own.map((p) => p.id) } } });
      await tx.post.updateMany({ where: { authorId: userId }, data: { bodySource: "", bodyHtml: "", editedAt: null, deletedAt: now, authorId: to, idempotencyKey: null } });
      // Threads nobody else wrote in go entirely; the others keep their title for the replies.
      const started = await tx.thread.findMany({ where: { authorId: userId }, select: { id: true, posts: { where: { authorId: { not: to } }, select: { id: true }, take: 1 } } });
      const alone = started.filter((t) => t.posts.length === 0).map((t) => t.id);
      await tx.thread.deleteMany({ where: { id: { in: alone } } });
      await tx.documentComment.deleteMany({ where: { authorId: userId } });
      await tx.checkInComment.deleteMany({ where: { authorId: userId } });
    } else {
      await tx.post.updateMany({ where: { authorId: userId }, data: { authorId: to, idempotencyKey: null } });
      await tx.documentComment.updateMany({ where: { authorId: userId }, data: { authorId: to } });
      await tx.checkInComment.updateMany({ where: { authorId: userId }, data: { authorId: to } });
    }
    await tx.thread.updateMany({ where: { authorId: userId }, data: { authorId: to } });

    // Records the group and the CoP keep (money, meetings, plans, reviews), without the person.
    await tx.meetingAttendance.updateMany({ where: { userId }, data: { userId: to } });
    // Decisions: positions and votes stay counted, held by the stand-in; reminders go.
    await tx.decisionVote.updateMany({ where: { userId }, data: { userId: to } });
    await tx.decisionVoter.updateMany({ where: { userId }, data: { userId: to } });
    await tx.decisionReminder.deleteMany({ where: { userId } });
    await tx.decision.updateMany({ where: { proposerId: userId }, data: { proposerId: to } });
    await tx.decision.updateMany({ where: { outcomeById: userId }, data: { outcomeById: to } });
    await tx.honorariumPayment.updateMany({ where: { userId }, data: { userId: to } });
    await tx.honorariumPayment.updateMany({ where: { paidById: userId }, data: { paidById: to } });
    await tx.expense.updateMany({ where: { recordedById: userId }, data: { recordedById: to } });
    await tx.copBudget.updateMany({ where: { updatedById: userId }, data: { updatedById: to } });
    await tx.meeting.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.meetingTextStatus.updateMany({ where: { markedById: userId }, data: { markedById: to } });
    await tx.meetingTextVersion.updateMany({ where: { publishedById: userId }, data: { publishedById: to } });
    await tx.meetingActionItem.updateMany({ where: { ownerId: userId }, data: { ownerId: to } });
    await tx.meetingActionItem.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.checkIn.updateMany({ where: { preparedById: userId }, data: { preparedById: to } });
    await tx.checkIn.updateMany({ where: { adviceById: userId }, data: { adviceById: to } });
    await tx.followUpAction.updateMany({ where: { ownerId: userId }, data: { ownerId: to } });
    await tx.followUpAction.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.workplanReview.updateMany({ where: { reviewerId: userId }, data: { reviewerId: to } });
    await tx.workplanMilestone.updateMany({ where: { ownerId: userId }, data: { ownerId: to } });
    await tx.groupPlan.updateMany({ where: { workplanApprovedById: userId }, data: { workplanApprovedById: to } });
    await tx.applicationReview.updateMany({ where: { reviewerId: userId }, data: { reviewerId: to } });
    await tx.documentVersion.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.freeDocument.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.libraryShareLink.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.libraryCollection.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.libraryQuestionLink.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.invitation.updateMany({ where: { createdById: userId }, data: { createdById: to } });
    await tx.invitation.updateMany({ where: { usedById: userId }, data: { usedById: to } });

    // The audit trail keeps what was done, by a former member; entries about the account too.
    await tx.auditEvent.updateMany({ where: { actorId: userId }, data: { actorId: to } });
    await tx.auditEvent.updateMany({ where: { objectId: userId }, data: { objectId: to } });
    const mentioning = await tx.auditEvent.findMany({ where: { data: { contains: userId } }, select: { id: true, data: true } });
    for (const event of mentioning) await tx.auditEvent.update({ where: { id: event.id }, data: { data: event.data.split(userId).join(to) } });
  });

  await settleErasedMemberResources(userId, to);
  await db().$transaction(async (tx) => {
    await tx.accountErasure.delete({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    await recordAudit({ actorId: null, action: "account.erasure.final", objectType: "account", objectId: erasure.auditRef }, tx);
  });
}

/** The job (server/jobs.ts; tests call it with their own clock): erasures past their undo window. */
export async function finaliseDueErasures(now = new Date()): Promise<number> {
  const due = await db().accountErasure.findMany({ where: { finalAfter: { lte: now } }, select: { userId: true, mode: true, auditRef: true } });
  for (const erasure of due) await finaliseErasure(erasure, now);
  if (due.length) log("info", "account erasures made final", { count: due.length });
  return due.length;
}

/** For the coordinator: that erasures happened and when, nothing about whom. */
export async function erasureTrail(actor: Actor) {
  if (!can(actor, "people.manage")) return refuse.forbidden();
  const events = await auditTrailFor([{ objectType: "account" }], { newestFirst: true, limit: 50 });
  return ok(events.map((e) => ({ id: e.id, action: e.action, ref: e.objectId.slice(-6), createdAt: e.createdAt })));
}
