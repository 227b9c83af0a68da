// Server-side translation: the locale files, bundled into the server build, and per-request t().
import { createHash } from "node:crypto";
import { createInstance, type i18n as I18n, type Resource, type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./i18n";

const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", { eager: true });

/** resources[language][namespace] = the JSON of locales/<language>/<namespace>.json */
export const resources: Resource = Object.fromEntries(LANGUAGES.map((language) => [language, {}]));
for (const [path, module] of Object.entries(files)) {
  const match = /locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (match && resources[match[1]]) resources[match[1]][match[2]] = module.default;
}
export const namespaces = Object.keys(resources[DEFAULT_LANGUAGE]);

export async function createI18n(language: Language): Promise<I18n> {
  const instance = createInstance();
  await instance.init({
    lng: language,
    fallbackLng: false,
    ns: namespaces,
    defaultNS: "common",
    resources,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  return instance;
}

const fixed = new Map<Language, TFunction>();

/** A t() for one language, for server-side messages (errors, emails). */
export async function translatorFor(language: Language): Promise<TFunction> {
  let t = fixed.get(language);
  if (!t) {
    t = (await createI18n(language)).t;
    fixed.set(language, t);
  }
  return t;
}

/**
 * The browser's copy of one language's translations, as a small script that sets
 * `window.__praxisI18n`. Served from a versioned, immutable URL, so a phone downloads it once
 * and every later page costs nothing; pages that ship no JavaScript never load it.
 */
const bundles = new Map<Language, { version: string; body: string }>();

export function translationBundle(language: Language): { version: string; body: string; path: string } {
  let bundle = bundles.get(language);
  if (!bundle) {
    const json = JSON.stringify({ language, resources: { [language]: resources[language] } });
    const version = createHash("sha256").update(json).digest("hex").slice(0, 12);
    // JSON is valid JavaScript; "<" is escaped so the text can never close a script element.
    bundle = { version, body: `window.__praxisI18n=${json.replace(/</g, "\\u003c")};` };
    bundles.set(language, bundle);
  }
  return { ...bundle, path: `/i18n/${language}.${bundle.version}.js` };
}
