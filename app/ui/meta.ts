// Page titles from the translations the root loader sent (meta functions have no i18n hook).
export function translatedTitle(matches: ReadonlyArray<{ data?: unknown } | undefined>, namespace: string, key: string, prefix = ""): string {
  const root = matches[0]?.data as { language?: string; resources?: Record<string, Record<string, unknown>> } | undefined;
  const language = root?.language ?? "en";
  let value: unknown = root?.resources?.[language]?.[namespace];
  for (const part of key.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  const title = typeof value === "string" ? value : "";
  return [prefix, title, "Praxis"].filter(Boolean).join(" · ");
}
