// Reviewers' scores: which columns hold them, a reviewer's mean, and the eligibility flags the
// committee sees beside them. Pure, shared by the review queue, the ranking and the decision page.
import { CRITERIA, DECLARATIONS, type Criterion } from "./model";

export const reviewSelect = {
  reviewerId: true, scoreExperience: true, scoreMotivation: true, scoreRegularity: true, scoreGoals: true, scoreBalance: true,
  scoreLanguages: true, notes: true, conflictDeclaredAt: true, noConflictDeclaredAt: true, submittedAt: true,
} as const;
export type ReviewRow = { [K in keyof typeof reviewSelect]: K extends `score${string}` ? number | null : K extends "notes" | "reviewerId" ? string : Date | null };

export const SCORE_COLUMN: Record<Criterion, keyof ReviewRow & `score${string}`> = {
  experience: "scoreExperience",
  motivation: "scoreMotivation",
  regularity: "scoreRegularity",
  goals: "scoreGoals",
  balance: "scoreBalance",
  languages: "scoreLanguages",
};

export function scoresOf(review: ReviewRow): Record<Criterion, number | null> {
  return Object.fromEntries(CRITERIA.map((c) => [c, review[SCORE_COLUMN[c]] as number | null])) as Record<Criterion, number | null>;
}

/** A reviewer's mean over the criteria; only submitted, non-recused reviews count. */
export function reviewMean(review: ReviewRow): number | null {
  if (!review.submittedAt || review.conflictDeclaredAt) return null;
  const scores = CRITERIA.map((c) => review[SCORE_COLUMN[c]]).filter((s): s is number => typeof s === "number");
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

export function meanOf(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

/** The declarations the applicant could not confirm. */
export function eligibilityFlags(row: { notAdvisoryMember: boolean | null; notAllianceStaff: boolean | null; notPreviousCop: boolean | null }) {
  return DECLARATIONS.filter((d) => row[d] === false);
}

/**
 * How many reviewers an application has: the committee and anyone else who sent scores for it
 * (a coordinator), less those who declared a conflict with it.
 */
export function reviewersOf(committee: readonly string[], reviews: ReadonlyArray<Pick<ReviewRow, "reviewerId" | "submittedAt" | "conflictDeclaredAt">>): number {
  const ids = new Set([...committee, ...reviews.filter((r) => r.submittedAt).map((r) => r.reviewerId)]);
  for (const review of reviews) if (review.conflictDeclaredAt) ids.delete(review.reviewerId);
  return ids.size;
}
