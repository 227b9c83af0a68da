// The review phases of a blind first round: what one reviewer may see of one application.
import { describe, expect, it } from "vitest";
import { mayScore, reviewerSees, reviewPhase } from "./applications";

const reviewer = { id: "r1", role: "member", memberships: [] };
const coordinator = { id: "c1", role: "coordinator", memberships: [] };
const blind = { blindFirstRound: true, blindRoundClosedAt: null };
const closed = { blindFirstRound: true, blindRoundClosedAt: new Date() };
const open = { blindFirstRound: false, blindRoundClosedAt: null };
const at = new Date();
const none = { conflictDeclaredAt: null, noConflictDeclaredAt: null, submittedAt: null };

describe("reviewPhase", () => {
  it("walks a reviewer through a blind round: names, then blind answers, then identity once scored", () => {
    expect(reviewPhase(reviewer, blind, null)).toBe("declare");
    expect(reviewPhase(reviewer, blind, { ...none, noConflictDeclaredAt: at })).toBe("blind");
    expect(reviewPhase(reviewer, blind, { ...none, noConflictDeclaredAt: at, submittedAt: at })).toBe("identified");
    expect(reviewPhase(reviewer, blind, { ...none, conflictDeclaredAt: at })).toBe("recused");
    // Scored before the round was made blind: the name was seen then.
    expect(reviewPhase(reviewer, blind, { ...none, submittedAt: at })).toBe("identified");
  });

  it("shows identity to everyone once the round is closed, and always without a blind round", () => {
    expect(reviewPhase(reviewer, closed, null)).toBe("identified");
    expect(reviewPhase(reviewer, open, null)).toBe("identified");
    expect(reviewPhase(reviewer, closed, { ...none, conflictDeclaredAt: at })).toBe("recused");
  });

  it("hides nothing from the coordinator, who holds the whole file", () => {
    expect(reviewPhase(coordinator, blind, null)).toBe("identified");
  });

  it("says what each phase shows", () => {
    expect(reviewerSees("declare")).toEqual({ name: true, identity: false, answers: false });
    expect(reviewerSees("blind")).toEqual({ name: false, identity: false, answers: true });
    expect(reviewerSees("identified")).toEqual({ name: true, identity: true, answers: true });
    expect(reviewerSees("recused")).toEqual({ name: false, identity: false, answers: false });
  });

  it("makes scores final once sent in a blind round, not otherwise", () => {
    const scored = { ...none, noConflictDeclaredAt: at, submittedAt: at };
    expect(mayScore(reviewer, blind, null)).toBe(false);
    expect(mayScore(reviewer, blind, { ...none, noConflictDeclaredAt: at })).toBe(true);
    expect(mayScore(reviewer, blind, scored)).toBe(false);
    expect(mayScore(reviewer, open, { ...none, submittedAt: at })).toBe(true);
  });
});
