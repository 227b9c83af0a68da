// The public side of publications, shared by the /p/ routes: nothing here reads a session or
// sets a cookie, and the language comes only from `?lng=` (English without it), so a reader
// leaves no trace on the server and the page is the same for everyone.
import { coverBytes, publicVersion, type PublicLookup } from "~/domain/publications.server";
import { coverName, goneOrMissingPage, publicationEpub, publicationPage, publicationPdf, publicationSite, type PageLinks } from "~/domain/publication-outputs.server";
import { downloadName, siteName, type PublicationLanguage } from "~/domain/publications";

type Live = Extract<PublicLookup, { state: "live" }>;

function languageOf(url: URL): PublicationLanguage {
  return url.searchParams.get("lng") === "fr" ? "fr" : "en";
}

const HTML_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  // Taken down means taken down: a browser asks again each time.
  "Cache-Control": "no-cache",
};

function notLive(lookup: Exclude<PublicLookup, Live>, language: PublicationLanguage): Response {
  if (lookup.state === "gone") return new Response(goneOrMissingPage(language, "gone", lookup.unpublishedAt), { status: 410, headers: HTML_HEADERS });
  return new Response(goneOrMissingPage(language, "missing"), { status: 404, headers: HTML_HEADERS });
}

function parseNumber(value: string | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  return /^[1-9]\d{0,4}$/.test(value) ? Number(value) : null;
}

async function lookup(address: string, versionParam?: string): Promise<PublicLookup> {
  const number = parseNumber(versionParam);
  if (number === null) return { state: "missing" };
  return publicVersion(address, number);
}

function linksFor(address: string, versionNumber: number | null): PageLinks {
  const base = `/p/${address}${versionNumber === null ? "" : `/v/${versionNumber}`}`;
  const query = (language: PublicationLanguage, part: number) => {
    const params = new URLSearchParams();
    if (language === "fr") params.set("lng", "fr");
    if (part > 1) params.set("part", String(part));
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  return {
    page: (language, part) => `${base}${query(language, part)}`,
    file: (name) => `${base}/${name}`,
    version: (number, language) => `/p/${address}${number === null ? "" : `/v/${number}`}${query(language, 1)}`,
    exit: "/exit",
  };
}

/** A publication's page: GET /p/<address>[/v/<n>][?lng=fr][&part=2]. */
export async function publicPageResponse(request: Request, address: string, versionParam: string | undefined, nonce: string): Promise<Response> {
  const url = new URL(request.url);
  const language = languageOf(url);
  const found = await lookup(address, versionParam);
  if (found.state !== "live") return notLive(found, language);
  const partParam = url.searchParams.get("part");
  const part = partParam === null ? 1 : /^[1-9]\d{0,2}$/.test(partParam) ? Number(partParam) : 0;
  const page = publicationPage({
    version: found.version,
    slug: found.publication.slug,
    language,
    part,
    links: linksFor(address, versionParam === undefined ? null : found.version.number),
    nonce,
    versions: found.approved,
    isLatest: found.isLatest,
    unlisted: found.publication.visibility !== "public",
  });
  if (!page) return notLive({ state: "missing" }, language);
  const headers = new Headers(HTML_HEADERS);
  if (found.publication.visibility !== "public") headers.set("X-Robots-Tag", "noindex");
  return new Response(page.html, { status: 200, headers });
}

/** A download: <slug>-en.pdf, <slug>-fr.epub, <slug>-site.zip (of the latest or a given version). */
export async function publicFileResponse(request: Request, address: string, versionParam: string | undefined, file: string): Promise<Response> {
  const language = languageOf(new URL(request.url));
  const found = await lookup(address, versionParam);
  if (found.state !== "live") return notLive(found, language);
  const { version, publication } = found;
  const slug = publication.slug;
  const suffix = `-v${version.number}`;
  let body: Uint8Array;
  let type: string;
  let name: string;
  const cover = version.coverHash ? await coverBytes(version) : null;
  if (cover && file === coverName(version)) {
    return new Response(cover.bytes as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": cover.mime, "Cache-Control": "no-cache", "Content-Disposition": `inline; filename="${file}"` } });
  }
  if (file === downloadName(slug, "pdf", "en") || file === downloadName(slug, "pdf", "fr")) {
    const fileLanguage = file.endsWith("-fr.pdf") ? "fr" : "en";
    body = new Uint8Array(await publicationPdf(version, fileLanguage, cover));
    type = "application/pdf";
    name = `${slug}${suffix}-${fileLanguage}.pdf`;
  } else if (file === downloadName(slug, "epub", "en") || file === downloadName(slug, "epub", "fr")) {
    const fileLanguage = file.endsWith("-fr.epub") ? "fr" : "en";
    body = publicationEpub(version, fileLanguage, cover);
    type = "application/epub+zip";
    name = `${slug}${suffix}-${fileLanguage}.epub`;
  } else if (file === siteName(slug)) {
    body = await publicationSite(version, slug, cover);
    type = "application/zip";
    name = `${slug}${suffix}-site.zip`;
  } else {
    return notLive({ state: "missing" }, language);
  }
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-cache",
      ...(publication.visibility !== "public" ? { "X-Robots-Tag": "noindex" } : {}),
    },
  });
}
