// MEL check-ins and follow-up actions. A check-in is read by its group's leads, MEL and
// coordinators; what Praxis assembled into it (facts) is filtered for each reader by the
// policies of the things it names, so a check-in never tells MEL what MEL may not open.
import { can, principalsFor, userWhere, type Actor, type Principal } from "../permissions";
import * as library from "./library";

export type CheckInAction = "read" | "prepare" | "comment" | "advise";
export type FollowUpAction = "read" | "complete";

export interface CheckInFacts {
  groupId: string;
  status: string;
}

export function allow(actor: Actor | null | undefined, action: CheckInAction, checkIn: CheckInFacts): boolean {
  if (!actor) return false;
  const target = { groupId: checkIn.groupId };
  switch (action) {
    case "read":
      // A draft is the lead's working copy: only those who may prepare it see it.
      return can(actor, "checkin.read", target) && (checkIn.status !== "draft" || can(actor, "checkin.prepare", target));
    case "prepare":
      return checkIn.status === "draft" && can(actor, "checkin.prepare", target);
    case "comment":
      return checkIn.status === "submitted" && can(actor, "checkin.comment", target);
    case "advise":
      return checkIn.status === "submitted" && can(actor, "checkin.advise", target);
  }
}

/** The principals who may read the check-in: exactly those `allow(…, "read", …)` accepts. */
export function audience(checkIn: CheckInFacts): Principal[] {
  const target = { groupId: checkIn.groupId };
  return checkIn.status === "draft" ? principalsFor("checkin.prepare", target) : principalsFor("checkin.read", target);
}

/** Whether the actor may open a new draft for the group. */
export function allowPrepare(actor: Actor | null | undefined, groupId: string): boolean {
  return Boolean(actor) && can(actor, "checkin.prepare", { groupId });
}

/** Whether the actor follows some group's check-ins (for the MEL link in the navigation). */
export function followsAnyCheckIns(actor: Actor | null | undefined, groupIds: readonly string[]): boolean {
  return Boolean(actor) && (can(actor, "checkin.read") || groupIds.some((groupId) => can(actor, "checkin.read", { groupId })));
}

export function allowFollowUp(actor: Actor | null | undefined, action: FollowUpAction, followUp: { groupId: string }): boolean {
  if (!actor) return false;
  return can(actor, action === "read" ? "followup.read" : "followup.complete", { groupId: followUp.groupId });
}

/**
 * Prisma filter on User: who may own a follow-up action of this group. The same people who read
 * follow-ups there (followup.read): the group's members and leads, MEL and coordinators.
 */
export function followUpOwnersWhere(groupId: string) {
  return { deactivatedAt: null, OR: [userWhere.memberOf(groupId), userWhere.copWide] };
}

/** A library resource as it is frozen into a check-in's facts. */
export interface ResourceMention {
  id: string;
  title: string;
}

/** The resources of a check-in's facts this reader may open (by each resource's current facts). */
export function visibleResources<T extends ResourceMention>(actor: Actor, mentioned: readonly T[], current: ReadonlyMap<string, library.ResourceFacts>): T[] {
  return mentioned.filter((resource) => {
    const facts = current.get(resource.id);
    return facts !== undefined && library.allow(actor, "open", facts);
  });
}
