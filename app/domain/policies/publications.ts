// Publications: who follows a group's drafts, proposes, reviews, approves in which slot, takes a
// publication down or changes how it is shared. Approved versions are public: reading them needs
// no actor and no policy (the public pages ask only whether the version is approved and live).
import { can, type Actor } from "../permissions";

export type PublicationAction =
  /** See the publication's drafts, hits and history inside Praxis. */
  | "follow"
  /** Propose a new version (the first, or a correction) and withdraw a proposal. */
  | "propose"
  /** Edit the frozen text of a proposal, fix or accept its identity hits. */
  | "review"
  /** Approve a proposal in one of the approval slots. */
  | "approve"
  /** Take every address down, change public/unlisted, revoke the unlisted link. */
  | "unpublish";

export interface PublicationFacts {
  groupId: string;
}

/** The approval slots a version needs: the coordinator's always, MEL's when the CoP requires it. */
export type ApprovalSlot = "coordination" | "mel";

export function requiredSlots(settings: { requireMelApproval: boolean }): ApprovalSlot[] {
  return settings.requireMelApproval ? ["coordination", "mel"] : ["coordination"];
}

/** The slots this actor may fill. */
export function slotsFor(actor: Actor | null | undefined): ApprovalSlot[] {
  if (!actor) return [];
  const slots: ApprovalSlot[] = [];
  if (can(actor, "publication.approve")) slots.push("coordination");
  if (can(actor, "publication.approveMel")) slots.push("mel");
  return slots;
}

export function allow(actor: Actor | null | undefined, action: PublicationAction, publication: PublicationFacts): boolean {
  if (!actor) return false;
  const target = { groupId: publication.groupId };
  switch (action) {
    case "follow":
      return can(actor, "publication.follow", target);
    case "propose":
      return can(actor, "publication.propose", target);
    case "review":
    case "approve":
      return slotsFor(actor).length > 0;
    case "unpublish":
      return can(actor, "publication.unpublish", target);
  }
}

/**
 * Whether the actor may open a publication inside Praxis (its review page, its drafts): whoever
 * follows the group's drafts, and whoever may review any proposal. A member named in it may open
 * it too, to give or withdraw consent; that is decided from the text (see the domain's consent).
 */
export function allowOpen(actor: Actor | null | undefined, publication: PublicationFacts): boolean {
  return allow(actor, "follow", publication) || allow(actor, "review", publication);
}

/** Whether the actor may start a publication for this group. */
export function allowStart(actor: Actor | null | undefined, groupId: string): boolean {
  return allow(actor, "propose", { groupId });
}

/** Whether the actor may change the CoP's publishing rules. */
export function allowConfigure(actor: Actor | null | undefined): boolean {
  return can(actor, "publication.configure");
}

/**
 * Prisma filter on Publication: the ones whose drafts this reader may follow. A member who is
 * named in a publication may always open it to give or withdraw consent (see consentWhere).
 */
export function followWhere(actor: Actor, groupIds: readonly string[]) {
  if (can(actor, "publication.follow", "cop") || slotsFor(actor).length > 0) return {};
  const followed = groupIds.filter((groupId) => can(actor, "publication.follow", { groupId }));
  return { groupId: { in: followed } };
}
