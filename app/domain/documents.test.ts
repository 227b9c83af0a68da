import { describe, expect, it } from "vitest";
import { autoVersionsToDrop, parseDocumentId } from "./documents.server";

describe("document ids (as the README lists them)", () => {
  it("name a group's core documents", () => {
    expect(parseDocumentId("workplan.rooting-care")).toEqual({ kind: "workplan", groupSlug: "rooting-care" });
    expect(parseDocumentId("learning-questions.practising-accountability")).toEqual({ kind: "learning-questions", groupSlug: "practising-accountability" });
  });
  it("name meeting texts per language", () => {
    expect(parseDocumentId("minutes.abc123.fr")).toEqual({ kind: "minutes", meetingId: "abc123", language: "fr" });
    expect(parseDocumentId("agenda.abc123.de")).toBeNull();
  });
  it("refuse anything else", () => {
    for (const id of ["", "workplan", "workplan.", "workplan.a.b", "doc.../etc", "x".repeat(200), "notes.rooting-care"]) {
      expect(parseDocumentId(id), id).toBeNull();
    }
  });
});

describe("automatic versions, thinned with age", () => {
  const now = new Date("2027-03-10T12:00:00Z");
  const at = (hoursAgo: number, id = `v${hoursAgo}`) => ({ id, createdAt: new Date(now.getTime() - hoursAgo * 3_600_000) });
  it("keeps every version of the last day", () => {
    expect(autoVersionsToDrop([at(0.1), at(0.2), at(5), at(23)], now)).toEqual([]);
  });
  it("keeps the newest of each hour for a week, then the newest of each day", () => {
    // 30.2 h and 30.5 h ago fall in the same hour; 10 and 10.5 days ago in the same day.
    const drop = autoVersionsToDrop([at(30.2, "a"), at(30.5, "b"), at(31.5, "c"), at(240, "d"), at(252, "e"), at(24 * 12, "f")], now);
    expect(drop.sort()).toEqual(["b", "e"]);
  });
});
