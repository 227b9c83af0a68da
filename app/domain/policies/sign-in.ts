// Sign-in security: who must have a second factor, and who may change the CoP's sign-in rules
// or clear a member's factors. Asked at sign-in, by settings, and on the people page.
import { can, isCoordinator, isMel, leadsAnyGroup, type Actor } from "../permissions";

export interface SignInRules {
  /** The coordinator's setting: those who steward the CoP must have a second factor. */
  requireSecondFactor: boolean;
}

/** Whether this person must have a second factor to use Praxis under these rules. */
export function needsSecondFactor(actor: Actor, rules: SignInRules): boolean {
  if (!rules.requireSecondFactor) return false;
  return isCoordinator(actor) || isMel(actor) || leadsAnyGroup(actor);
}

export type SignInAction = "configure" | "resetFactors";

export function allow(actor: Actor | null | undefined, action: SignInAction, person?: { id: string }): boolean {
  if (!actor || !can(actor, "people.manage")) return false;
  // Clearing one's own factors would skip proving it is them: another coordinator must.
  if (action === "resetFactors") return person !== undefined && person.id !== actor.id;
  return true;
}
