// Everything made from one approved version: the public pages (no script, no cookie, each page
// under the byte budget), the PDF, the EPUB 3 and the zip of a static site. All read the same
// frozen text through the same tree, so they say the same thing.
import { strToU8, zipSync, type Zippable } from "fflate";
import { resources } from "~/infra/i18n.server";
import { escapeText, headingsOf, parseHtml, serializeHtml, type HtmlNode } from "./publication-html";
import { renderPdf } from "./publication-pdf.server";
import { downloadName, isLicence, LICENCE_KEYS, LICENCE_URLS, siteName, type PublicationLanguage } from "./publications";
import type { VersionRow } from "./publications.server";

type Language = PublicationLanguage;
type Version = NonNullable<VersionRow>;
export type Cover = { bytes: Uint8Array; mime: string } | null;

/** The cover's file name in every output: cover.jpg or cover.png. */
export function coverName(version: Pick<Version, "coverHash" | "coverMime">): string | null {
  if (!version.coverHash) return null;
  return version.coverMime === "image/png" ? "cover.png" : "cover.jpg";
}

function coverAlt(version: Version, language: Language): string {
  return language === "en" ? version.coverAltEn : version.coverAltFr;
}

/** Pages are split at their sections so that none is larger than this (HTML bytes, before compression). */
export const PAGE_BUDGET_BYTES = 30 * 1024;
/** What the body of one page may take, leaving room for the page around it. */
const BODY_BUDGET_BYTES = 22 * 1024;

