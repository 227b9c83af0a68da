// PDF from a whitelisted text tree (publications, published minutes), on the server with PDFKit:
// tagged (a structure tree with headings, paragraphs, lists and tables, the language of each
// part), real text that can be selected and read aloud, and DejaVu Sans embedded (subsetted),
// which covers French and most Latin, Greek and Cyrillic scripts. No browser is involved.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { HtmlNode } from "./publication-html";

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONTS = {
  regular: join(FONT_DIR, "DejaVuSans.ttf"),
  bold: join(FONT_DIR, "DejaVuSans-Bold.ttf"),
  italic: join(FONT_DIR, "DejaVuSans-Oblique.ttf"),
  boldItalic: join(FONT_DIR, "DejaVuSans-BoldOblique.ttf"),
  mono: join(FONT_DIR, "DejaVuSansMono.ttf"),
} as const;

export interface PdfPart {
  language: "en" | "fr";
  title: string;
  /** Lines under the title (authorship, date and licence, version). */
  lines: string[];
  summary?: string;
  /** A cover picture (JPEG or PNG, already cleaned) and its description. */
  cover?: { bytes: Uint8Array; alt: string };
  body: HtmlNode[];
}

export interface PdfInput {
  language: "en" | "fr";
  title: string;
  author?: string;
  subject?: string;
  parts: PdfPart[];
}

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;
interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: string;
}

const LANG_TAG = { en: "en-GB", fr: "fr-FR" } as const;
const SIZE = { body: 10.5, h1: 20, h2: 15, h3: 12.5, h4: 11.5 } as const;

function fontFor(run: Run): string {
  if (run.code) return "mono";
  if (run.bold && run.italic) return "boldItalic";
  if (run.bold) return "bold";
  if (run.italic) return "italic";
  return "regular";
}

function inlineRuns(nodes: HtmlNode[], marks: Omit<Run, "text"> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      runs.push({ ...marks, text: node.text });
      continue;
    }
    if (node.tag === "br") {
      runs.push({ ...marks, text: "\n" });
      continue;
    }
    const next = { ...marks };
    if (node.tag === "strong") next.bold = true;
    if (node.tag === "em") next.italic = true;
    if (node.tag === "u") next.underline = true;
    if (node.tag === "s") next.strike = true;
    if (node.tag === "code") next.code = true;
    if (node.tag === "a" && node.href) next.link = node.href;
    runs.push(...inlineRuns(node.children, next));
  }
  return runs;
}

const BLOCKS = new Set(["p", "h2", "h3", "h4", "ul", "ol", "li", "pre", "blockquote", "hr", "table", "tr", "td", "th"]);

