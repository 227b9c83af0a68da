// Pure MEL rules: amounts typed by people, CSV quoting, the five CoP steps, honorarium months.
import { describe, expect, it } from "vitest";
import { csvField } from "~/domain/budget.server";
import { stagesFor } from "~/domain/cop-stages";
import { monthsBetween } from "~/domain/honoraria.server";
import { centsToDecimal, formatMoney, parseAmountToCents } from "~/domain/money";

describe("amounts", () => {
  it("reads what people type in either convention, as integer cents", () => {
    expect(parseAmountToCents("45.50")).toBe(4550);
    expect(parseAmountToCents("45,5")).toBe(4550);
    expect(parseAmountToCents("1 234,56")).toBe(123456);
    expect(parseAmountToCents("1.234,56")).toBe(123456);
    expect(parseAmountToCents("1,234.56")).toBe(123456);
    expect(parseAmountToCents("1,234")).toBe(123400);
    expect(parseAmountToCents("-12")).toBe(-1200);
    expect(parseAmountToCents("0.1")).toBe(10);
  });

  it("refuses what is not an amount", () => {
    for (const input of ["", "abc", "12e3", ".", "1.2.3x", "€12", "--3"]) expect(parseAmountToCents(input)).toBeNull();
  });

  it("writes plain decimals for finance and local currency for people", () => {
    expect(centsToDecimal(123456)).toBe("1234.56");
    expect(centsToDecimal(-5)).toBe("-0.05");
    expect(centsToDecimal(0)).toBe("0.00");
    expect(formatMoney(123456, "EUR", "fr-FR").replace(/\s/g, " ")).toBe("1 234,56 €");
    expect(formatMoney(123456, "EUR", "en-GB")).toBe("€1,234.56");
  });
});

describe("CSV fields", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("Forfaits de données")).toBe("Forfaits de données");
  });

  it("defuses what a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("the five steps", () => {
  const base = { hasLead: true, questionsStatus: "draft", outcomeForm: null, workplanStatus: "draft" };
  it("makes the first step not done the current one", () => {
    expect(stagesFor(base).map((s) => s.state)).toEqual(["done", "current", "upcoming", "upcoming", "upcoming"]);
    expect(stagesFor({ ...base, questionsStatus: "finalised", outcomeForm: "toolkit" }).map((s) => s.state)).toEqual(["done", "done", "done", "current", "upcoming"]);
  });
  it("puts an approved group in learning and sharing", () => {
    const stages = stagesFor({ hasLead: true, questionsStatus: "finalised", outcomeForm: "guide", workplanStatus: "approved" });
    expect(stages.at(-1)).toEqual({ stage: "sharing", state: "current" });
  });
  it("shows a later step done even while an earlier one is open", () => {
    const stages = stagesFor({ ...base, outcomeForm: "guide" });
    expect(stages.map((s) => s.state)).toEqual(["done", "current", "done", "upcoming", "upcoming"]);
  });
});

describe("honorarium months", () => {
  it("spans years", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsBetween("2026-11", "2026-11")).toEqual(["2026-11"]);
    expect(monthsBetween("2026-12", "2026-11")).toEqual([]);
  });
});
