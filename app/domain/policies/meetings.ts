// Meetings: who is invited, who organises, who schedules, and who may follow a draft agenda or
// minutes. Every member may see that a meeting exists; published texts are for every member.
import { can, isCoordinator, isMel, isMemberOf, leadsAnyGroup, userWhere, type Actor } from "../permissions";

export type MeetingAction = "read" | "rsvp" | "organise";

export interface MeetingFacts {
  kind: string;
  groupId: string | null;
  audience: string;
  createdById: string;
  cancelledAt?: Date | null;
}

/** Whether the actor may schedule (and so organise) a meeting of this kind for this group. */
export function allowSchedule(actor: Actor | null | undefined, kind: string, groupId: string | null): boolean {
  if (!actor) return false;
  // Leads schedule for their own group; community-wide meetings need a CoP-wide role.
  if (groupId && (kind === "group" || kind === "guest")) return can(actor, "meeting.schedule", { groupId });
  return can(actor, "meeting.schedule", "cop");
}

/** Whether the actor may list meetings: every member sees that meetings exist. */
export function allowList(actor: Actor | null | undefined): boolean {
  return Boolean(actor);
}

/** Whether the actor may schedule any meeting at all (for the "Schedule" link). */
export function allowScheduleAny(actor: Actor | null | undefined, groupIds: readonly string[]): boolean {
  return Boolean(actor) && (can(actor, "meeting.schedule", "cop") || groupIds.some((groupId) => allowSchedule(actor, "group", groupId)));
}

export function isInvited(actor: Actor, meeting: Pick<MeetingFacts, "audience" | "groupId">): boolean {
  if (meeting.audience === "group" && meeting.groupId) return isMemberOf(actor, meeting.groupId);
  if (meeting.audience === "leads-mel") return isMel(actor) || isCoordinator(actor) || leadsAnyGroup(actor);
  return true;
}

export function allow(actor: Actor | null | undefined, action: MeetingAction, meeting: MeetingFacts): boolean {
  if (!actor) return false;
  switch (action) {
    case "read":
      return true;
    case "rsvp":
      return !meeting.cancelledAt && isInvited(actor, meeting);
    case "organise":
      // Whoever scheduled it, and anyone who could have scheduled it.
      return meeting.createdById === actor.id || allowSchedule(actor, meeting.kind, meeting.groupId);
  }
}

/** Draft agendas and minutes: organisers edit; invitees co-write the agenda and follow the minutes. */
export function textAccess(actor: Actor, meeting: MeetingFacts, kind: "agenda" | "minutes"): "edit" | "read" | "none" {
  if (allow(actor, "organise", meeting)) return "edit";
  if (!isInvited(actor, meeting)) return "none";
  return kind === "agenda" ? "edit" : "read";
}

/** Prisma filter on User: the active members a meeting invites (the same rule as isInvited). */
export function inviteesWhere(meeting: Pick<MeetingFacts, "audience" | "groupId">) {
  const active = { deactivatedAt: null };
  if (meeting.audience === "group" && meeting.groupId) return { ...active, ...userWhere.memberOf(meeting.groupId) };
  if (meeting.audience === "leads-mel") return { ...active, OR: [userWhere.copWide, userWhere.leadOfAnyGroup] };
  return active;
}
