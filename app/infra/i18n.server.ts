// Server-side translation: the locale files, bundled into the server build, and per-request t().
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
