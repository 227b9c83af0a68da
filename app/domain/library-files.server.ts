// What happens to an uploaded file before it is stored: its type is judged from its bytes,
// identifying metadata is removed where a well-kept library can do it (EXIF/GPS from images with
// sharp, author fields from PDFs with pdf-lib, document properties from office files with
// fflate), and its text is extracted for search. The original bytes are never stored.
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from "fflate";
import { OFFICE_MIME, sniffMime, sniffZipKind } from "~/infra/file-type";
import { describeError, log } from "~/infra/log.server";

/** Extracted text kept per resource: enough for search, bounded for the database. */
export const MAX_EXTRACTED_CHARS = 200_000;
const MAX_PDF_PAGES = 500;
/** A zip that expands beyond this is refused (zip bombs). */
const MAX_UNZIPPED_BYTES = 300 * 1024 * 1024;

/** What could not be cleaned; each is a key under library:uncleaned.* shown on the resource page. */
export type Uncleaned = "pdf.encrypted" | "pdf.images" | "office.comments" | "office.embedded" | "audio.tags";

export type PreparedFile =
  | { ok: true; bytes: Uint8Array; mime: string; text: string; uncleaned: Uncleaned[] }
  | {
      ok: false;
      error: "library:upload.errors.executable" | "library:upload.errors.typeNotAccepted" | "library:upload.errors.broken" | "library:upload.errors.legacyOffice" | "library:upload.errors.tooComplex";
    };

/** The work itself, in whichever thread calls it (the worker). */
export async function prepareUploadHere(input: Uint8Array): Promise<PreparedFile> {
  const sniffed = sniffMime(input.subarray(0, 4096));
  try {
    switch (sniffed) {
      case "application/pdf":
        return await preparePdf(input);
      case "application/zip":
        return prepareZip(input);
      case "image/jpeg":
      case "image/png":
      case "image/gif":
      case "image/webp":
        return await prepareImage(input, sniffed);
      case "audio/mpeg":
      case "audio/ogg":
      case "audio/wav":
      case "audio/mp4":
        // Audio tags (artist, recording software) stay: no well-kept library here rewrites them.
        return { ok: true, bytes: input, mime: sniffed, text: "", uncleaned: ["audio.tags"] };
      case "application/x-executable":
        return { ok: false, error: "library:upload.errors.executable" };
      case "application/x-ole-storage":
        return { ok: false, error: "library:upload.errors.legacyOffice" };
      default:
        return { ok: false, error: "library:upload.errors.typeNotAccepted" };
    }
  } catch (error) {
    log("info", "library upload unreadable", { type: sniffed, ...describeError(error) });
    return { ok: false, error: "library:upload.errors.broken" };
  }
}

// --- PDF ------------------------------------------------------------------------------------

const PDF_IDENTIFYING_FIELDS = ["Author", "Creator", "Producer"];

async function preparePdf(input: Uint8Array): Promise<PreparedFile> {
  // Loaded on first use, in the worker: the main process never holds pdf-lib or sharp.
  const { PDFDocument, PDFName } = await import("pdf-lib");
  // Text first: pdf.js also reads encrypted-for-editing PDFs, and a file it cannot open is broken.
  const text = await extractPdfText(input);
  const uncleaned: Uncleaned[] = [];
  let bytes = input;
  try {
    const doc = await PDFDocument.load(input, { updateMetadata: false });
    const info = (doc as unknown as { getInfoDict(): { delete(key: unknown): boolean } }).getInfoDict();
    for (const field of PDF_IDENTIFYING_FIELDS) info.delete(PDFName.of(field));
    // The XMP packet repeats the author and tool names: drop it entirely.
    doc.catalog.delete(PDFName.of("Metadata"));
    bytes = await doc.save({ updateFieldAppearances: false });
  } catch (error) {
    // pdf-lib refuses encrypted PDFs: keep the original bytes and say they could not be cleaned.
    if (!/encrypt/i.test(String((error as Error).message))) throw error;
    uncleaned.push("pdf.encrypted");
  }
  // Pictures inside a PDF keep their own metadata; pdf-lib does not rewrite embedded images.
  if (uncleaned.length === 0 && hasEmbeddedImages(bytes)) uncleaned.push("pdf.images");
  return { ok: true, bytes, mime: "application/pdf", text, uncleaned };
}

function hasEmbeddedImages(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/Subtype /Image") ||
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/Subtype/Image");
}

async function extractPdfText(input: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(input), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const parts: string[] = [];
    let length = 0;
    for (let pageNumber = 1; pageNumber <= Math.min(doc.numPages, MAX_PDF_PAGES) && length < MAX_EXTRACTED_CHARS; pageNumber++) {
      const page = await doc.getPage(pageNumber);
      const content = await page.getTextContent();
      const pageText = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
      parts.push(pageText);
      length += pageText.length;
      page.cleanup();
    }
    return normaliseText(parts.join("\n\n"));
  } finally {
    await doc.destroy();
  }
}