/** Consecutive inline nodes become one paragraph; blocks stay as they are. */
function asBlocks(nodes: HtmlNode[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  let inline: HtmlNode[] = [];
  const flush = () => {
    if (inline.some((n) => n.type === "element" || n.text.trim())) out.push({ type: "element", tag: "p", children: inline });
    inline = [];
  };
  for (const node of nodes) {
    if (node.type === "element" && BLOCKS.has(node.tag)) {
      flush();
      out.push(node);
    } else inline.push(node);
  }
  flush();
  return out;
}

class Writer {
  constructor(
    private doc: Doc,
    private left: number,
    private width: number,
  ) {}

  /** Draws runs as one paragraph at the current position, wrapped to the width. */
  private runs(runs: Run[], size: number, x: number, width: number, defaults: Partial<Run> = {}) {
    const doc = this.doc;
    const cleaned = runs.map((run) => ({ ...defaults, ...run, text: run.text.replace(/[ \t\r]+/g, " ") })).filter((run) => run.text.length > 0);
    if (!cleaned.length) return;
    cleaned[0].text = cleaned[0].text.replace(/^ +/, "");
    cleaned[cleaned.length - 1].text = cleaned[cleaned.length - 1].text.replace(/ +$/, "");
    cleaned.forEach((run, index) => {
      doc.font(fontFor(run)).fontSize(size);
      const options = {
        width,
        continued: index < cleaned.length - 1,
        underline: Boolean(run.underline || run.link),
        strike: Boolean(run.strike),
        link: run.link ?? null,
        lineGap: 2,
      };
      if (index === 0) doc.text(run.text, x, doc.y, options);
      else doc.text(run.text, options);
    });
  }

  paragraph(parent: Struct, type: string, runs: Run[], size: number, options: { x?: number; width?: number; gap?: number; defaults?: Partial<Run> } = {}) {
    const x = options.x ?? this.left;
    const width = options.width ?? this.width;
    parent.add(this.doc.struct(type, {}, () => this.runs(runs, size, x, width, options.defaults)));
    this.doc.y += options.gap ?? size * 0.6;
  }

  blocks(parent: Struct, nodes: HtmlNode[], x = this.left, width = this.width) {
    for (const node of asBlocks(nodes)) this.block(parent, node, x, width);
  }

  private block(parent: Struct, node: HtmlNode, x: number, width: number) {
    const doc = this.doc;
    if (node.type !== "element") return;
    switch (node.tag) {
      case "h2":
      case "h3":
      case "h4": {
        const size = SIZE[node.tag];
        doc.y += size * 0.4;
        this.paragraph(parent, node.tag.toUpperCase(), inlineRuns(node.children), size, { x, width, defaults: { bold: true } });
        return;
      }
      case "p":
        this.paragraph(parent, "P", inlineRuns(node.children), SIZE.body, { x, width });
        return;
      case "pre":
        this.paragraph(parent, "P", inlineRuns(node.children, { code: true }), SIZE.body - 1, { x: x + 8, width: width - 8 });
        return;
      case "blockquote": {
        const quote = doc.struct("BlockQuote");
        parent.add(quote);
        this.blocks(quote, node.children, x + 18, width - 18);
        quote.end();
        return;
      }
      case "ul":
      case "ol": {
        const list = doc.struct("L");
        parent.add(list);
        let number = 0;
        for (const item of node.children) {
          if (item.type !== "element" || item.tag !== "li") continue;
          number += 1;
          const label = node.tag === "ol" ? `${number}.` : "•";
          const li = doc.struct("LI");
          list.add(li);
          const y = doc.y;
          li.add(
            doc.struct("Lbl", {}, () => {
              doc.font("regular").fontSize(SIZE.body).text(label, x, y, { width: 16, lineBreak: false });
            }),
          );
          doc.y = y;
          const body = doc.struct("LBody");
          li.add(body);
          this.blocks(body, item.children, x + 18, width - 18);
          body.end();
          li.end();
        }
        list.end();
        doc.y += 2;
        return;
      }
      case "table": {
        const table = doc.struct("Table");
        parent.add(table);
        for (const row of node.children) {
          if (row.type !== "element" || row.tag !== "tr") continue;
          const tr = doc.struct("TR");
          table.add(tr);
          for (const cell of row.children) {
            if (cell.type !== "element" || (cell.tag !== "td" && cell.tag !== "th")) continue;
            const td = doc.struct(cell.tag === "th" ? "TH" : "TD");
            tr.add(td);
            this.blocks(td, cell.children, x + 8, width - 8);
            td.end();
          }
          tr.end();
          doc.y += 4;
        }
        table.end();
        return;
      }
      case "hr": {
        doc.markContent("Artifact", { type: "Layout" });
        doc.moveTo(x, doc.y + 4).lineTo(x + width, doc.y + 4).lineWidth(0.5).strokeColor("#999999").stroke();
        doc.endMarkedContent();
        doc.y += 12;
        return;
      }
      default:
        // li, tr, td outside their parents: keep their words.
        this.blocks(parent, node.children, x, width);
    }
  }
}

/** Renders the parts (one language, or both one after the other) to a tagged PDF. */
export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    pdfVersion: "1.7",
    tagged: true,
    lang: LANG_TAG[input.language],
    displayTitle: true,
    info: { Title: input.title, ...(input.author ? { Author: input.author } : {}), ...(input.subject ? { Subject: input.subject } : {}), Creator: "Praxis" },
    font: FONTS.regular,
    bufferPages: false,
  });
  for (const [name, path] of Object.entries(FONTS)) doc.registerFont(name, path);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const writer = new Writer(doc, left, width);
  const root = doc.struct("Document");
  doc.addStructure(root);
  input.parts.forEach((part, index) => {
    if (index > 0) doc.addPage();
    const section = doc.struct("Sect", { lang: LANG_TAG[part.language] });
    root.add(section);
    writer.paragraph(section, "H1", [{ text: part.title, bold: true }], SIZE.h1, { gap: 10 });
    for (const line of part.lines) writer.paragraph(section, "P", [{ text: line }], SIZE.body, { gap: 2 });
    doc.y += 8;
    if (part.summary) writer.paragraph(section, "P", [{ text: part.summary, italic: true }], SIZE.body + 0.5, { gap: 12 });
    if (part.cover) {
      const cover = part.cover;
      section.add(
        doc.struct("Figure", { alt: cover.alt }, () => {
          doc.image(Buffer.from(cover.bytes), { fit: [width, 240], align: "center" });
        }),
      );
      doc.y += 12;
    }
    writer.blocks(section, part.body);
    section.end();
  });
  root.end();
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
