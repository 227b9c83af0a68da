// Library vocabulary shared by the server and the browser: the lists forms offer.
export const RESOURCE_TYPES = ["report", "article", "toolkit", "guide", "video", "podcast", "template", "other"] as const;
export const RESOURCE_LANGUAGES = ["en", "fr", "other"] as const;
export const VISIBILITIES = ["community", "group", "sensitive"] as const;
export const SORTS = ["relevance", "newest", "oldest", "title"] as const;
export const DEFAULT_MAX_UPLOAD_MB = 25;
/** The coordinator may raise the limit this far: files are held in memory while being cleaned. */
export const MAX_UPLOAD_MB_CEILING = 200;

export type ResourceType = (typeof RESOURCE_TYPES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

/** Human-readable size ("2.4 MB") in the reader's language. */
export function formatBytes(bytes: number, language: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const label = language === "fr" ? ["o", "Ko", "Mo", "Go"][unit] : units[unit];
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${label}`;
}