// --- Office documents (zip containers) --------------------------------------------------------

function prepareZip(input: Uint8Array): PreparedFile {
  let expanded = 0;
  const entries: Unzipped = unzipSync(input, {
    filter(file) {
      expanded += file.originalSize;
      if (expanded > MAX_UNZIPPED_BYTES) throw new Error("zip expands too far");
      return true;
    },
  });
  const names = Object.keys(entries);
  const kind = sniffZipKind(names, entries.mimetype ? strFromU8(entries.mimetype) : undefined);
  if (!kind) return { ok: false, error: "library:upload.errors.typeNotAccepted" };
  const uncleaned: Uncleaned[] = [];
  const xml = (name: string) => (entries[name] ? strFromU8(entries[name]) : null);

  if (kind.startsWith("od")) {
    const meta = xml("meta.xml");
    if (meta) entries["meta.xml"] = strToU8(blankElements(meta, ["meta:initial-creator", "dc:creator", "meta:printed-by"]));
  } else {
    const core = xml("docProps/core.xml");
    if (core) entries["docProps/core.xml"] = strToU8(blankElements(core, ["dc:creator", "cp:lastModifiedBy"]));
    const app = xml("docProps/app.xml");
    if (app) entries["docProps/app.xml"] = strToU8(blankElements(app, ["Company", "Manager"]));
  }
  // Comment and tracked-change authors live inside the body; rewriting them safely needs a real
  // office library, so they stay and the page says so.
  const bodyNames = names.filter((n) => n.endsWith(".xml") && !n.startsWith("docProps/") && n !== "meta.xml");
  if (bodyNames.some((n) => /comments|commentAuthors/i.test(n)) || bodyNames.some((n) => /\b(w:author|author)="/.test(xml(n) ?? ""))) {
    uncleaned.push("office.comments");
  }
  if (names.some((n) => /\/(media|embeddings)\//.test(n) || n.startsWith("Pictures/"))) uncleaned.push("office.embedded");

  const text = normaliseText(officeText(kind, entries));
  // The ODF spec wants "mimetype" first and stored: zipSync keeps insertion order.
  const bytes = zipSync(entries, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
  return { ok: true, bytes, mime: OFFICE_MIME[kind], text, uncleaned };
}

function blankElements(xml: string, tags: string[]): string {
  let out = xml;
  for (const tag of tags) {
    const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`<${escaped}(\\s[^>]*)?>[\\s\\S]*?</${escaped}>`, "g"), `<${tag}$1></${tag}>`);
  }
  return out;
}

function officeText(kind: string, entries: Unzipped): string {
  const read = (name: string) => (entries[name] ? strFromU8(entries[name]) : "");
  const sortedNames = (pattern: RegExp) =>
    Object.keys(entries).filter((n) => pattern.test(n)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  let xml = "";
  if (kind === "docx") xml = read("word/document.xml");
  else if (kind === "xlsx") xml = read("xl/sharedStrings.xml");
  else if (kind === "pptx") xml = sortedNames(/^ppt\/slides\/slide\d+\.xml$/).map(read).join("\n");
  else xml = read("content.xml");
  return xmlToText(xml);
}

function xmlToText(xml: string): string {
  return decodeEntities(
    xml
      .replace(/<\/(w:p|a:p|text:p|text:h|si)>/g, "\n")
      .replace(/<(w:tab|text:tab)\b[^>]*\/>/g, " ")
      .replace(/<[^>]+>/g, ""),
  );
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

// --- Images ------------------------------------------------------------------------------------

async function prepareImage(input: Uint8Array, mime: "image/jpeg" | "image/png" | "image/gif" | "image/webp"): Promise<PreparedFile> {
  // sharp writes no metadata unless asked (withMetadata): EXIF, GPS, XMP and IPTC are dropped.
  // rotate() first applies the EXIF orientation, so the picture still stands the right way up.
  const { default: sharp } = await import("sharp");
  const image = sharp(input, { animated: mime === "image/gif" || mime === "image/webp", failOn: "error" }).rotate();
  const format = mime === "image/jpeg" ? "jpeg" : mime === "image/png" ? "png" : mime === "image/gif" ? "gif" : "webp";
  const bytes = await image.toFormat(format, format === "jpeg" ? { quality: 90, mozjpeg: true } : {}).toBuffer();
  return { ok: true, bytes: new Uint8Array(bytes), mime, text: "", uncleaned: [] };
}

function normaliseText(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, " ").replace(/\n{3,}/g, "\n\n").trim().slice(0, MAX_EXTRACTED_CHARS);
}
