// React side of translation. On the server the resources come from the locale files (through
// context, set in entry.server); in the browser from the versioned script the page loads before
// the app (window.__praxisI18n), so translations are never repeated in every page's data.
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { initReactI18next } from "react-i18next";
import type { Language } from "./i18n";

declare global {
  interface Window {
    __praxisI18n?: { language: Language; resources: Resource };
    __praxisI18nLoaded?: Resource;
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

const serverInstances = new Map<Language, I18n>();

/**
 * The shared server instance as react-i18next is given it: an object with no properties of its
 * own that reads everything from the instance. Each useTranslation() copies the own properties
 * of the instance it is given (42 of them) into a fresh wrapper, and a server render mounts
 * every component anew: that copying was a twentieth of a thread page's CPU. Nothing is ever
 * written to a server instance after it is built (its language never changes), so reading
 * through is the same.
 */
function readOnlyView(instance: I18n): I18n {
  const view = Object.create(instance) as I18n;
  view.getFixedT = rememberingFixedT(view, instance.getFixedT);
  return view;
}

/** Strings remembered per t(): keys come from the code, options vary (counts, names); a bound. */
const MAX_REMEMBERED = 4000;
const PLAIN = new Set(["string", "number", "boolean"]);

/**
 * What a call is remembered under: its key, and its options when they are plain values (a
 * count, a name); null for anything else (selectors, objects), which is translated every time.
 */
function rememberedAs(key: unknown, rest: unknown[]): string | null {
  if (typeof key !== "string") return null;
  if (rest.length === 0) return key;
  const options = rest[0];
  if (rest.length > 1 || typeof options !== "object" || options === null || Object.getPrototypeOf(options) !== Object.prototype) return null;
  for (const value of Object.values(options)) if (value !== null && value !== undefined && !PLAIN.has(typeof value)) return null;
  return `${key}\u0000${JSON.stringify(options)}`;
}

type AnyT = ((key: unknown, ...rest: unknown[]) => unknown) & { lng?: unknown; lngs?: unknown; ns?: unknown; keyPrefix?: unknown };

/**
 * The server's t() for one language and namespace, remembering what a call translates to.
 * Each component asks getFixedT for its t() on every render, and i18next's t() copies its
 * options and resolves the key each call: together a twentieth of a page's CPU, for strings
 * that never change on the server (its resources are never written to after it is built).
 */
function rememberingFixedT(view: I18n, getFixedT: I18n["getFixedT"]): I18n["getFixedT"] {
  const made = new Map<string, AnyT>();
  const original = getFixedT as unknown as (...args: unknown[]) => AnyT;
  return ((lng: unknown, ns?: unknown, keyPrefix?: unknown, fixedOpts?: { scopeNs?: unknown }) => {
    if (keyPrefix !== undefined && typeof keyPrefix !== "string") return original.call(view, lng, ns, keyPrefix, fixedOpts);
    const id = JSON.stringify([lng, ns, keyPrefix ?? null, fixedOpts?.scopeNs ?? null]);
    let remembering = made.get(id);
    if (!remembering) {
      const translate = original.call(view, lng, ns, keyPrefix, fixedOpts);
      const known = new Map<string, unknown>();
      const t: AnyT = (key, ...rest) => {
        const id = rememberedAs(key, rest);
        if (id === null) return translate(key, ...rest);
        if (known.has(id)) return known.get(id);
        const text = translate(key, ...rest);
        // The oldest goes first: a long-running server keeps the strings its pages use.
        if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value!);
        known.set(id, text);
        return text;
      };
      // What i18next hangs on its own fixed t(), for whoever reads it.
      remembering = Object.assign(t, { lng: translate.lng, lngs: translate.lngs, ns: translate.ns, keyPrefix: translate.keyPrefix });
      made.set(id, remembering);
    }
    return remembering;
  }) as unknown as I18n["getFixedT"];
}

/** Translations this page has loaded so far, by language (the bundle script adds one). */
function loadedResources(): Resource {
  const registry = (window.__praxisI18nLoaded ??= {});
  const current = window.__praxisI18n;
  if (current && !registry[current.language]) registry[current.language] = current.resources[current.language];
  return registry;
}

/**
 * One i18next instance for the page's language. When the language changes in place (after
 * signing in, or saving a profile), the other language's bundle is fetched once and the page
 * re-renders in it; until then it stays in the language it has.
 */
export function useI18nInstance(language: Language, bundlePath: string): I18n {
  const serverResources = useContext(ServerResources);
  const [, setLoadedCount] = useState(0);
  const ref = useRef<I18n | null>(null);
  const isBrowser = typeof window !== "undefined";
  const resources = serverResources ?? (isBrowser ? loadedResources() : {});
  const available = Boolean(resources[language]);

  useEffect(() => {
    if (available || !isBrowser) return;
    const script = document.createElement("script");
    script.src = bundlePath;
    script.nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
    script.onload = () => {
      loadedResources();
      setLoadedCount((count) => count + 1);
    };
    document.head.append(script);
  }, [available, bundlePath, isBrowser]);

  // On the server the resources never change: one instance per language serves every render.
  if (!isBrowser && available) {
    let shared = serverInstances.get(language);
    if (!shared) serverInstances.set(language, (shared = readOnlyView(build(language, { [language]: resources[language] }))));
    return shared;
  }
  if (available && (!ref.current || ref.current.language !== language)) {
    ref.current = build(language, { [language]: resources[language] });
  }
  ref.current ??= build(language, resources);
  return ref.current;
}
