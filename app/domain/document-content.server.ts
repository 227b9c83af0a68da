// Reading a co-edited document without a browser: the Tiptap XML fragment `default` rendered to
// sanitised HTML, split into blocks and sections, and small builders for server-written content.
// HTML is produced from a whitelist of Tiptap node and mark names, so nothing a member typed can
// become markup or script.
import * as Y from "yjs";

export const FRAGMENT = "default";

const BLOCK_TAGS: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  table: "table",
  tableRow: "tr",
  tableCell: "td",
  tableHeader: "th",
};

const MARK_TAGS: Array<[string, string]> = [
  ["bold", "strong"],
  ["italic", "em"],
  ["underline", "u"],
  ["strike", "s"],
  ["code", "code"],
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Only web and mail links survive; anything else (javascript:, data:) is dropped. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function renderText(node: Y.XmlText): string {
  let html = "";
  for (const op of node.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== "string") continue;
    let piece = escapeHtml(op.insert);
    const attributes = op.attributes ?? {};
    for (const [mark, tag] of MARK_TAGS) if (mark in attributes) piece = `<${tag}>${piece}</${tag}>`;
    const link = attributes.link as { href?: unknown } | undefined;
    const href = link ? safeHref(link.href) : null;
    if (href) piece = `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${piece}</a>`;
    html += piece;
  }
  return html;
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return renderText(node);
  if (!(node instanceof Y.XmlElement)) return "";
  const children = node.toArray().map((child) => renderNode(child as Y.XmlElement | Y.XmlText)).join("");
  const name = node.nodeName;
  if (name === "heading") {
    const level = Math.min(Math.max(Number(node.getAttribute("level")) || 2, 2), 4);
    return `<h${level}>${children}</h${level}>`;
  }
  if (name === "hardBreak") return "<br>";
  if (name === "horizontalRule") return "<hr>";
  if (name === "codeBlock") return `<pre><code>${children}</code></pre>`;
  const tag = BLOCK_TAGS[name];
  // An unknown node keeps its text, never its markup.
  return tag ? `<${tag}>${children}</${tag}>` : children;
}

/** The document's rich text as sanitised HTML, for reading without JavaScript. */
export function renderHtml(doc: Y.Doc): string {
  return doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .map((node) => renderNode(node as Y.XmlElement))
    .join("");
}

export function textOf(node: unknown): string {
  if (node instanceof Y.XmlText) return deltaText(node);
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === "hardBreak") return "\n";
    const parts = node.toArray().map(textOf);
    const isBlockContainer = ["bulletList", "orderedList", "listItem", "blockquote", "table", "tableRow"].includes(node.nodeName);
    return parts.join(isBlockContainer ? "\n" : "");
  }
  return "";
}

function deltaText(node: Y.XmlText): string {
  return (node.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
}

export interface Block {
  type: string;
  level?: number;
  text: string;
}

/** The top-level blocks in order, each with its plain text (for comparing and extracting). */
export function blocksOf(doc: Y.Doc): Block[] {
  return doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
    .map((node) => ({
      type: node.nodeName,
      ...(node.nodeName === "heading" ? { level: Number(node.getAttribute("level")) || 2 } : {}),
      text: textOf(node).trim(),
    }));
}

export interface Section {
  heading: string;
  text: string;
}

/** Sections: each heading with the text below it; text before the first heading has heading "". */
export function sectionsOf(doc: Y.Doc): Section[] {
  const sections: Section[] = [];
  let current: Section = { heading: "", text: "" };
  for (const block of blocksOf(doc)) {
    if (block.type === "heading") {
      if (current.heading || current.text) sections.push(current);
      current = { heading: block.text, text: "" };
    } else if (block.text) {
      current.text = current.text ? `${current.text}\n${block.text}` : block.text;
    }
  }
  if (current.heading || current.text) sections.push(current);
  return sections;
}

export function plainTextOf(doc: Y.Doc): string {
  return blocksOf(doc)
    .map((block) => block.text)
    .filter(Boolean)
    .join("\n\n");
}

/** A numbered item with its list and item nodes, for code that changes the document in place. */
export interface NumberedItem {
  text: string;
  translation: string;
  list: Y.XmlElement;
  item: Y.XmlElement;
}

/**
 * The items of the document's numbered lists: each item is one learning question; a second
 * paragraph inside the same item is the question in the other language.
 */
export function numberedItemsOf(doc: Y.Doc): Array<{ text: string; translation: string }> {
  return numberedItemNodesOf(doc).map(({ text, translation }) => ({ text, translation }));
}

/** numberedItemsOf with the nodes each item came from (the plain question forms edit them). */
export function numberedItemNodesOf(doc: Y.Doc): NumberedItem[] {
  const items: NumberedItem[] = [];
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== "orderedList") continue;
    for (const item of node.toArray()) {
      if (!(item instanceof Y.XmlElement) || item.nodeName !== "listItem") continue;
      const paragraphs = item
        .toArray()
        .map((child) => textOf(child).trim())
        .filter(Boolean);
      if (paragraphs.length === 0) continue;
      items.push({ text: paragraphs[0], translation: paragraphs.slice(1).join("\n"), list: node, item });
    }
  }
  return items;
}

// Builders for content the server writes (templates, seed). Tiptap reads them like typed text.

export function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  if (text) element.insert(0, [new Y.XmlText(text)]);
  return element;
}

export function heading(text: string, level = 2): Y.XmlElement {
  const element = new Y.XmlElement("heading");
  element.setAttribute("level", level as unknown as string);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

export function orderedList(items: string[][]): Y.XmlElement {
  const list = new Y.XmlElement("orderedList");
  list.insert(
    0,
    items.map((paragraphs) => {
      const item = new Y.XmlElement("listItem");
      item.insert(0, paragraphs.map(paragraph));
      return item;
    }),
  );
  return list;
}

export function bulletList(items: string[]): Y.XmlElement {
  const list = new Y.XmlElement("bulletList");
  list.insert(
    0,
    items.map((text) => {
      const item = new Y.XmlElement("listItem");
      item.insert(0, [paragraph(text)]);
      return item;
    }),
  );
  return list;
}

/** Replaces everything in `target` with a copy of `source` (restoring a version). */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const fragment = target.getXmlFragment(FRAGMENT);
  fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    source
      .getXmlFragment(FRAGMENT)
      .toArray()
      .map((node) => (node as Y.XmlElement).clone()),
  );
  for (const name of ["milestones", "budget"]) {
    const array = target.getArray<Y.Map<unknown>>(name);
    array.delete(0, array.length);
    array.insert(
      0,
      source
        .getArray<Y.Map<unknown>>(name)
        .toArray()
        .map((entry) => entry.clone()),
    );
  }
  const meta = target.getMap("meta");
  const old = source.getMap("meta");
  for (const key of [...meta.keys()]) if (!old.has(key)) meta.delete(key);
  for (const [key, value] of old.entries()) meta.set(key, value);
}
