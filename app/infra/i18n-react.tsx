// React side of translation: one i18next instance built from the resources the root loader
// sent, so server and browser render the same strings without fetching locale files.
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { useMemo, useRef } from "react";
import { initReactI18next } from "react-i18next";
import type { Language } from "./i18n";

function build(language: Language, resources: Resource): I18n {
  const instance = createInstance();
  instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources,
    defaultNS: "common",
    ns: Object.keys(resources[language] ?? {}),
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    initAsync: false,
  });
  return instance;
}

/** Keeps one instance per page life; switches language in place when the loader says so. */
export function useI18nInstance(language: Language, resources: Resource): I18n {
  const ref = useRef<I18n | null>(null);
  return useMemo(() => {
    if (!ref.current) {
      ref.current = build(language, resources);
    } else if (ref.current.language !== language) {
      for (const [ns, bundle] of Object.entries(resources[language] ?? {})) {
        ref.current.addResourceBundle(language, ns, bundle, true, true);
      }
      void ref.current.changeLanguage(language);
    }
    return ref.current;
  }, [language, resources]);
}
