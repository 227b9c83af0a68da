import { describe, expect, it } from "vitest";
import { readBallot, type Ballot } from "./mail-ballot";

const options = ["a", "b", "c"].map((id) => ({ id, labelEn: id.toUpperCase(), labelFr: id.toUpperCase(), startsAt: null }));
const poll = (pollType: string): Ballot => ({ kind: "poll", pollType, scoreMax: 5, options });

describe("reading a vote from an email reply", () => {
  it("reads a proposal's position by number or word, in English or French, with its reason", () => {
    const proposal: Ballot = { kind: "proposal", pollType: "", scoreMax: 0, options: [] };
    expect(readBallot("1", proposal)).toEqual({ position: "agree", reason: "" });
    expect(readBallot("Block: this names a member\nwho is at risk", proposal)).toEqual({ position: "block", reason: "this names a member\nwho is at risk" });
    expect(readBallot("d'accord", proposal)).toEqual({ position: "agree", reason: "" });
    expect(readBallot("contre, le budget est trop court", proposal)).toEqual({ position: "disagree", reason: "le budget est trop court" });
    expect(readBallot("4 Not safe", proposal)).toEqual({ position: "block", reason: "Not safe" });
    expect(readBallot("5", proposal)).toBeNull();
    expect(readBallot("perhaps later", proposal)).toBeNull();
  });

  it("reads numbered choices for single, multiple and ranked polls, refusing unknown numbers", () => {
    expect(readBallot("2", poll("single"))).toEqual({ options: ["b"] });
    expect(readBallot("1, 3", poll("multiple"))).toEqual({ options: ["a", "c"] });
    expect(readBallot("3 1 2", poll("ranked"))).toEqual({ ranking: ["c", "a", "b"] });
    expect(readBallot("4", poll("single"))).toBeNull();
    expect(readBallot("the second one", poll("single"))).toBeNull();
  });

  it("reads scores and time-poll answers in both languages", () => {
    expect(readBallot("1=4, 2=0", poll("score"))).toEqual({ scores: { a: 4, b: 0 } });
    const timePoll: Ballot = { kind: "time-poll", pollType: "", scoreMax: 0, options };
    expect(readBallot("1 yes, 2 si besoin, 3 non", timePoll)).toEqual({ answers: { a: "yes", b: "maybe", c: "no" } });
    expect(readBallot("1 oui 2 maybe", timePoll)).toEqual({ answers: { a: "yes", b: "maybe" } });
    expect(readBallot("9 yes", timePoll)).toBeNull();
  });
});
