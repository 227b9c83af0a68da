// Reading Tiptap's Yjs XML without a browser (sanitised HTML, sections, questions) and the plan
// rules shared by the editor and the server (amounts, totals, SMART check).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { heading, numberedItemsOf, orderedList, paragraph, renderHtml, sectionsOf } from "~/domain/document-content.server";
import { compareBlocks } from "~/domain/documents.server";
import { budgetTotals, hasDate, hasMeasure, parseAmountToCents, smartCheck } from "~/domain/plans";

function docWith(build: (fragment: Y.XmlFragment) => void): Y.Doc {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("default"));
  return doc;
}

describe("rendering a document to HTML", () => {
  it("renders headings, lists and marks, escaping text and dropping unsafe links and unknown nodes", () => {
    const doc = docWith((fragment) => {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      p.insert(0, [text]);
      fragment.insert(0, [heading("Goals <b>"), p, orderedList([["One"], ["Two", "Deux"]])]);
      text.insert(0, "bold", { bold: {} });
      text.insert(4, " safe", { link: { href: "https://example.org/a?b=1&c=2" } });
      text.insert(9, " evil", { link: { href: "javascript:alert(1)" } });
      const script = new Y.XmlElement("script");
      script.insert(0, [new Y.XmlText("alert(2)")]);
      fragment.insert(3, [script]);
    });
    expect(renderHtml(doc)).toBe(
      '<h2>Goals &lt;b&gt;</h2><p><strong>bold</strong><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow"> safe</a> evil</p>' +
        "<ol><li><p>One</p></li><li><p>Two</p><p>Deux</p></li></ol>alert(2)",
    );
  });

  it("splits sections under headings and reads numbered items as questions with translations", () => {
    const doc = docWith((fragment) =>
      fragment.insert(0, [paragraph("Intro"), heading("Objectives"), paragraph("Train 10 people by May"), orderedList([["Q1?", "Q1 ?"], [""], ["Q2?"]])]),
    );
    expect(sectionsOf(doc)).toEqual([
      { heading: "", text: "Intro" },
      { heading: "Objectives", text: "Train 10 people by May\nQ1?\nQ1 ?\n\nQ2?" },
    ]);
    expect(numberedItemsOf(doc)).toEqual([
      { text: "Q1?", translation: "Q1 ?" },
      { text: "Q2?", translation: "" },
    ]);
  });

  it("compares blocks: what was added and removed since a version", () => {
    const before = [{ type: "paragraph", text: "a" }, { type: "paragraph", text: "b" }];
    const after = [{ type: "paragraph", text: "a" }, { type: "paragraph", text: "c" }];
    expect(compareBlocks(before, after).map((c) => `${c.change}:${c.block.text}`)).toEqual(["same:a", "removed:b", "added:c"]);
  });
});

describe("plan rules", () => {
  it("parses amounts to integer cents and refuses anything else", () => {
    expect(parseAmountToCents("1200")).toBe(120000);
    expect(parseAmountToCents("1 200,5")).toBe(120050);
    expect(parseAmountToCents("0.07")).toBe(7);
    expect(parseAmountToCents("-3")).toBeNull();
    expect(parseAmountToCents("12.345")).toBeNull();
    expect(parseAmountToCents("ten")).toBeNull();
  });

  it("totals budget lines per category", () => {
    expect(budgetTotals([{ category: "travel", amountCents: 100 }, { category: "travel", amountCents: 50 }, { category: "other", amountCents: 1 }])).toEqual({
      total: 151,
      byCategory: { travel: 150, other: 1 },
    });
  });

  it("flags objectives without a measurable result or a date, in English and French", () => {
    expect(hasDate("by March 2027")).toBe(true);
    expect(hasDate("d’ici juin")).toBe(true);
    expect(hasDate("soon")).toBe(false);
    expect(hasMeasure("train 12 people")).toBe(true);
    expect(hasMeasure("by 2027-03-01")).toBe(false);
    const check = smartCheck([
      { heading: "Objectives", text: "Train 12 facilitators by March 2027\nBuild trust\nPublish 1 guide" },
      { heading: "Objectifs secondaires", text: "Former 5 personnes en mai" },
      { heading: "Timeline", text: "No numbers here" },
    ]);
    expect(check.objectives).toBe(4);
    expect(check.flags).toEqual([
      { objective: "Build trust", missingMeasure: true, missingDate: true },
      { objective: "Publish 1 guide", missingMeasure: false, missingDate: true },
    ]);
  });
});
