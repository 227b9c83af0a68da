import { describe, expect, it } from "vitest";
import { choiceCounts, instantRunoff, isQuorumMet, proposalCounts, quorumNeeded, rankingFromKey, rankingKey, rankSlots, scoreResults, slotCounts } from "./counting";

describe("instant-runoff", () => {
  it("elects a first-round majority", () => {
    const result = instantRunoff(["a", "b", "c"], [{ ranking: ["a"] }, { ranking: ["a", "b"] }, { ranking: ["b"] }]);
    expect(result.winner).toBe("a");
    expect(result.rounds).toHaveLength(1);
  });

  it("transfers the eliminated option's ballots to their next preference", () => {
    const ballots = [
      { ranking: ["a", "c"], weight: 4 },
      { ranking: ["b", "c"], weight: 3 },
      { ranking: ["c", "b"], weight: 2 },
    ];
    const result = instantRunoff(["a", "b", "c"], ballots);
    expect(result.rounds[0].eliminated).toEqual(["c"]);
    expect(result.rounds[1].counts).toEqual({ a: 4, b: 5 });
    expect(result.winner).toBe("b");
  });

  it("breaks a tie for last place by the earlier round", () => {
    // Round 1: a 3, b 2, c 2, d 1 → d goes; its ballot moves to c. Round 2: a 3, b 2, c 3 → b goes.
    const ballots = [
      { ranking: ["a"], weight: 3 },
      { ranking: ["b", "a"], weight: 2 },
      { ranking: ["c"], weight: 2 },
      { ranking: ["d", "c"], weight: 1 },
    ];
    const result = instantRunoff(["a", "b", "c", "d"], ballots);
    expect(result.rounds[0].eliminated).toEqual(["d"]);
    expect(result.rounds[1].eliminated).toEqual(["b"]);
    expect(result.winner).toBe("a");
  });

  it("looks back to an earlier round when options tie for last", () => {
    // Round 1: a 4, b 3, c 2, d 2 (c and d tie, never differed) → both go together.
    // Round 2: c's ballots go to b, d's to a: a 6, b 5 → a wins.
    const ballots = [
      { ranking: ["a"], weight: 4 },
      { ranking: ["b"], weight: 3 },
      { ranking: ["c", "b"], weight: 2 },
      { ranking: ["d", "a"], weight: 2 },
    ];
    const result = instantRunoff(["a", "b", "c", "d"], ballots);
    expect(result.rounds[0].eliminated.sort()).toEqual(["c", "d"]);
    expect(result.winner).toBe("a");
  });

  it("declares a tie rather than inventing a winner when the last options are level", () => {
    const result = instantRunoff(["a", "b"], [{ ranking: ["a", "b"] }, { ranking: ["b", "a"] }]);
    expect(result.winner).toBeNull();
    expect(result.tied.sort()).toEqual(["a", "b"]);
  });

  it("eliminates options still tied for last together, as long as one option is left", () => {
    // Round 1: a 3, b 2, c 2, d 2 of 9, no majority. b, c and d tie with no earlier round to
    // tell them apart: all three go. Round 2: b's ballots move to a (5); c's and d's rank
    // nothing left and are exhausted: a has 5 of 5.
    const ballots = [
      { ranking: ["a"], weight: 3 },
      { ranking: ["b", "a"], weight: 2 },
      { ranking: ["c", "b"], weight: 2 },
      { ranking: ["d", "c"], weight: 2 },
    ];
    const result = instantRunoff(["a", "b", "c", "d"], ballots);
    expect(result.rounds[0].eliminated.sort()).toEqual(["b", "c", "d"]);
    expect(result.winner).toBe("a");
  });

  it("ignores unknown options and repeated ones, and counts exhausted ballots", () => {
    const result = instantRunoff(["a", "b", "c"], [{ ranking: ["x", "a", "a"] }, { ranking: ["b"] }, { ranking: ["c"] }, { ranking: ["c", "a"] }]);
    // Round 1: a 1, b 1, c 2 → a and b tie for last; both go; round 2: c 2 of 2 active.
    expect(result.rounds[1].exhausted).toBe(2);
    expect(result.winner).toBe("c");
  });

  it("has no winner without ballots", () => {
    expect(instantRunoff(["a"], [])).toEqual({ rounds: [], winner: null, tied: [] });
  });

  it("round-trips the anonymous tally's ranking key", () => {
    expect(rankingFromKey(rankingKey(["b", "a"]))).toEqual(["b", "a"]);
    expect(rankingFromKey("a")).toBeNull();
  });
});

describe("other counts", () => {
  it("counts positions, choices and scores", () => {
    expect(proposalCounts(["agree", "block", "agree", "nonsense"])).toEqual({ agree: 2, abstain: 0, disagree: 0, block: 1 });
    expect(choiceCounts(["a", "b"], [["a"], ["a", "b", "b"], ["z"]])).toEqual({ a: 2, b: 1 });
    expect(scoreResults(["a", "b"], [{ a: 5, b: 1 }, { a: 2 }])).toEqual({ a: { points: 7, count: 2, average: 3.5 }, b: { points: 1, count: 1, average: 1 } });
  });

  it("ranks time slots by yes, then if need be, then fewer people outside their day", () => {
    const counts = slotCounts(["s1", "s2", "s3"], [{ s1: "yes", s2: "yes", s3: "maybe" }, { s1: "maybe", s2: "yes", s3: "yes" }, { s1: "yes", s2: "no", s3: "yes" }]);
    expect(counts.s1).toEqual({ yes: 2, maybe: 1, no: 0 });
    const slots = [
      { id: "s1", startsAt: new Date("2027-03-01T10:00Z"), outside: 3 },
      { id: "s2", startsAt: new Date("2027-03-01T11:00Z"), outside: 0 },
      { id: "s3", startsAt: new Date("2027-03-01T12:00Z"), outside: 1 },
    ];
    // s1 and s3 both have 2 yes and 1 maybe: s3 is outside fewer people's day.
    expect(rankSlots(slots, counts)).toEqual(["s3", "s1", "s2"]);
  });

  it("works out a quorum as a count or a share", () => {
    expect(quorumNeeded({ kind: "", value: 0 }, 10)).toBe(0);
    expect(quorumNeeded({ kind: "count", value: 3 }, 10)).toBe(3);
    expect(quorumNeeded({ kind: "share", value: 50 }, 7)).toBe(4);
    expect(isQuorumMet({ kind: "share", value: 50 }, 3, 7)).toBe(false);
    expect(isQuorumMet({ kind: "count", value: 3 }, 3, 10)).toBe(true);
  });
});
