// React side of translation. On the server the resources come from the locale files (through
// context, set in entry.server); in the browser from the versioned script the page loads before
// the app (window.__praxisI18n), so translations are never repeated in every page's data.
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { createContext, useContext, useMemo, useRef } from "react";
import { initReactI18next } from "react-i18next";
import type { Language } from "./i18n";

declare global {
  interface Window {
    __praxisI18n?: { language: Language; resources: Resource };
  }
}

const ServerResources = createContext<Resource | null>(null);
export const ServerResourcesProvider = ServerResources.Provider;

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

/** One i18next instance per page life. */
export function useI18nInstance(language: Language): I18n {
  const serverResources = useContext(ServerResources);
  const ref = useRef<I18n | null>(null);
  return useMemo(() => {
    const resources = serverResources ?? (typeof window !== "undefined" ? window.__praxisI18n?.resources : undefined) ?? {};
    if (!resources[language] && typeof window !== "undefined") {
      // The language changed in place (a saved profile): load the page again in the new one.
      window.location.reload();
    }
    if (!ref.current || ref.current.language !== language) ref.current = build(language, resources);
    return ref.current;
  }, [language, serverResources]);
}
