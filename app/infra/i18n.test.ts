import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseLanguage, languageFromAcceptLanguage } from "./i18n";

function keysOf(dir: string): string[] {
  const keys: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const walk = (value: unknown, path: string) => {
      if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      else keys.push(`${file}:${path}`);
    };
    walk(JSON.parse(readFileSync(join(dir, file), "utf8")), "");
  }
  return keys.sort();
}

describe("locales", () => {
  it("have identical key sets in English and French", () => {
    const en = keysOf("locales/en");
    const fr = keysOf("locales/fr");
    expect(fr.filter((key) => !en.includes(key)), "only in French").toEqual([]);
    expect(en.filter((key) => !fr.includes(key)), "only in English").toEqual([]);
  });

  it("have no empty strings", () => {
    for (const language of ["en", "fr"]) {
      for (const file of readdirSync(`locales/${language}`)) {
        expect(readFileSync(`locales/${language}/${file}`, "utf8"), `${language}/${file}`).not.toMatch(/:\s*""/);
      }
    }
  });
});

describe("choosing the reader's language", () => {
  it("prefers the member's own choice over everything", () => {
    expect(chooseLanguage({ memberPreference: "fr", cookie: "en", acceptLanguage: "en" })).toBe("fr");
  });
  it("then the lng cookie", () => {
    expect(chooseLanguage({ memberPreference: null, cookie: "fr", acceptLanguage: "en-GB,en" })).toBe("fr");
  });
  it("then the browser's Accept-Language, by quality", () => {
    expect(chooseLanguage({ acceptLanguage: "es-CO,es;q=0.9,fr;q=0.8,en;q=0.7" })).toBe("fr");
    expect(languageFromAcceptLanguage("fr-SN;q=0.4, en;q=0.6")).toBe("en");
  });
  it("else English, and ignores unsupported or malformed values", () => {
    expect(chooseLanguage({ memberPreference: "de", cookie: "xx", acceptLanguage: "pt-BR" })).toBe("en");
    expect(chooseLanguage({ acceptLanguage: ";;;,q=" })).toBe("en");
  });
});
