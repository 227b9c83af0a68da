// People: invitations, roles, group memberships and deactivation are the coordinator's.
import { can, type Actor } from "../permissions";

export type PeopleAction = "invite" | "setRole" | "setMembership" | "deactivate" | "list";

export function allow(actor: Actor | null | undefined, action: PeopleAction, person?: { id: string }): boolean {
  if (!actor) return false;
  if (action === "invite") return can(actor, "invitation.create");
  if (!can(actor, "people.manage")) return false;
  // A coordinator cannot take away their own role or account: another coordinator must.
  if ((action === "setRole" || action === "deactivate") && person?.id === actor.id) return false;
  return true;
}
