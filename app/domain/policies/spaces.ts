// Discussion spaces: each working group's (groupId) and the community's (groupId null).
import { can, principal, type Actor, type Principal } from "../permissions";

export type SpaceAction = "read" | "post" | "moderate";

export interface Space {
  groupId: string | null;
}

export function allow(actor: Actor | null | undefined, action: SpaceAction, space: Space): boolean {
  if (!actor) return false;
  const target = space.groupId ? { groupId: space.groupId } : "cop";
  const prefix = space.groupId ? "group" : "community";
  return can(actor, `${prefix}.${action}`, target);
}

/** Who may read a space: every member (the table's group.read and community.read cells are "all"). */
export function audience(_space: Space): Principal[] {
  return [principal.everyone];
}