function strings(language: Language) {
  return (resources[language].publications as { public: Record<string, string>; licences: Record<string, string> });
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

function field(version: Version, name: "title" | "summary" | "authorship" | "html", language: Language): string {
  return version[`${name}${language === "en" ? "En" : "Fr"}` as "titleEn"];
}

export function licenceLabel(licence: string, language: Language): string {
  return isLicence(licence) ? strings(language).licences[LICENCE_KEYS[licence]] : licence;
}

export function issuedLabel(issuedOn: string, language: Language): string {
  const date = new Date(`${issuedOn}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? issuedOn : new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** The lines printed under the title in every output. */
export function metaLines(version: Version, language: Language): string[] {
  const s = strings(language).public;
  return [field(version, "authorship", language), `${issuedLabel(version.issuedOn, language)} · ${licenceLabel(version.licence, language)} · ${fill(s.version, { number: version.number })}`];
}

// ---------------------------------------------------------------------------------------------
// Splitting a long text into pages

/** Top-level nodes grouped into pages of at most the body budget, preferring to break at a section. */
export function paginate(nodes: HtmlNode[]): HtmlNode[][] {
  const pages: HtmlNode[][] = [[]];
  let bytes = 0;
  for (const node of nodes) {
    const size = Buffer.byteLength(serializeHtml([node]));
    const isSection = node.type === "element" && node.tag === "h2";
    const current = pages[pages.length - 1];
    if (current.length && (bytes + size > BODY_BUDGET_BYTES || (isSection && bytes > BODY_BUDGET_BYTES / 2))) {
      pages.push([node]);
      bytes = size;
    } else {
      current.push(node);
      bytes += size;
    }
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------
// The public page

const STYLE = [
  ":root{color-scheme:light dark;--ink:#1d1a24;--soft:#5b5566;--bg:#fff;--accent:#4a2d8f;--line:#ddd6e8}",
  "@media (prefers-color-scheme:dark){:root{--ink:#ece8f2;--soft:#b9b2c6;--bg:#15131a;--accent:#c5b3ff;--line:#3a3444}}",
  "body{font:1.05rem/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:var(--bg);max-width:42rem;margin:0 auto;padding:1rem}",
  "h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}",
  "a{color:var(--accent)}a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}",
  ".meta,.note{color:var(--soft);font-size:.95rem}.summary{font-size:1.1rem}",
  "header,footer,nav.parts,aside{border-color:var(--line);border-style:solid;border-width:0}",
  "header{display:flex;justify-content:space-between;gap:1rem;align-items:center;border-bottom-width:1px;padding-bottom:.5rem}",
  "aside,footer{border-top-width:1px;margin-top:2rem;padding-top:.5rem}",
  ".notice{border-left:4px solid var(--accent);padding:.25rem .75rem}",
  "table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.25rem .5rem;vertical-align:top}",
  "button{font:inherit;padding:.4rem .8rem}img{max-width:100%;height:auto}",
].join("");

export interface PageLinks {
  /** The page in a language (and part). */
  page(language: Language, part: number): string;
  /** A download's address, by file name. */
  file(name: string): string;
  /** An older or the current version (public pages only). */
  version?(number: number | null, language: Language): string;
  /** Where the quick-exit form posts (public pages only; a static site has no server). */
  exit?: string;
  /** Whether to offer the static site's zip (not from inside that zip). */
  offerSite?: boolean;
}

export function publicationPage(input: {
  version: Version;
  slug: string;
  language: Language;
  part: number;
  links: PageLinks;
  nonce?: string;
  /** Other approved versions, newest first (public pages). */
  versions?: Array<{ number: number; changeNote: string }>;
  isLatest?: boolean;
  unlisted?: boolean;
}): { html: string; parts: number } | null {
  const { version, language, links } = input;
  const s = strings(language).public;
  const pages = paginate(parseHtml(field(version, "html", language)));
  if (input.part < 1 || input.part > pages.length) return null;
  const title = field(version, "title", language);
  const summary = field(version, "summary", language);
  const otherLanguage: Language = language === "en" ? "fr" : "en";
  const switchLabel = strings(otherLanguage).public.readIn;
  const head = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="referrer" content="no-referrer">`,
    input.unlisted ? `<meta name="robots" content="noindex">` : "",
    `<title>${escapeText(pages.length > 1 ? `${title} (${fill(s.partOf, { part: input.part, parts: pages.length })})` : title)}</title>`,
    `<link rel="alternate" hreflang="${otherLanguage}" href="${escapeText(links.page(otherLanguage, 1))}">`,
    `<style${input.nonce ? ` nonce="${escapeText(input.nonce)}"` : ""}>${STYLE}</style>`,
  ].join("");
  const partsNav =
    pages.length > 1
      ? `<nav class="parts" aria-label="${escapeText(s.parts)}"><ol>${pages
          .map((_, index) => {
            const label = headingsOf(pages[index])[0]?.text || fill(s.partOf, { part: index + 1, parts: pages.length });
            return index + 1 === input.part
              ? `<li><span aria-current="page">${escapeText(label)}</span></li>`
              : `<li><a href="${escapeText(links.page(language, index + 1))}">${escapeText(label)}</a></li>`;
          })
          .join("")}</ol></nav>`
      : "";
  const downloads = [
    [downloadName(input.slug, "pdf", language), s.pdf],
    [downloadName(input.slug, "epub", language), s.epub],
    ...(links.offerSite === false ? [] : [[siteName(input.slug), s.site]]),
  ]
    .map(([name, label]) => `<li><a href="${escapeText(links.file(name))}" download>${escapeText(label)}</a></li>`)
    .join("");
  const older =
    input.versions && input.versions.length > 1 && links.version
      ? `<h2>${escapeText(s.versions)}</h2><ol reversed>${input.versions
          .map((v) => {
            const label = `${fill(s.version, { number: v.number })}${v.changeNote ? ` — ${v.changeNote}` : ""}`;
            return v.number === version.number
              ? `<li><span aria-current="page">${escapeText(label)}</span></li>`
              : `<li><a href="${escapeText(links.version!(v.number, language))}">${escapeText(label)}</a></li>`;
          })
          .join("")}</ol>`
      : "";
  const oldNotice =
    input.isLatest === false && links.version
      ? `<p class="notice">${escapeText(fill(s.olderVersion, { number: version.number }))} <a href="${escapeText(links.version(null, language))}">${escapeText(s.readLatest)}</a></p>`
      : "";
  const changeNote = version.changeNote ? `<p class="note">${escapeText(fill(s.changeNote, { note: version.changeNote }))}</p>` : "";
  const lines = metaLines(version, language);
  const licenceUrl = isLicence(version.licence) ? LICENCE_URLS[version.licence] : null;
  const body = [
    `<header><span class="meta">${escapeText(s.kicker)}</span><a href="${escapeText(links.page(otherLanguage, 1))}" hreflang="${otherLanguage}" lang="${otherLanguage}">${escapeText(switchLabel)}</a></header>`,
    `<main><article>`,
    oldNotice,
    `<h1>${escapeText(title)}</h1>`,
    `<p class="meta">${escapeText(lines[0])}</p>`,
    `<p class="meta">${escapeText(lines[1])}</p>`,
    changeNote,
    input.part === 1 && summary ? `<p class="summary">${escapeText(summary)}</p>` : "",
    input.part === 1 && coverName(version) ? `<p><img src="${escapeText(links.file(coverName(version)!))}" alt="${escapeText(coverAlt(version, language))}"></p>` : "",
    partsNav,
    serializeHtml(pages[input.part - 1]),
    pages.length > 1 && input.part < pages.length ? `<p><a href="${escapeText(links.page(language, input.part + 1))}" rel="next">${escapeText(s.next)}</a></p>` : "",
    `</article>`,
    `<aside><h2>${escapeText(s.downloads)}</h2><ul>${downloads}</ul>${older}</aside>`,
    `</main>`,
    `<footer><p class="meta">${licenceUrl ? `<a href="${escapeText(licenceUrl)}" rel="license noopener noreferrer">${escapeText(licenceLabel(version.licence, language))}</a>` : escapeText(licenceLabel(version.licence, language))}</p>`,
    links.exit ? `<form method="post" action="${escapeText(links.exit)}"><button type="submit">${escapeText(s.exit)}</button></form>` : "",
    `</footer>`,
  ].join("");
  return { html: `<!doctype html>\n<html lang="${language}" dir="ltr"><head>${head}</head><body>${body}</body></html>\n`, parts: pages.length };
}

/** The answer for an address that was taken down (410) or never existed (404). */
export function goneOrMissingPage(language: Language, state: "gone" | "missing", unpublishedAt?: Date): string {
  const s = strings(language).public;
  const heading = state === "gone" ? s.goneTitle : s.missingTitle;
  const text =
    state === "gone" && unpublishedAt
      ? fill(s.goneBody, { date: new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(unpublishedAt) })
      : s.missingBody;
  return `<!doctype html>\n<html lang="${language}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeText(heading)}</title></head><body><main><h1>${escapeText(heading)}</h1><p>${escapeText(text)}</p></main></body></html>\n`;
}

// ---------------------------------------------------------------------------------------------
// PDF

export async function publicationPdf(version: Version, language: Language, cover: Cover = null): Promise<Buffer> {
  const title = field(version, "title", language);
  return renderPdf({
    language,
    title,
    author: field(version, "authorship", language),
    subject: field(version, "summary", language) || undefined,
    parts: [{ language, title, lines: metaLines(version, language), summary: field(version, "summary", language) || undefined, cover: cover ? { bytes: cover.bytes, alt: coverAlt(version, language) } : undefined, body: parseHtml(field(version, "html", language)) }],
  });
}

// ---------------------------------------------------------------------------------------------
// EPUB 3

function xml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

const EPUB_STYLE = "body{font-family:serif;line-height:1.5}h1{font-size:1.6em}.meta{color:#555}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em}";

export function publicationEpub(version: Version, language: Language, cover: Cover = null): Uint8Array {
  const title = field(version, "title", language);
  const summary = field(version, "summary", language);
  const body = parseHtml(field(version, "html", language));
  const s = strings(language).public;
  const lines = metaLines(version, language);
  const modified = (version.approvedAt ?? version.proposedAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  const identifier = `urn:praxis:publication:${version.publicationId}:${version.number}:${language}`;
  const headings = headingsOf(body);
  const xhtml = (heading: string, content: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${language}" xml:lang="${language}"><head><meta charset="utf-8"/><title>${xml(heading)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head><body>${content}</body></html>\n`;
  const content = xhtml(
    title,
    `<section epub:type="bodymatter"><h1>${xml(title)}</h1><p class="meta">${xml(lines[0])}</p><p class="meta">${xml(lines[1])}</p>${summary ? `<p><em>${xml(summary)}</em></p>` : ""}${cover ? `<p><img src="${coverName(version)}" alt="${xml(coverAlt(version, language))}"/></p>` : ""}${serializeHtml(body, { xhtml: true, headingIds: true })}</section>`,
  );
  const tocItems = [`<li><a href="content.xhtml">${xml(title)}</a>${headings.length ? `<ol>${headings.map((h, i) => `<li><a href="content.xhtml#s${i + 1}">${xml(h.text || "—")}</a></li>`).join("")}</ol>` : ""}</li>`];
  const nav = xhtml(s.contents, `<nav epub:type="toc" id="toc"><h1>${xml(s.contents)}</h1><ol>${tocItems.join("")}</ol></nav>`);
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="${language}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">${xml(identifier)}</dc:identifier>
<dc:title>${xml(title)}</dc:title>
<dc:language>${language}</dc:language>
<dc:creator>${xml(field(version, "authorship", language))}</dc:creator>
<dc:date>${xml(version.issuedOn)}</dc:date>
<dc:rights>${xml(licenceLabel(version.licence, language))}</dc:rights>
${summary ? `<dc:description>${xml(summary)}</dc:description>\n` : ""}<meta property="dcterms:modified">${modified}</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="content" href="content.xhtml" media-type="application/xhtml+xml"/>
<item id="style" href="style.css" media-type="text/css"/>
${cover ? `<item id="cover" href="${coverName(version)}" media-type="${cover.mime}" properties="cover-image"/>\n` : ""}</manifest>
<spine>
<itemref idref="content"/>
</spine>
</package>
`;
  const container = `<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;
  // The mimetype entry comes first and is stored uncompressed, as EPUB's container format requires.
  const files: Zippable = {
    mimetype: [strToU8("application/epub+zip"), { level: 0 }],
    "META-INF/container.xml": strToU8(container),
    "EPUB/package.opf": strToU8(opf),
    "EPUB/nav.xhtml": strToU8(nav),
    "EPUB/content.xhtml": strToU8(content),
    "EPUB/style.css": strToU8(EPUB_STYLE),
  };
  if (cover) files[`EPUB/${coverName(version)}`] = [cover.bytes, { level: 0 }];
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}

// ---------------------------------------------------------------------------------------------
// A static site: both languages' pages, the PDFs and EPUBs, hostable on any web server

export async function publicationSite(version: Version, slug: string, cover: Cover = null): Promise<Uint8Array> {
  const files: Zippable = {};
  if (cover) files[`${slug}/${coverName(version)}`] = [cover.bytes, { level: 0 }];
  const pageFile = (language: Language, part: number) => `${language === "en" ? "index" : "fr"}${part > 1 ? `-${part}` : ""}.html`;
  const links: PageLinks = { page: pageFile, file: (name) => name, offerSite: false };
  for (const language of ["en", "fr"] as const) {
    const first = publicationPage({ version, slug, language, part: 1, links });
    if (!first) continue;
    for (let part = 1; part <= first.parts; part += 1) {
      const page = part === 1 ? first : publicationPage({ version, slug, language, part, links });
      if (page) files[`${slug}/${pageFile(language, part)}`] = strToU8(page.html);
    }
    files[`${slug}/${downloadName(slug, "pdf", language)}`] = [new Uint8Array(await publicationPdf(version, language, cover)), { level: 0 }];
    files[`${slug}/${downloadName(slug, "epub", language)}`] = [publicationEpub(version, language, cover), { level: 0 }];
  }
  return zipSync(files, { level: 6 });
}
