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

/**
 * Where one reviewer stands with one application, which decides what they may see of it:
 * - "declare": blind round, no declaration yet: only the name, in a list of names, to declare
 *   a conflict of interest or none (never linked to the answers);
 * - "blind": declared no conflict, not scored yet: the answers without name, organisation, country;
 * - "identified": everything a reviewer sees (never the contact). In a blind round this comes
 *   once the reviewer sent their scores for it, or for everyone when the coordinator closes the
 *   round; without a blind round it is the only phase;
 * - "recused": declared a conflict: nothing but that they stepped aside.
 */
export type ReviewPhase = "declare" | "blind" | "identified" | "recused";

export interface ReviewRound {
  blindFirstRound: boolean;
  blindRoundClosedAt: Date | null;
}

export interface ReviewerStanding {
  conflictDeclaredAt: Date | null;
  noConflictDeclaredAt: Date | null;
  submittedAt: Date | null;
}

export function reviewPhase(actor: Actor, round: ReviewRound, mine: ReviewerStanding | null | undefined): ReviewPhase {
  if (mine?.conflictDeclaredAt) return "recused";
  // The coordinator holds every file with its contact: a blind view would hide nothing from them.
  if (!isBlindRoundOpen(round) || allow(actor, "manage")) return "identified";
  // Scores sent (also before the round was made blind): the name has been seen.
  if (mine?.submittedAt) return "identified";
  return mine?.noConflictDeclaredAt ? "blind" : "declare";
}

export function isBlindRoundOpen(round: ReviewRound): boolean {
  return round.blindFirstRound && !round.blindRoundClosedAt;
}

/** What a reviewer may see of the application in a phase. */
export function reviewerSees(phase: ReviewPhase): { name: boolean; identity: boolean; answers: boolean } {
  switch (phase) {
    case "declare":
      return { name: true, identity: false, answers: false };
    case "blind":
      return { name: false, identity: false, answers: true };
    case "identified":
      return { name: true, identity: true, answers: true };
    case "recused":
      return { name: false, identity: false, answers: false };
  }
}

/**
 * Scoring: where the answers show. In a blind round scores once sent are final: the name shows
 * right after, so a changed score would no longer be blind.
 */
export function mayScore(actor: Actor, round: ReviewRound, mine: ReviewerStanding | null | undefined): boolean {
  if (!reviewerSees(reviewPhase(actor, round, mine)).answers) return false;
  return !(round.blindFirstRound && mine?.submittedAt && !allow(actor, "manage"));
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
