// Whether a group's learning questions are finalised or still a draft: the one rule the pages,
// the editor's lock and the CoP stages read (shared with the browser), so no two can disagree.
export type LearningQuestionsState = "finalised" | "draft";

export interface LearningQuestionsStatus {
  state: LearningQuestionsState;
  isFinalised: boolean;
  /** When the current finalisation happened; null for a draft, or a finalisation with no date kept. */
  finalisedAt: Date | string | null;
  /** The label every page shows for this status. */
  label: `documents:questions.status.${LearningQuestionsState}`;
}

export function learningQuestionsStatus(plan: { questionsStatus?: string | null; questionsFinalisedAt?: Date | string | null } | null | undefined): LearningQuestionsStatus {
  const isFinalised = plan?.questionsStatus === "finalised";
  const state: LearningQuestionsState = isFinalised ? "finalised" : "draft";
  return { state, isFinalised, finalisedAt: isFinalised ? (plan?.questionsFinalisedAt ?? null) : null, label: `documents:questions.status.${state}` };
}
