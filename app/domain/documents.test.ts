import { describe, expect, it } from "vitest";
import { parseDocumentId } from "./documents.server";

describe("document ids (CONTRACTS.md)", () => {
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
