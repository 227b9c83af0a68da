// Bilingual content (titles, descriptions) is stored as column pairs: xEn and xFr.

/** Picks the reader's language from a bilingual pair of columns. */
export function localized<T extends object>(row: T, field: string, language: string): string {
  const value = (row as Record<string, unknown>)[`${field}${language === "fr" ? "Fr" : "En"}`];
  return typeof value === "string" ? value : "";
}
