// A blind round hides the applicant's name, organisation and country: inside their free-text
// answers too, wherever those stand as whole words, whatever the case or accents.
import { describe, expect, it } from "vitest";
import { HIDDEN_WORD, reviewerView, withoutWords, type ReviewableRow } from "~/domain/applications/reviewer-view.server";
import type { Actor } from "~/domain/permissions";

const H = HIDDEN_WORD;

describe("withoutWords", () => {
  it("takes out whole words and phrases, case and accents aside, and leaves parts of other words", () => {
    expect(withoutWords("I coordinate RAINBOW youth kampala's peer circles.", ["Rainbow Youth Kampala"])).toBe(`I coordinate ${H}'s peer circles.`);
    expect(withoutWords("Desde Mérida y MERIDA, con Meridians.", ["Merida"])).toBe(`Desde ${H} y ${H}, con Meridians.`);
    expect(withoutWords("Amani Otieno here; Otieno is my family name. Amanita is not.", ["Amani Otieno", "Amani", "Otieno"])).toBe(
      `${H} here; ${H} is my family name. Amanita is not.`,
    );
    expect(withoutWords("Rainbow\nYouth  Kampala", ["Rainbow Youth Kampala"])).toBe(H);
  });

  it("leaves the text as it is when nothing is to be hidden or a phrase is too short to identify", () => {
    expect(withoutWords("Nothing to hide here.", [])).toBe("Nothing to hide here.");
    expect(withoutWords("Al and Jo ran it.", ["Al", "Jo", " "])).toBe("Al and Jo ran it.");
    expect(withoutWords("Special (chars) [ok]?", ["(chars)"])).toBe(`Special ${H} [ok]?`);
  });
});

describe("reviewerView in a blind round", () => {
  const row: ReviewableRow = {
    id: "a1", reference: "APP-1", stage: "submitted", name: "Amani Otieno", country: "Kenya", region: "africa", organisation: "Rainbow Youth Kampala",
    experience: "Amani has led Rainbow Youth Kampala since 2019.", motivation: "To bring care practices home to Kenya.", learningGoals: "Otieno family circles.",
    preferredGroupId: null, workingLanguages: "en", capacity: "4", capacityNote: "", notAdvisoryMember: true, notAllianceStaff: true, notPreviousCop: true,
    conflictOfInterest: "", submittedAt: new Date(), erasedAt: null, tokenHash: "hash",
  };
  const reviewer = { id: "r1", role: "member", memberships: [] } as unknown as Actor;

  it("hides them in the answers while the round is blind, and shows the answers whole once it is not", () => {
    const blind = reviewerView(reviewer, { blindFirstRound: true, blindRoundClosedAt: null }, row, { conflictDeclaredAt: null, noConflictDeclaredAt: new Date(), submittedAt: null });
    if (blind.phase !== "blind") throw new Error(`expected a blind view, got ${blind.phase}`);
    expect(blind.application.experience).toBe(`${H} has led ${H} since 2019.`);
    expect(blind.application.motivation).toBe(`To bring care practices home to ${H}.`);
    expect(blind.application.learningGoals).toBe(`${H} family circles.`);

    const open = reviewerView(reviewer, { blindFirstRound: false, blindRoundClosedAt: null }, row, null);
    if (open.phase !== "identified") throw new Error(`expected an identified view, got ${open.phase}`);
    expect(open.application.experience).toBe(row.experience);
  });
});
