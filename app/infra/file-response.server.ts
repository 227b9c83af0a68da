// Serves a stored file (X-Content-Type-Options: nosniff comes from the security middleware, on
// every response): the sniffed type, a safe download name, nosniff, private caching with the
// content hash as ETag (a phone re-opening a PDF downloads nothing when it has not changed).
import { Readable } from "node:stream";
import { EXTENSION_FOR } from "./file-type";

/** Types a browser may show in place; everything else downloads. PDFs download: phones do that
 *  anyway, and the strict page CSP (object-src 'none') can keep a built-in viewer from opening. */
const INLINE = /^(image\/(jpeg|png|gif|webp)|audio\/)/;

export function contentDisposition(mime: string, fileName: string): string {
  const extension = EXTENSION_FOR[mime];
  let name = fileName.trim() || "download";
  if (extension && !name.toLowerCase().endsWith(`.${extension}`)) name = `${name}.${extension}`;
  const ascii = name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\;]/g, "_") || "download";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${INLINE.test(mime) ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse(request: Request, file: { stream: Readable; size: number; hash: string; mime: string; fileName: string }): Response {
  const etag = `"${file.hash}"`;
  const headers = new Headers({
    "Content-Type": file.mime,
    "Content-Disposition": contentDisposition(file.mime, file.fileName),
    "Cache-Control": "private, no-cache",
    ETag: etag,
  });
  if (request.headers.get("if-none-match") === etag) {
    file.stream.destroy();
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.size));
  return new Response(Readable.toWeb(file.stream) as unknown as ReadableStream, { status: 200, headers });
}
