// Post bodies: a small Markdown subset rendered to HTML that can only contain allow-listed
// markup. Safety comes from construction, not from cleaning: every character of the source is
// HTML-escaped first, and the renderer itself emits only the tags below, so no markup a member
// types (or crafts) can reach a reader. Allowed output: p, br, strong, em, ul, ol, li,
// blockquote, a (http, https, mailto; rel="noopener noreferrer nofollow"), span.mention.
// No images or any other remote content. Pure and browser-safe.

export const MAX_BODY_LENGTH = 20_000;

export interface RenderOptions {
  /** Resolves an @mention (the text after @, without brackets) to a display name, or null. */
  resolveMention?: (name: string) => string | null;
}

export type RenderResult = { ok: true; html: string; mentions: string[] } | { ok: false; error: string };

const LINK_REL = "noopener noreferrer nofollow";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Only absolute web and mail links; anything else (javascript:, data:, relative tricks) is refused. */
export function isAllowedUrl(url: string): boolean {
  if (url.length > 2000 || /[\s<>"]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" || parsed.protocol === "mailto:";
  } catch {
    return false;
  }
}

// Control characters other than tab and newlines have no business in a post.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Checks and renders a body. Errors are locale keys. */
export function renderRichText(source: string, options: RenderOptions = {}): RenderResult {
  const text = source.replace(/\r\n?/g, "\n").trim();
  if (!text) return { ok: false, error: "discussions:errors.bodyRequired" };
  if (text.length > MAX_BODY_LENGTH) return { ok: false, error: "discussions:errors.bodyTooLong" };
  if (CONTROL.test(text)) return { ok: false, error: "discussions:errors.bodyMalformed" };
  const mentions: string[] = [];
  const context = { options, mentions, badLink: false };
  const html = renderBlocks(text.split("\n"), context, 0);
  if (context.badLink) return { ok: false, error: "discussions:errors.badLink" };
  return { ok: true, html, mentions: [...new Set(mentions)] };
}

interface Context {
  options: RenderOptions;
  mentions: string[];
  badLink: boolean;
}

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

function renderBlocks(lines: string[], context: Context, depth: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < 3) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) inner.push(QUOTE.exec(lines[i])![1]), i++;
      out.push(`<blockquote>${renderBlocks(inner, context, depth + 1)}</blockquote>`);
      continue;
    }
    const list = BULLET.test(line) ? { tag: "ul", pattern: BULLET } : NUMBERED.test(line) ? { tag: "ol", pattern: NUMBERED } : null;
    if (list) {
      const items: string[] = [];
      while (i < lines.length && lines[i].trim()) {
        const match = list.pattern.exec(lines[i]);
        if (match) items.push(match[1]);
        else if (items.length && /^\s+/.test(lines[i])) items[items.length - 1] += ` ${lines[i].trim()}`;
        else break;
        i++;
      }
      out.push(`<${list.tag}>${items.map((item) => `<li>${renderInline(item, context)}</li>`).join("")}</${list.tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() && !QUOTE.test(lines[i]) && !BULLET.test(lines[i]) && !NUMBERED.test(lines[i])) {
      paragraph.push(lines[i].trim());
      i++;
    }
    out.push(`<p>${paragraph.map((part) => renderInline(part, context)).join("<br>")}</p>`);
  }
  return out.join("");
}

// Inline: [text](url), bare http(s) links, @mentions, **bold**, *italic* / _italic_.
// Links and mentions are cut out first (their text must not be re-parsed as markup).
const INLINE_TOKEN = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)|(https?:\/\/[^\s<>()"']+[^\s<>().,;:!?'"])|@\[([^\]\n]{1,60})\]|(?<![\w@])@([\p{L}\p{N}](?:[\p{L}\p{N}._-]{0,58}[\p{L}\p{N}])?)/gu;

function renderInline(text: string, context: Context): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(INLINE_TOKEN)) {
    out += emphasis(escapeHtml(text.slice(last, match.index)));
    last = match.index! + match[0].length;
    const [whole, linkText, linkUrl, bareUrl, bracketName, plainName] = match;
    if (linkText !== undefined) {
      if (!isAllowedUrl(linkUrl)) {
        context.badLink = true;
        out += escapeHtml(whole);
      } else {
        out += `<a href="${escapeHtml(linkUrl)}" rel="${LINK_REL}">${emphasis(escapeHtml(linkText))}</a>`;
      }
    } else if (bareUrl !== undefined) {
      out += isAllowedUrl(bareUrl) ? `<a href="${escapeHtml(bareUrl)}" rel="${LINK_REL}">${escapeHtml(bareUrl)}</a>` : escapeHtml(bareUrl);
    } else {
      const name = (bracketName ?? plainName).trim();
      const resolved = context.options.resolveMention?.(name) ?? null;
      if (resolved) {
        context.mentions.push(resolved);
        out += `<span class="mention">@${escapeHtml(resolved)}</span>`;
      } else {
        out += escapeHtml(whole);
      }
    }
  }
  return out + emphasis(escapeHtml(text.slice(last)));
}

/** Bold and italic over already-escaped text (the markers are not special in HTML). */
function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([^*]+?)(?<=\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, "<em>$1</em>")
    .replace(/(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])/g, "<em>$1</em>");
}

/** Mention names a body refers to (before resolving), for the server to look up in one query. */
export function mentionCandidates(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(INLINE_TOKEN)) {
    const name = match[4] ?? match[5];
    if (name) names.add(name.trim());
  }
  return [...names];
}

/** Plain text of a body, for email excerpts (only when a member opted in to content). */
export function plainExcerpt(source: string, length = 280): string {
  const flat = source.replace(/[*_>#]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
