// Languages Praxis speaks and how a reader's language is chosen. Shared by server and browser.

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
export const LANGUAGE_COOKIE = "lng";

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language in an Accept-Language header, by quality. */
export function languageFromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isSupportedLanguage) ?? null;
}

/** The member's preference, else the lng cookie, else Accept-Language, else English. */
export function chooseLanguage(input: {
  memberPreference?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Language {
  if (isSupportedLanguage(input.memberPreference)) return input.memberPreference;
  if (isSupportedLanguage(input.cookie)) return input.cookie;
  return languageFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}

export function otherLanguage(language: Language): Language {
  return language === "en" ? "fr" : "en";
}
