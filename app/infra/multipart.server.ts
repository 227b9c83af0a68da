// Streaming multipart/form-data parsing with a size limit, for forms that carry a file and must
// work without JavaScript. The one file is read into memory up to maxBytes (the library cleans
// it before anything is written to disk); a larger file is cut off and reported, never buffered.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { unreadableForm } from "./form-body.server";

export interface ParsedMultipart {
  fields: Map<string, string[]>;
  file: { fieldName: string; fileName: string; bytes: Uint8Array } | null;
  isFileTooLarge: boolean;
}

const MAX_FIELDS = 60;
const MAX_FIELD_BYTES = 64 * 1024;

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

export async function parseMultipart(request: Request, options: { maxFileBytes: number }): Promise<ParsedMultipart> {
  const headers = Object.fromEntries(request.headers.entries());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers,
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: options.maxFileBytes, parts: MAX_FIELDS + 1 },
      defParamCharset: "utf8",
    });
  } catch {
    // No boundary, or not multipart at all: the client's mistake.
    throw unreadableForm(request);
  }
  const fields = new Map<string, string[]>();
  let file: ParsedMultipart["file"] = null;
  let isFileTooLarge = false;

  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => fields.set(name, [...(fields.get(name) ?? []), value]));
    parser.on("file", (fieldName, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!isFileTooLarge) chunks.push(chunk);
      });
      stream.on("limit", () => {
        isFileTooLarge = true;
        chunks.length = 0;
        stream.resume();
      });
      stream.on("end", () => {
        // An empty file input (nothing chosen) arrives as a part with no name and no bytes.
        if (!isFileTooLarge && (info.filename || chunks.length)) {
          file = { fieldName, fileName: info.filename ?? "", bytes: new Uint8Array(Buffer.concat(chunks)) };
        }
      });
      stream.on("error", reject);
    });
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  if (!request.body) throw unreadableForm(request);
  const body = Readable.fromWeb(request.body as unknown as NodeReadableStream);
  body.on("error", (error) => parser.destroy(error));
  body.pipe(parser);
  try {
    await done;
  } catch {
    // A body cut short, a part without Content-Disposition, a malformed header.
    body.destroy();
    throw unreadableForm(request);
  }
  return { fields, file, isFileTooLarge };
}
