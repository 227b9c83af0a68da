// How applications are read from the database, shared by the applicant's, the reviewers' and
// the coordinator's views: which columns each may see, and finding one by its private link.
import { db } from "~/infra/db.server";
import { sha256Hex } from "~/infra/ids.server";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Everything the applicant wrote and the state of their application (never the reviews). */
export const formRowSelect = {
  id: true, reference: true, stage: true, language: true, callId: true, name: true, contact: true, country: true, region: true, organisation: true,
  experience: true, motivation: true, learningGoals: true, preferredGroupId: true, workingLanguages: true, capacity: true,
  capacityNote: true, notAdvisoryMember: true, notAllianceStaff: true, notPreviousCop: true, conflictOfInterest: true,
  createdAt: true, updatedAt: true, submittedAt: true, interviewAt: true, interviewMinutes: true, interviewTimeZone: true, interviewUrl: true,
  decidedAt: true, outcomeSentAt: true, sealedInvitation: true, decidedGroupId: true, erasedAt: true,
} as const;
export type ApplicationFormRow = NonNullable<Awaited<ReturnType<typeof findRowByToken>>>;

/**
 * Fields a reviewer may ever see: no contact, no private link, nothing that reaches the
 * applicant. What they see of them in their phase of the round is reviewerView's to decide.
 */
export const reviewerSelect = {
  id: true, reference: true, stage: true, name: true, country: true, region: true, organisation: true, experience: true, motivation: true,
  learningGoals: true, preferredGroupId: true, workingLanguages: true, capacity: true, capacityNote: true, notAdvisoryMember: true,
  notAllianceStaff: true, notPreviousCop: true, conflictOfInterest: true, submittedAt: true, erasedAt: true, callId: true,
} as const;

/** The application behind a private link; only its hash is stored. */
export function findRowByToken(token: string) {
  if (!/^[a-z2-7]{32,64}$/.test(token)) return Promise.resolve(null);
  return db().application.findUnique({ where: { tokenHash: sha256Hex(token) }, select: formRowSelect });
}
