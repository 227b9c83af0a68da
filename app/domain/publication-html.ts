// The frozen text of a publication: a small tree parsed from HTML through a whitelist, written
// back as HTML or XHTML (EPUB), walked for the PDF, scanned for members' identities and fixed
// one hit at a time. One parser for every output keeps them saying the same thing.

export type HtmlNode = { type: "text"; text: string } | { type: "element"; tag: string; href?: string; children: HtmlNode[] };

const ALLOWED = new Set(["p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "u", "s", "code", "pre", "blockquote", "br", "hr", "table", "tr", "td", "th", "a"]);
const RENAMED: Record<string, string> = { h1: "h2", h5: "h4", h6: "h4", b: "strong", i: "em", strike: "s", del: "s" };
const VOID = new Set(["br", "hr"]);
const BLOCK = new Set(["p", "h2", "h3", "h4", "ul", "ol", "li", "pre", "blockquote", "hr", "table", "tr", "td", "th"]);
/** Elements whose content is never text (whitespace between their children is dropped). */
const CONTAINERS = new Set(["ul", "ol", "table", "tr"]);
/** Elements whose content is dropped entirely. */
const DROPPED = new Set(["script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"]);

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Only web and mail links survive; anything else (javascript:, data:, relative) is dropped. */
export function safeLink(href: string): string | null {
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function hrefOf(attributes: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  if (!match) return null;
  return safeLink(decodeEntities(match[1] ?? match[2] ?? match[3] ?? "").trim());
}

/** Parses any HTML into the whitelisted tree: unknown tags vanish (their text stays), attributes go. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlNode & { type: "element" } = { type: "element", tag: "#root", children: [] };
  const stack: Array<HtmlNode & { type: "element" }> = [root];
  let dropping: string | null = null;
  const tokens = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
  for (const match of html.matchAll(tokens)) {
    const [token, slash, rawTag, attributes] = match;
    if (token.startsWith("<!--")) continue;
    const current = stack[stack.length - 1];
    if (rawTag === undefined) {
      if (dropping) continue;
      const text = decodeEntities(token);
      if (CONTAINERS.has(current.tag) && !text.trim()) continue;
      const last = current.children[current.children.length - 1];
      if (last?.type === "text") last.text += text;
      else current.children.push({ type: "text", text });
      continue;
    }
    const lower = rawTag.toLowerCase();
    if (dropping) {
      if (slash && lower === dropping) dropping = null;
      continue;
    }
    if (DROPPED.has(lower)) {
      if (!slash && !/\/\s*$/.test(attributes ?? "")) dropping = lower;
      continue;
    }
    const tag = RENAMED[lower] ?? lower;
    if (!ALLOWED.has(tag)) continue;
    if (slash) {
      const index = stack.map((element) => element.tag).lastIndexOf(tag);
      if (index > 0) stack.length = index;
      continue;
    }
    // A block inside a paragraph or heading closes it, as browsers do.
    if (BLOCK.has(tag)) {
      while (stack.length > 1 && ["p", "h2", "h3", "h4"].includes(stack[stack.length - 1].tag)) stack.pop();
    }
    const element: HtmlNode & { type: "element" } = { type: "element", tag, children: [] };
    if (tag === "a") {
      const href = hrefOf(attributes ?? "");
      if (!href) continue;
      element.href = href;
    }
    stack[stack.length - 1].children.push(element);
    if (!VOID.has(tag)) stack.push(element);
  }
  return root.children;
}

/** Writes the tree back: HTML by default, well-formed XHTML for EPUB (`xhtml: true`). */
export function serializeHtml(nodes: HtmlNode[], options: { xhtml?: boolean; headingIds?: boolean } = {}): string {
  let headings = 0;
  const write = (node: HtmlNode): string => {
    if (node.type === "text") return escapeText(node.text);
    if (VOID.has(node.tag)) return options.xhtml ? `<${node.tag}/>` : `<${node.tag}>`;
    const inner = node.children.map(write).join("");
    if (node.tag === "a") return `<a href="${escapeText(node.href ?? "")}" rel="noopener noreferrer nofollow">${inner}</a>`;
    if (options.headingIds && /^h[2-4]$/.test(node.tag)) return `<${node.tag} id="s${++headings}">${inner}</${node.tag}>`;
    return `<${node.tag}>${inner}</${node.tag}>`;
  };
  return nodes.map(write).join("");
}

export function sanitizeHtml(html: string): string {
  return serializeHtml(parseHtml(html));
}

/** Text of a subtree, blocks separated by newlines. */
export function textOfNodes(nodes: HtmlNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return node.text;
      if (node.tag === "br") return "\n";
      const inner = textOfNodes(node.children);
      return BLOCK.has(node.tag) ? `\n${inner}\n` : inner;
    })
    .join("");
}

/** The headings of a text, in order (the EPUB's table of contents). */
export function headingsOf(nodes: HtmlNode[]): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  const visit = (list: HtmlNode[]) => {
    for (const node of list) {
      if (node.type !== "element") continue;
      if (/^h[2-4]$/.test(node.tag)) out.push({ level: Number(node.tag[1]), text: textOfNodes(node.children).replace(/\s+/g, " ").trim() });
      else visit(node.children);
    }
  };
  visit(nodes);
  return out;
}

