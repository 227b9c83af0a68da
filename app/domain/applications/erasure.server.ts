// Erasure: applicants' personal data goes when the call's retention period ends (or when the
// coordinator erases it sooner); what stays is anonymous and feeds the figures.
import { db } from "~/infra/db.server";
import { log } from "~/infra/log.server";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { DAY_MS } from "./rows.server";

/**
 * Blanks everything personal. Kept, as anonymous statistics: region, preferred and decided
 * group, working languages, stage, language, dates and reviewers' scores (their notes go, as
 * they may quote the applicant). The private link stops working.
 */
async function eraseApplicationData(applicationId: string, reason: "expired" | "coordinator" | "joined"): Promise<void> {
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

/** The coordinator erases an applicant's personal data now (not an accepted applicant's: they became a member). */
export async function eraseApplication(actor: Actor, applicationId: string): Promise<Result> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({ where: { id: applicationId, erasedAt: null }, select: { id: true, stage: true } });
  if (!row) return refuse.notFound("applications:review.notFound");
  if (row.stage === "accepted") return refuse.conflict("applications:decision.acceptedKept");
  await eraseApplicationData(row.id, "coordinator");
  await recordAudit({ actorId: actor.id, action: "application.erased", objectType: "application", objectId: row.id });
  return ok();
}

/**
 * An accepted applicant who has joined (accepted their invitation) owns an account now: the
 * application's contact details, organisation and texts go, the same anonymous figures as for
 * declined applicants stay. Called when the invitation is accepted; the job catches up on any
 * missed (or joined before this rule existed).
 */
export async function eraseJoinedApplicants(invitationIds?: string[]): Promise<number> {
  const joined = await db().invitation.findMany({ where: { usedAt: { not: null }, ...(invitationIds ? { id: { in: invitationIds } } : {}) }, select: { id: true } });
  if (joined.length === 0) return 0;
  const due = await db().application.findMany({ where: { stage: "accepted", erasedAt: null, invitationId: { in: joined.map((i) => i.id) } }, select: { id: true } });
  for (const row of due) await eraseApplicationData(row.id, "joined");
  return due.length;
}

/**
 * The periodic job (server/jobs.ts; tests call it directly): erases not-accepted applicants' personal data
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
  erased += await eraseJoinedApplicants();
  if (erased || draftsDeleted) log("info", "applications erased after retention", { erased, draftsDeleted });
  return { erased, draftsDeleted };
}
