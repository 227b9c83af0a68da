import { describe, expect, it } from "vitest";
import { isInAudience, type Actor } from "../permissions";
import { allow, allowPropose, readers, type DecisionFacts } from "./decisions";

const A = "group-a";
const B = "group-b";
const memberA: Actor = { id: "member-a", role: "member", memberships: [{ groupId: A, role: "member" }] };
const leadA: Actor = { id: "lead-a", role: "member", memberships: [{ groupId: A, role: "lead" }] };
const memberB: Actor = { id: "member-b", role: "member", memberships: [{ groupId: B, role: "member" }] };
const mel: Actor = { id: "mel", role: "mel", memberships: [] };
const coordinator: Actor = { id: "coordinator", role: "coordinator", memberships: [] };
const everyone = [memberA, leadA, memberB, mel, coordinator];

const now = new Date("2027-01-10T12:00:00Z");
const open = (facts: Partial<DecisionFacts> = {}): DecisionFacts => ({
  kind: "proposal",
  groupId: A,
  voters: "group",
  proposerId: memberA.id,
  closesAt: new Date("2027-01-11T12:00:00Z"),
  closedAt: null,
  isAnonymous: false,
  resultsLive: false,
  ...facts,
});

describe("the decisions policy", () => {
  it("lets every member read a space's decisions, and names the same readers for live events", () => {
    for (const groupId of [A, null]) {
      const decision = open({ groupId });
      for (const actor of everyone) expect(allow(actor, "read", decision, now)).toBe(isInAudience(actor, readers(decision)));
    }
    expect(allow(null, "read", open(), now)).toBe(false);
  });

  it("lets the group's members propose and vote there; the whole CoP when the proposer opened it", () => {
    expect(everyone.filter((a) => allowPropose(a, A)).map((a) => a.id)).toEqual(["member-a", "lead-a", "coordinator"]);
    expect(everyone.filter((a) => allowPropose(a, null))).toHaveLength(everyone.length);
    expect(everyone.filter((a) => allow(a, "vote", open(), now)).map((a) => a.id)).toEqual(["member-a", "lead-a"]);
    expect(everyone.filter((a) => allow(a, "vote", open({ voters: "cop" }), now))).toHaveLength(everyone.length);
    // Past its closing time nobody votes, whether or not the job has closed it yet.
    expect(allow(memberA, "vote", open(), new Date("2027-01-11T12:00:00Z"))).toBe(false);
  });

  it("lets the proposer and the group's leads (and coordinators) close early and write the outcome once closed", () => {
    expect(everyone.filter((a) => allow(a, "close", open(), now)).map((a) => a.id)).toEqual(["member-a", "lead-a", "coordinator"]);
    const closed = open({ closedAt: now, proposerId: memberB.id });
    expect(everyone.filter((a) => allow(a, "writeOutcome", closed, now)).map((a) => a.id)).toEqual(["lead-a", "member-b", "coordinator"]);
    expect(allow(leadA, "writeOutcome", open(), now)).toBe(false);
  });

  it("hides results until close unless live, and never shows who voted what in an anonymous poll", () => {
    expect(allow(memberA, "seeResults", open(), now)).toBe(false);
    expect(allow(memberA, "seeResults", open({ resultsLive: true }), now)).toBe(true);
    expect(allow(memberA, "seeResults", open({ closedAt: now }), now)).toBe(true);
    expect(allow(coordinator, "seeVotes", open({ closedAt: now, kind: "poll", isAnonymous: true }), now)).toBe(false);
  });

  it("lets only those who schedule the space's meetings turn a closed time poll into one", () => {
    const closed = open({ kind: "time-poll", closedAt: now });
    expect(everyone.filter((a) => allow(a, "schedule", closed, now)).map((a) => a.id)).toEqual(["lead-a", "mel", "coordinator"]);
    expect(allow(leadA, "schedule", open({ kind: "time-poll" }), now)).toBe(false);
  });
});