/** Replaces links for which `drop` answers true by their text (internal pages on publishing). */
export function unwrapLinks(nodes: HtmlNode[], drop: (href: string) => boolean): HtmlNode[] {
  return nodes.flatMap((node): HtmlNode[] => {
    if (node.type === "text") return [node];
    const children = unwrapLinks(node.children, drop);
    if (node.tag === "a" && drop(node.href ?? "")) return children;
    return [{ ...node, children }];
  });
}

/** Whether an address points into this Praxis (one of its host names). */
export function isInternalAddress(href: string, internalHosts: readonly string[]): boolean {
  try {
    const url = new URL(href);
    return (url.protocol === "http:" || url.protocol === "https:") && internalHosts.includes(url.host.toLowerCase());
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The identity scan

export type HitKind = "email" | "link" | "mention" | "phone" | "username" | "name";
export const HIT_KINDS: readonly HitKind[] = ["email", "link", "mention", "phone", "username", "name"];

export interface Hit {
  kind: HitKind;
  /** What matched, as written. */
  text: string;
  /** Stable across scans while the text before it is unchanged: kind, matched text, occurrence. */
  key: string;
  /** A few words around it, for the approver. */
  context: string;
  /** Where it is: a text node (by order) and range, or a link element (by order). */
  at: { textNode: number; start: number; end: number } | { link: number };
}

export interface ScanPeople {
  displayNames: readonly string[];
  usernames: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function alternation(words: readonly string[], minLength: number): string | null {
  const unique = [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= minLength))].sort((a, b) => b.length - a.length);
  return unique.length ? unique.map(escapeRegExp).join("|") : null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/gu;
const MENTION = /(?<![\p{L}\p{N}@._-])@[\p{L}\p{N}](?:[\p{L}\p{N}_-]|\.(?=[\p{L}\p{N}]))*/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\d\s().\-/]{6,22})\d(?![\p{N}])/gu;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  if (/^\d{4}-\d{2}-\d{2}$/.test(candidate.trim())) return false;
  return digits <= 15 && (digits >= 9 || (candidate.startsWith("+") && digits >= 8));
}

interface Matcher {
  kind: HitKind;
  pattern: RegExp;
  accept?: (text: string) => boolean;
}

function matchers(people: ScanPeople, internalHosts: readonly string[]): Matcher[] {
  const list: Matcher[] = [
    { kind: "email", pattern: EMAIL },
    { kind: "link", pattern: URL_IN_TEXT, accept: (text) => isInternalAddress(text.replace(/[.,;:!?)]+$/, ""), internalHosts) },
    { kind: "mention", pattern: MENTION },
    { kind: "phone", pattern: PHONE, accept: isPhone },
  ];
  const usernames = alternation(people.usernames, 3);
  if (usernames) list.push({ kind: "username", pattern: new RegExp(`(?<![\\p{L}\\p{N}._@-])(?:${usernames})(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, "giu") });
  const names = alternation(people.displayNames, 2);
  if (names) list.push({ kind: "name", pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${names})(?![\\p{L}\\p{N}])`, "giu") });
  return list;
}

