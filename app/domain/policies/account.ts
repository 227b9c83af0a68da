// A member's own account: only they may take their data out or erase it. The last coordinator
// cannot erase themselves: nobody would be left to manage people or restore anything.
import { isCoordinator, type Actor } from "../permissions";

export type AccountAction = "export" | "erase";

export function allow(actor: Actor | null | undefined, action: AccountAction, account: { id: string }, facts: { otherCoordinators?: number } = {}): boolean {
  if (!actor || actor.id !== account.id) return false;
  if (action === "erase" && isCoordinator(actor) && (facts.otherCoordinators ?? 0) === 0) return false;
  return true;
}

/** Whether the erase check needs the count of other active coordinators. */
export function needsCoordinatorCount(actor: Actor): boolean {
  return isCoordinator(actor);
}
