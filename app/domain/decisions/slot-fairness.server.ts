// How fair each candidate slot of a time poll is to those who may vote: how many it falls
// outside the day for, and which zones (the meetings' fairness rule, ../meeting-times). Asked by
// the decision page and by scheduling the chosen slot.
import { db } from "~/infra/db.server";
import { peopleOutsideDay, unfairZones, type UnfairZone } from "../meeting-times";
import { zoneGroups } from "../meetings.server";
import * as policy from "../policies/decisions";
import type { DecisionFacts } from "../policies/decisions";

export interface SlotFairness {
  optionId: string;
  startsAt: Date;
  /** Members who may vote for whom this slot lies outside their day. */
  outside: number;
  unfair: UnfairZone[];
}

/** Each slot's fairness for those who may vote (members without a zone count as UTC). */
export async function slotFairness(
  decision: Pick<DecisionFacts, "groupId" | "voters"> & { durationMinutes: number },
  options: ReadonlyArray<{ id: string; startsAt: Date | null }>,
): Promise<{ voters: number; slots: SlotFairness[] }> {
  const voters = await db().user.findMany({ where: policy.votersWhere(decision), select: { timeZone: true } });
  const zones = zoneGroups(voters);
  return {
    voters: voters.length,
    slots: options.flatMap((option) =>
      option.startsAt
        ? [{ optionId: option.id, startsAt: option.startsAt, outside: peopleOutsideDay(option.startsAt, decision.durationMinutes, zones), unfair: unfairZones(option.startsAt, decision.durationMinutes, zones) }]
        : [],
    ),
  };
}