function walkText(nodes: HtmlNode[], visit: (node: HtmlNode & { type: "text" }) => void, visitLink?: (node: HtmlNode & { type: "element" }) => void) {
  for (const node of nodes) {
    if (node.type === "text") visit(node);
    else {
      if (node.tag === "a") visitLink?.(node);
      walkText(node.children, visit, visitLink);
    }
  }
}

/** Every identity hit in a text, in reading order of kinds' priority (an email is not also a name). */
export function scanIdentities(nodes: HtmlNode[], people: ScanPeople, internalHosts: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const seen = new Map<string, number>();
  const keyFor = (kind: HitKind, text: string) => {
    const base = `${kind}:${text.toLowerCase()}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}:${n}`;
  };
  const list = matchers(people, internalHosts);
  let textIndex = -1;
  let linkIndex = -1;
  walkText(
    nodes,
    (node) => {
      textIndex += 1;
      const taken: Array<[number, number]> = [];
      const found: Array<{ kind: HitKind; start: number; end: number; text: string }> = [];
      for (const matcher of list) {
        for (const match of node.text.matchAll(matcher.pattern)) {
          let text = match[0];
          if (matcher.kind === "link" || matcher.kind === "phone") text = text.replace(/[.,;:!?)\s]+$/, "");
          const start = match.index!;
          const end = start + text.length;
          if (matcher.accept && !matcher.accept(text)) continue;
          if (taken.some(([a, b]) => start < b && end > a)) continue;
          taken.push([start, end]);
          found.push({ kind: matcher.kind, start, end, text });
        }
      }
      found.sort((a, b) => a.start - b.start);
      for (const hit of found) {
        const context = `${node.text.slice(Math.max(0, hit.start - 40), hit.start)}[${hit.text}]${node.text.slice(hit.end, hit.end + 40)}`.replace(/\s+/g, " ").trim();
        hits.push({ kind: hit.kind, text: hit.text, key: keyFor(hit.kind, hit.text), context, at: { textNode: textIndex, start: hit.start, end: hit.end } });
      }
    },
    (link) => {
      linkIndex += 1;
      const href = link.href ?? "";
      const kind: HitKind | null = href.startsWith("mailto:") ? "email" : isInternalAddress(href, internalHosts) ? "link" : null;
      if (!kind) return;
      const text = kind === "email" ? href.slice("mailto:".length) : href;
      hits.push({ kind, text, key: keyFor(kind, `href ${text}`), context: textOfNodes(link.children).trim().slice(0, 80), at: { link: linkIndex } });
    },
  );
  return hits;
}

/**
 * Fixes one hit: the matched text becomes `replacement` (a link hit loses its link and keeps its
 * words). Returns the new tree, or null when the hit is no longer there.
 */
export function fixHit(nodes: HtmlNode[], hit: Hit, replacement: string): HtmlNode[] | null {
  const copy = structuredClone(nodes) as HtmlNode[];
  let textIndex = -1;
  let linkIndex = -1;
  let done = false;
  walkText(
    copy,
    (node) => {
      textIndex += 1;
      if (done || !("textNode" in hit.at) || hit.at.textNode !== textIndex) return;
      if (node.text.slice(hit.at.start, hit.at.end) !== hit.text) return;
      node.text = node.text.slice(0, hit.at.start) + replacement + node.text.slice(hit.at.end);
      done = true;
    },
    (link) => {
      linkIndex += 1;
      if (done || !("link" in hit.at) || hit.at.link !== linkIndex) return;
      link.href = "#unwrap";
      done = true;
    },
  );
  if (!done) return null;
  return unwrapLinks(copy, (href) => href === "#unwrap");
}
