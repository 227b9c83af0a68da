// Recognises a file's type from its first bytes (magic numbers), never from its name. Covers
// the kinds the library accepts, plus executables so they can be refused by name.
// Zip containers (office documents) need their entry list: see sniffZipKind.

export type Sniffed =
  | "application/pdf"
  | "application/zip"
  | "image/jpeg"
  | "image/png"
  | "image/gif"
  | "image/webp"
  | "audio/mpeg"
  | "audio/ogg"
  | "audio/wav"
  | "audio/mp4"
  | "application/x-executable"
  | "application/x-ole-storage"
  | "application/octet-stream";

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffMime(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "application/zip";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WAVE"), 8)) return "audio/wav";
  if (startsWith(bytes, ascii("OggS"))) return "audio/ogg";
  if (startsWith(bytes, ascii("ID3")) || (bytes.length > 1 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0)) {
    return "audio/mpeg";
  }
  if (startsWith(bytes, ascii("ftyp"), 4) && (startsWith(bytes, ascii("M4A "), 8) || startsWith(bytes, ascii("M4B "), 8))) return "audio/mp4";
  // Windows PE ("MZ"), ELF, Mach-O (both byte orders, fat binaries), and scripts with a shebang.
  if (
    startsWith(bytes, ascii("MZ")) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(bytes, ascii("#!"))
  ) {
    return "application/x-executable";
  }
  // Legacy Office (.doc/.xls/.ppt): a compound file that can carry macros and cannot be cleaned.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "application/x-ole-storage";
  return "application/octet-stream";
}

export const OFFICE_MIME = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
} as const;

/** What a zip holds, judged by its entry names (and the ODF `mimetype` entry's content). */
export function sniffZipKind(entryNames: string[], odfMimetype?: string): keyof typeof OFFICE_MIME | null {
  const names = new Set(entryNames);
  if (names.has("[Content_Types].xml")) {
    if (entryNames.some((n) => n.startsWith("word/"))) return "docx";
    if (entryNames.some((n) => n.startsWith("xl/"))) return "xlsx";
    if (entryNames.some((n) => n.startsWith("ppt/"))) return "pptx";
  }
  if (odfMimetype) {
    const entry = (Object.entries(OFFICE_MIME) as Array<[keyof typeof OFFICE_MIME, string]>).find(([key, mime]) => key.startsWith("od") && mime === odfMimetype.trim());
    if (entry) return entry[0];
  }
  return null;
}

/** The extension offered on download for a stored type. */
export const EXTENSION_FOR: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "audio/mpeg": "mp3",
  "audio/ogg": "ogg",
  "audio/wav": "wav",
  "audio/mp4": "m4a",
  ...Object.fromEntries(Object.entries(OFFICE_MIME).map(([ext, mime]) => [mime, ext])),
};
