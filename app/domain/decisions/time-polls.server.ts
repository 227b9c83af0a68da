// Time polls: candidate slots entered in the proposer's zone, shown to each voter in theirs,
// each marked with how many of those who may vote it falls outside the day for (the meetings'
// fairness rule, ../meeting-times), and the chosen slot turned into a meeting in one step.
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { toZonedInputs } from "~/infra/time-zones";
import { recordAudit } from "../audit.server";
import { scheduleMeeting } from "../meetings.server";
import type { Actor } from "../permissions";

const actorSelect = { id: true, role: true, memberships: { select: { groupId: true, role: true } } } as const;
import * as policy from "../policies/decisions";
import * as meetingsPolicy from "../policies/meetings";
import { ok, refuse, type Result } from "../result";
import { rankSlots, slotCounts } from "./counting";
import type { SlotFairness } from "./slot-fairness.server";
import type { DecisionRow, OptionRow } from "./decisions.server";

/** The slot the answers favour (most yes, then if need be, then fairest, then earliest). */
export function bestSlot(fairness: SlotFairness[], answers: Array<Record<string, string>>): string | null {
  const counts = slotCounts(fairness.map((slot) => slot.optionId), answers);
  return rankSlots(fairness.map((slot) => ({ id: slot.optionId, startsAt: slot.startsAt, outside: slot.outside })), counts)[0] ?? null;
}

/**
 * Turns a closed time poll's chosen slot into a meeting of its space, inviting the poll's voters
 * (the group, or everyone), with each answer carried over as that member's RSVP
 * (yes → yes, if need be → maybe, no → no). Refusals: 404, 403 (may not schedule here),
 * 409 (still open, or already scheduled), 400 (no such slot, or the meeting's own checks).
 */
export async function scheduleChosenSlot(actor: Actor, decisionId: string, input: { optionId: string; callUrl?: string }, now = new Date()): Promise<Result<{ meetingId: string }>> {
  const { getDecision } = await import("./decisions.server");
  const decision = await getDecision(decisionId);
  if (!decision || !policy.allow(actor, "read", decision)) return refuse.notFound();
  if (decision.kind !== "time-poll") return refuse.notFound();
  if (policy.isOpen(decision, now)) return refuse.conflict("decisions:errors.stillOpen");
  if (decision.scheduledMeetingId) return refuse.conflict("decisions:errors.alreadyScheduled");
  if (!policy.allow(actor, "schedule", decision, now)) return refuse.forbidden();
  const option = await db().decisionOption.findFirst({ where: { id: input.optionId, decisionId }, select: { id: true, startsAt: true } });
  if (!option?.startsAt) return refuse.invalid("decisions:errors.slot", "optionId");
  // Claim the poll before making the meeting, so two clicks (or two instances) make one meeting;
  // the page reads a claim as "being scheduled" (no meeting yet, no button).
  const claim = `pending:${newId()}`;
  const claimed = await db().decision.updateMany({ where: { id: decisionId, scheduledMeetingId: null }, data: { scheduledMeetingId: claim } });
  if (claimed.count !== 1) return refuse.conflict("decisions:errors.alreadyScheduled");
  const release = () => db().decision.updateMany({ where: { id: decisionId, scheduledMeetingId: claim }, data: { scheduledMeetingId: null } });
  const { date, time } = toZonedInputs(option.startsAt, decision.proposerTimeZone);
  const scheduled = await scheduleMeeting(actor, {
    kind: policy.meetingKindFor(decision),
    groupId: decision.groupId ?? "",
    audience: policy.meetingAudienceFor(decision),
    titleEn: decision.titleEn,
    titleFr: decision.titleFr,
    date,
    time,
    timeZone: decision.proposerTimeZone,
    durationMinutes: decision.durationMinutes,
    callUrl: (input.callUrl ?? "").trim(),
    repeat: "none",
    occurrences: 1,
    rotateTimes: [],
    // The poll showed every voter, and shows whoever picks the slot, how many it falls at night
    // for: choosing it after the vote is that acknowledgement.
    acknowledgeNight: true,
  });
  if (!scheduled.ok) {
    await release();
    return scheduled;
  }
  const meetingId = scheduled.value.meetingIds[0];
  const meeting = { audience: policy.meetingAudienceFor(decision), groupId: decision.groupId };
  // Answers carry over only for voters the meeting invites now (one who left the group since is not).
  const cast = await db().decisionVote.findMany({ where: { decisionId }, select: { userId: true, choice: true } });
  const voters = new Map((await db().user.findMany({ where: { id: { in: cast.map((v) => v.userId) }, deactivatedAt: null }, select: actorSelect })).map((u) => [u.id, u]));
  const votes = cast.filter((vote) => {
    const voter = voters.get(vote.userId);
    return voter !== undefined && meetingsPolicy.isInvited(voter, meeting);
  });
  const rsvp: Record<string, string> = { yes: "yes", maybe: "maybe", no: "no" };
  await db().$transaction(async (tx) => {
    for (const vote of votes) {
      const answer = (JSON.parse(vote.choice) as { answers?: Record<string, string> }).answers?.[option.id];
      if (answer && rsvp[answer]) await tx.meetingAttendance.create({ data: { meetingId, userId: vote.userId, rsvp: rsvp[answer] } });
    }
    await tx.decision.updateMany({ where: { id: decisionId, scheduledMeetingId: claim }, data: { scheduledMeetingId: meetingId } });
    await recordAudit({ actorId: actor.id, action: "decision.scheduled", objectType: "decision", objectId: decisionId, data: { meetingId } }, tx);
  });
  return ok({ meetingId });
}
