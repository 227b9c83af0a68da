// Page titles for library routes, in the reader's language (from the root loader's translations).
export function libraryMeta(matches: ReadonlyArray<{ data?: unknown } | undefined>, key: string, fallback?: string) {
  const root = matches[0]?.data as { language?: string; resources?: Record<string, Record<string, unknown>> } | undefined;
  const strings = root?.resources?.[root.language ?? "en"]?.library as Record<string, unknown> | undefined;
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);
  const title = fallback ?? (typeof value === "string" ? value : "");
  return [{ title: title ? `${title} · Praxis` : "Praxis" }];
}
