// Library vocabulary shared by the server and the browser: the lists forms offer.
export const RESOURCE_TYPES = ["report", "article", "toolkit", "guide", "video", "podcast", "image", "template", "other"] as const;
/** The "add" form's first type choice: the type is then taken from what was added (see typeForContent). */
export const TYPE_FROM_CONTENT = "from-content";
export const RESOURCE_LANGUAGES = ["en", "fr", "other"] as const;
export const VISIBILITIES = ["community", "group", "sensitive"] as const;
export const SORTS = ["relevance", "newest", "oldest", "title"] as const;
export const DEFAULT_MAX_UPLOAD_MB = 25;
/** The coordinator may raise the limit this far: files are held in memory while being cleaned. */
export const MAX_UPLOAD_MB_CEILING = 200;

export type ResourceType = (typeof RESOURCE_TYPES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * The type a new resource gets when the member leaves the choice to the content: a photo is an
 * image, a sound file a podcast, a PDF or text document a report, a link an article. Judged
 * from the sniffed type of the cleaned file on the server; the browser uses the same map on the
 * type it reports, to show the choice before sending.
 */
export function typeForContent(content: { kind: "link" } | { kind: "file"; mime: string }): ResourceType {
  if (content.kind === "link") return "article";
  const mime = content.mime.toLowerCase();
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("audio/")) return "podcast";
  if (mime.startsWith("video/")) return "video";
  if (mime === "application/pdf" || mime.includes("wordprocessingml") || mime === "application/vnd.oasis.opendocument.text" || mime === "application/msword") return "report";
  return "other";
}

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
