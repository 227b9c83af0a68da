// Budgets: a group's budget lines and expenses (and their receipts), and the CoP budget.
import { can, type Actor } from "../permissions";

export type GroupBudgetAction = "read" | "spend" | "openReceipt";

export function allow(actor: Actor | null | undefined, action: GroupBudgetAction, budget: { groupId: string }): boolean {
  if (!actor) return false;
  const target = { groupId: budget.groupId };
  switch (action) {
    case "read":
    case "openReceipt":
      // Receipts may show names and amounts: the group's leads, MEL and coordinators.
      return can(actor, "budget.read", target);
    case "spend":
      return can(actor, "budget.spend", target);
  }
}

export function allowCop(actor: Actor | null | undefined, action: "read" | "set"): boolean {
  if (!actor) return false;
  return action === "set" ? can(actor, "budget.setCop") : can(actor, "mel.dashboard");
}
