// The templates an island needs, taken from the same translations the page renders with, so
// the live script carries no strings of its own (see app/islands/strings.ts).
import type { i18n as I18n } from "i18next";

/** Keys in "ns:key" form; a plural key (with _one/_other forms) becomes an object of its forms. */
export function liveStrings(i18n: I18n, keys: Record<string, string>): string {
  const language = i18n.language;
  const out: Record<string, string | Record<string, string>> = {};
  for (const [name, qualified] of Object.entries(keys)) {
    const [ns, key] = qualified.includes(":") ? qualified.split(":", 2) : ["common", qualified];
    const plain = i18n.getResource(language, ns, key) as unknown;
    if (typeof plain === "string") {
      out[name] = plain;
      continue;
    }
    const forms: Record<string, string> = {};
    for (const form of ["zero", "one", "two", "few", "many", "other"]) {
      const value = i18n.getResource(language, ns, `${key}_${form}`) as unknown;
      if (typeof value === "string") forms[form] = value;
    }
    out[name] = forms;
  }
  return JSON.stringify(out);
}
