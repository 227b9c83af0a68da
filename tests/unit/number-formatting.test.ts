// Numbers and plurals as each language writes them: "Moyenne 4,17", "1 fil actif", "1 thread active".
import { describe, expect, it } from "vitest";
import { formatDecimal } from "~/infra/numbers";
import { formatMoney } from "~/domain/money";
import { translatorFor } from "~/infra/i18n.server";

describe("numbers per locale", () => {
  it("writes a mean score with the locale's decimal separator", async () => {
    expect(formatDecimal(4.1666, "fr-FR")).toBe("4,17");
    expect(formatDecimal(4.1666, "en-GB")).toBe("4.17");
    expect(formatDecimal(4, "fr-FR")).toBe("4,00");
    const fr = await translatorFor("fr");
    expect(fr("applications:review.meanOf", { mean: formatDecimal(4.1666, "fr-FR") })).toBe("Moyenne 4,17");
  });

  it("writes money with the locale's separators", () => {
    expect(formatMoney(123_456, "EUR", "fr-FR").replace(/\s/g, " ")).toBe("1 234,56 €");
    expect(formatMoney(123_456, "EUR", "en-GB")).toBe("€1,234.56");
  });
});

describe("plural forms", () => {
  it("says 1 thread / 1 fil, and 0 fil in French", async () => {
    const en = await translatorFor("en");
    const fr = await translatorFor("fr");
    const counts = (t: typeof en, threads: number, posts: number) =>
      t("mel:facts.discussionCounts", { threads: t("mel:facts.threadsActive", { count: threads }), posts: t("mel:facts.postsCount", { count: posts }) });
    expect(counts(en, 1, 1)).toBe("1 thread active, 1 post");
    expect(counts(en, 2, 5)).toBe("2 threads active, 5 posts");
    expect(counts(fr, 1, 1)).toBe("1 fil actif, 1 message");
    expect(counts(fr, 0, 3)).toBe("0 fil actif, 3 messages");
    expect(fr("applications:list.recusedCount", { count: 2 })).toBe("2 récusations");
    expect(fr("applications:list.recusedCount", { count: 1 })).toBe("1 récusation");
  });
});
