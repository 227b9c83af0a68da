// Applications to join the CoP: the coordinator manages the call and decides; reviewers (any
// member the coordinator appointed, or coordinators) score applications they have no conflict with.
// Applicants have no account: their private link's token is their only credential.
import { can, type Actor } from "../permissions";

export type ApplicationsAction = "manage" | "review";

/** What deciding needs to know about the person: whether the coordinator appointed them. */
export interface ReviewerFacts {
  isAppointedReviewer: boolean;
}

export function allow(actor: Actor | null | undefined, action: ApplicationsAction, reviewer: ReviewerFacts = { isAppointedReviewer: false }): boolean {
  if (!actor) return false;
  if (action === "manage") return can(actor, "applications.manage");
  return can(actor, "applications.review") || reviewer.isAppointedReviewer;
}

/** Reviewing one application: a reviewer who has not declared a conflict with it. */
export function allowReview(actor: Actor | null | undefined, reviewer: ReviewerFacts, application: { hasConflict: boolean }): boolean {
  return allow(actor, "review", reviewer) && !application.hasConflict;
}

export type ApplicantAction = "edit" | "withdraw";

/**
 * What the holder of an application's private link may do with it: edit while it is a draft;
 * withdraw until an acceptance has reached them (then they are being invited as a member).
 */
export function allowApplicant(action: ApplicantAction, application: { stage: string; outcomeSentAt: Date | null }): boolean {
  if (action === "edit") return application.stage === "draft";
  return !(application.stage === "accepted" && application.outcomeSentAt);
}
