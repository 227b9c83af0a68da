// The CoP's five steps for a working group, derived from its plan (shared with the browser).

import { learningQuestionsStatus } from "./learning-questions";

export const COP_STAGES = ["formed", "questions", "outcome", "workplan", "sharing"] as const;
export type CopStage = (typeof COP_STAGES)[number];
export type StageState = "done" | "current" | "upcoming";

export interface PlanFacts {
  hasLead: boolean;
  questionsStatus: string;
  outcomeForm: string | null;
  workplanStatus: string;
}

/**
 * Each step is done when its evidence exists; the first step not done is current. "Learning
 * and sharing" never completes within the year: once the workplan is approved it is current.
 */
export function stagesFor(plan: PlanFacts): Array<{ stage: CopStage; state: StageState }> {
  const done: Record<CopStage, boolean> = {
    formed: plan.hasLead,
    questions: learningQuestionsStatus(plan).isFinalised,
    outcome: plan.outcomeForm !== null && plan.outcomeForm !== "",
    workplan: plan.workplanStatus === "approved",
    sharing: false,
  };
  let currentFound = false;
  return COP_STAGES.map((stage) => {
    if (done[stage] && !currentFound) return { stage, state: "done" as const };
    if (!currentFound) {
      currentFound = true;
      return { stage, state: "current" as const };
    }
    return { stage, state: done[stage] ? ("done" as const) : ("upcoming" as const) };
  });
}

export function currentStage(plan: PlanFacts): CopStage {
  return stagesFor(plan).find((s) => s.state === "current")?.stage ?? "sharing";
}
