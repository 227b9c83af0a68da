// Translated text for islands: the server renders the templates (from locales/) into a
// `data-strings` attribute; islands fill them in. No translation library travels to the phone.

export type Templates = Record<string, string | Record<string, string>>;

export function readTemplates(element: HTMLElement): Templates {
  try {
    return JSON.parse(element.dataset.strings ?? "{}") as Templates;
  } catch {
    return {};
  }
}

/** `{{name}}` placeholders filled; a plural template picks its form by `count` and the page's language. */
export function fill(templates: Templates, key: string, values: Record<string, string | number> = {}): string {
  const entry = templates[key];
  if (entry === undefined) return "";
  let template: string;
  if (typeof entry === "string") template = entry;
  else {
    const form = new Intl.PluralRules(document.documentElement.lang || "en").select(Number(values.count ?? 0));
    template = entry[form] ?? entry.other ?? "";
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}
