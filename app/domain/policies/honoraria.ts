// Honoraria: the coordinator records payments; each member sees their own record.
import { can, type Actor } from "../permissions";

export type HonorariumAction = "read" | "manage";

export function allow(actor: Actor | null | undefined, action: HonorariumAction, record: { userId: string } | "all"): boolean {
  if (!actor) return false;
  if (can(actor, "honoraria.manage")) return true;
  return action === "read" && record !== "all" && record.userId === actor.id;
}
