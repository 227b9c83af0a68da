import { describe, expect, it } from "vitest";
import { missingParagraphs } from "~/ui/editor/collab-notices";

describe("the text the server refused", () => {
  it("is the paragraphs this device holds that the stored document does not", () => {
    expect(missingParagraphs("Intro\nHow do we rest? Typed late.\nWho decides?", "Intro\nHow do we rest?\nWho decides?")).toBe("How do we rest? Typed late.");
    expect(missingParagraphs("Same\nSame", "Same")).toBe("Same");
    expect(missingParagraphs("Nothing new", "Nothing new")).toBe("");
  });
});
