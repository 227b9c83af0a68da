// Library resources: who may open one, manage it, and which resources a reader may see, as a
// check on one resource, a Prisma filter, a raw-SQL filter (full-text search) and an audience.
//
// community: every member; group: that group's members; sensitive: that group's leads. The
// person who added it and coordinators always.
import { can, isCoordinator, isLeadOf, isMemberOf, ledGroupIds, memberGroupIds, principal, type Actor, type Principal } from "../permissions";

export type ResourceAction = "open" | "manage" | "share";

/** What deciding needs to know about a resource. */
export interface ResourceFacts {
  visibility: string;
  groupId: string | null;
  addedById: string;
  isShareable?: boolean;
}

export function allow(actor: Actor | null | undefined, action: ResourceAction, resource: ResourceFacts): boolean {
  if (!actor) return false;
  switch (action) {
    case "open":
      return canOpen(actor, resource);
    case "manage":
      return resource.addedById === actor.id || can(actor, "library.manageAny");
    case "share":
      return allow(actor, "manage", resource) && mayLeaveTheCop(resource);
  }
}

/** Whether a resource may be opened outside the CoP through a share link (sensitive ones never). */
export function mayLeaveTheCop(resource: Pick<ResourceFacts, "visibility" | "isShareable">): boolean {
  return resource.isShareable === true && resource.visibility !== "sensitive";
}

/** Whether the actor may put a resource with this visibility in this group (one they belong to). */
export function allowPlace(actor: Actor, placement: { visibility: string; groupId: string | null }): boolean {
  if (placement.visibility === "community") return true;
  return Boolean(placement.groupId) && (isCoordinator(actor) || isMemberOf(actor, placement.groupId!));
}

function canOpen(actor: Actor, resource: ResourceFacts): boolean {
  if (isCoordinator(actor) || resource.addedById === actor.id) return true;
  if (resource.visibility === "community") return true;
  if (!resource.groupId) return false;
  if (resource.visibility === "group") return isMemberOf(actor, resource.groupId);
  return isLeadOf(actor, resource.groupId);
}

/** The principals a resource is shown to: exactly those `allow(…, "open", …)` accepts. */
export function audience(resource: ResourceFacts): Principal[] {
  if (resource.visibility === "community") return [principal.everyone];
  const owners = [principal.user(resource.addedById), principal.coordinators];
  if (!resource.groupId) return owners;
  return [resource.visibility === "group" ? principal.membersOf(resource.groupId) : principal.leadsOf(resource.groupId), ...owners];
}

/** Prisma filter on LibraryResource: what this reader may open. */
export function visibleWhere(actor: Actor) {
  if (isCoordinator(actor)) return {};
  return {
    OR: [
      { visibility: "community" },
      { addedById: actor.id },
      { visibility: "group", groupId: { in: memberGroupIds(actor) } },
      { visibility: "sensitive", groupId: { in: ledGroupIds(actor) } },
    ],
  };
}

/**
 * The same filter as SQL over the alias `r`, for the full-text search. `param` adds a bound
 * parameter and returns its placeholder. Returns null when the reader may see everything.
 */
export function visibleSql(actor: Actor, param: (value: unknown) => string, alias = "r"): string | null {
  if (isCoordinator(actor)) return null;
  const visible = [`${alias}."visibility" = 'community'`, `${alias}."addedById" = ${param(actor.id)}`];
  const memberOf = memberGroupIds(actor);
  const leadOf = ledGroupIds(actor);
  if (memberOf.length) visible.push(`(${alias}."visibility" = 'group' AND ${alias}."groupId" IN (${memberOf.map(param).join(", ")}))`);
  if (leadOf.length) visible.push(`(${alias}."visibility" = 'sensitive' AND ${alias}."groupId" IN (${leadOf.map(param).join(", ")}))`);
  return `(${visible.join(" OR ")})`;
}

/** Facts everyone may learn about resources (e.g. the "added by" filter's list of people). */
export const publicWhere = { visibility: "community" } as const;
