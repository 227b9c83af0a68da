// The pack island's strings, from locales/ (the pack.json namespace's "island" part), both
// languages: the offline page is the same for everyone, so the island picks by the member's
// language when the key was handed out, else the page's.
import en from "../../../locales/en/pack.json";
import fr from "../../../locales/fr/pack.json";
import type { Templates } from "../strings";
import { keptLanguage } from "./key";

export function packTemplates(): Templates {
  const language = document.documentElement.dataset.packLanguage || keptLanguage() || document.documentElement.lang;
  return (language === "fr" ? fr.island : en.island) as Templates;
}

export function packLanguage(): "en" | "fr" {
  const language = keptLanguage() || document.documentElement.lang;
  return language === "fr" ? "fr" : "en";
}
