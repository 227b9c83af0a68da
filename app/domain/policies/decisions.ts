// Decisions (proposals, polls, time polls): who may read, propose, vote, close one early, write
// its outcome, see its results and who voted, and schedule a time poll's chosen slot. A
// decision lives in a space and is read by whoever may read that space; it goes live to the
// same audience as that space's threads.
import { can, userWhere, type Actor, type Principal } from "../permissions";
import * as meetings from "./meetings";
import * as spaces from "./spaces";
import type { ThreadAudience } from "./threads";

export type DecisionAction =
  | "read"
  | "vote"
  /** Close before the closing time. */
  | "close"
  /** Write (or correct) the outcome statement and its action items, once closed. */
  | "writeOutcome"
  /** See the counts: always once closed; while open only when the proposer chose live results. */
  | "seeResults"
  /** See who took which position or gave which answers (never for anonymous polls). */
  | "seeVotes"
  /** Turn a closed time poll's chosen slot into a meeting. */
  | "schedule";

export interface DecisionFacts {
  kind: string;
  groupId: string | null;
  /** "group" | "cop" */
  voters: string;
  proposerId: string;
  closesAt: Date;
  closedAt: Date | null;
  isAnonymous: boolean;
  resultsLive: boolean;
}

export function isOpen(decision: Pick<DecisionFacts, "closedAt" | "closesAt">, now = new Date()): boolean {
  return !decision.closedAt && decision.closesAt.getTime() > now.getTime();
}

/** Whether the actor may start a decision in this space (who may post there). */
export function allowPropose(actor: Actor | null | undefined, groupId: string | null): boolean {
  if (!actor) return false;
  return groupId ? can(actor, "decision.propose", { groupId }) : spaces.allow(actor, "post", { groupId: null });
}

/** Leads of the group (or community moderators) may close and conclude anyone's decision there. */
function leads(actor: Actor, groupId: string | null): boolean {
  return groupId ? can(actor, "decision.lead", { groupId }) : spaces.allow(actor, "moderate", { groupId: null });
}

/** Whether the actor is among those who may vote (members of the group, or every member). */
export function isEligible(actor: Actor, decision: Pick<DecisionFacts, "groupId" | "voters">): boolean {
  if (!decision.groupId || decision.voters === "cop") return true;
  return can(actor, "decision.vote", { groupId: decision.groupId });
}

export function allow(actor: Actor | null | undefined, action: DecisionAction, decision: DecisionFacts, now = new Date()): boolean {
  if (!actor || !spaces.allow(actor, "read", { groupId: decision.groupId })) return false;
  const open = isOpen(decision, now);
  const concluder = decision.proposerId === actor.id || leads(actor, decision.groupId);
  switch (action) {
    case "read":
      return true;
    case "vote":
      return open && isEligible(actor, decision);
    case "close":
      return open && concluder;
    case "writeOutcome":
      return !open && concluder;
    case "seeResults":
      return !open || decision.resultsLive;
    case "seeVotes":
      return !decision.isAnonymous && (!open || decision.resultsLive);
    case "schedule":
      // Whoever may schedule the space's meetings (leads for their group, CoP-wide roles).
      return !open && decision.kind === "time-poll" && meetings.allowSchedule(actor, meetingKindFor(decision), decision.groupId);
  }
}

/** The meeting a time poll's slot becomes: the group's meeting, or a plenary for the community. */
export function meetingKindFor(decision: Pick<DecisionFacts, "groupId">): "group" | "plenary" {
  return decision.groupId ? "group" : "plenary";
}

/** Who that meeting invites: the poll's voters (the group, or everyone). */
export function meetingAudienceFor(decision: Pick<DecisionFacts, "groupId" | "voters">): "group" | "community" {
  return decision.groupId && decision.voters !== "cop" ? "group" : "community";
}

/** Live events about a decision go where its space's threads go: the space's room. */
export function audience(_decision: Pick<DecisionFacts, "groupId">): ThreadAudience {
  return "space";
}

/** The principals who may read it (every member: spaces are read by all), for other surfaces. */
export function readers(decision: Pick<DecisionFacts, "groupId">): Principal[] {
  return spaces.audience({ groupId: decision.groupId });
}

/** Prisma filter on User: the active members who may vote (the same rule as isEligible). */
export function votersWhere(decision: Pick<DecisionFacts, "groupId" | "voters">) {
  const active = { deactivatedAt: null, isFormerMember: false };
  if (!decision.groupId || decision.voters === "cop") return active;
  return { ...active, ...userWhere.memberOf(decision.groupId) };
}

/** Prisma filter on Decision: those listed in a space the reader may read. */
export function spaceDecisionsWhere(actor: Actor, groupId: string | null) {
  return spaces.allow(actor, "read", { groupId }) ? { groupId } : { id: "" };
}
