// Accent folding and snippets: what search matches and how the match is shown.
import { describe, expect, it } from "vitest";
import { fold, queryWords, snippet } from "./library-search.server";

describe("queryWords", () => {
  it("folds accents and case, drops one-letter words and search syntax", () => {
    expect(queryWords("Équité  ET   soins")).toEqual(["equite", "et", "soins"]);
    expect(queryWords('"care" OR a* NEAR(x)')).toEqual(["care", "or", "near"]);
    expect(queryWords("")).toEqual([]);
  });
  it("keeps at most eight words", () => {
    expect(queryWords("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10")).toHaveLength(8);
  });
});

describe("snippet", () => {
  it("marks accented words matched by unaccented queries, keeping the original text", () => {
    const parts = snippet("La redevabilité commence par l'équité dans la décision.", queryWords("equite decision"))!;
    expect(parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(["équité", "décision"]);
    expect(parts.map((p) => p.text).join("")).toBe("La redevabilité commence par l'équité dans la décision.");
  });
  it("matches word starts only, and centres on the first match in long text", () => {
    const long = `${"filler words here ".repeat(40)}the caretaker met the care circle ${"more text ".repeat(40)}`;
    const parts = snippet(long, ["care"])!;
    expect(parts[0].text).toBe("… ");
    expect(parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(["caretaker", "care"]);
    expect(snippet("scared", ["care"])).toBeNull();
  });
  it("keeps positions right when folding would change the text's length", () => {
    const text = "Cafe\u0301 et équité"; // a decomposed é before a composed one
    const parts = snippet(text, ["equite"])!;
    expect(parts.find((p) => p.isMatch)?.text).toBe("équité");
    expect(fold("ÉQUITÉ")).toBe("equite");
  });
});
