// What a reviewer may see of one application in their phase of the round (see the policy's
// reviewPhase): the queue, the application page and any other surface that shows an application
// to a reviewer build it here, and only here.
import { createHmac } from "node:crypto";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { eligibilityFlags } from "./scores";

/** An application as read with reviewerSelect, plus tokenHash (only ever used as a key here). */
export interface ReviewableRow {
  id: string;
  reference: string;
  stage: string;
  name: string;
  country: string;
  region: string;
  organisation: string;
  experience: string;
  motivation: string;
  learningGoals: string;
  preferredGroupId: string | null;
  workingLanguages: string;
  capacity: string;
  capacityNote: string;
  notAdvisoryMember: boolean | null;
  notAllianceStaff: boolean | null;
  notPreviousCop: boolean | null;
  conflictOfInterest: string;
  submittedAt: Date | null;
  erasedAt: Date | null;
  tokenHash: string | null;
}

/** The answers; name, organisation and country are null while the round keeps them hidden. */
export interface ReviewerAnswers {
  id: string;
  reference: string;
  stage: string;
  name: string | null;
  organisation: string | null;
  country: string | null;
  region: string;
  experience: string;
  motivation: string;
  learningGoals: string;
  preferredGroupId: string | null;
  workingLanguages: string;
  capacity: string;
  capacityNote: string;
  conflictOfInterest: string;
  flags: ReturnType<typeof eligibilityFlags>;
  submittedAt: Date | null;
  erasedAt: Date | null;
}

export type ReviewerView =
  /** A name on the list to declare conflicts: no id, no reference, nothing to tie it to the answers. */
  | { phase: "declare"; conflictKey: string; name: string }
  | { phase: "recused"; id: string; reference: string }
  | { phase: "blind" | "identified"; application: ReviewerAnswers };

/**
 * The key the list of names posts for one applicant: it names the application to the server
 * without telling the reviewer which answers are whose. Keyed by the private link's hash, which
 * reviewers never see, so it differs per reviewer and cannot be worked out from the page.
 */
export function conflictKeyFor(reviewerId: string, row: { id: string; tokenHash: string | null }): string {
  return createHmac("sha256", row.tokenHash ?? row.id).update(`conflict:${reviewerId}`).digest("base64url").slice(0, 22);
}

export function reviewerView(
  actor: Actor,
  round: applicationsPolicy.ReviewRound,
  row: ReviewableRow,
  mine: applicationsPolicy.ReviewerStanding | null | undefined,
): ReviewerView {
  const phase = applicationsPolicy.reviewPhase(actor, round, mine);
  if (phase === "declare") return { phase, conflictKey: conflictKeyFor(actor.id, row), name: row.name };
  if (phase === "recused") return { phase, id: row.id, reference: row.reference };
  const sees = applicationsPolicy.reviewerSees(phase);
  return {
    phase,
    application: {
      id: row.id, reference: row.reference, stage: row.stage,
      name: sees.name ? row.name : null,
      organisation: sees.identity ? row.organisation : null,
      country: sees.identity ? row.country : null,
      region: row.region, experience: row.experience, motivation: row.motivation, learningGoals: row.learningGoals,
      preferredGroupId: row.preferredGroupId, workingLanguages: row.workingLanguages, capacity: row.capacity,
      capacityNote: row.capacityNote, conflictOfInterest: row.conflictOfInterest, flags: eligibilityFlags(row),
      submittedAt: row.submittedAt, erasedAt: row.erasedAt,
    },
  };
}
