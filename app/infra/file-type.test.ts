// Type by content: the signatures the library accepts, and the ones it refuses by name.
import { describe, expect, it } from "vitest";
import { sniffMime, sniffZipKind } from "./file-type";

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))));

describe("sniffMime", () => {
  it("recognises documents, images and audio by their first bytes", () => {
    expect(sniffMime(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffMime(bytes([0x50, 0x4b, 0x03, 0x04]))).toBe("application/zip");
    expect(sniffMime(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe("image/jpeg");
    expect(sniffMime(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffMime(bytes("GIF89a"))).toBe("image/gif");
    expect(sniffMime(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
    expect(sniffMime(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBe("audio/wav");
    expect(sniffMime(bytes("OggS"))).toBe("audio/ogg");
    expect(sniffMime(bytes("ID3", [4, 0]))).toBe("audio/mpeg");
    expect(sniffMime(bytes([0, 0, 0, 0x20], "ftypM4A "))).toBe("audio/mp4");
  });

  it("names executables and legacy office files so they can be refused clearly", () => {
    expect(sniffMime(bytes("MZ", [0x90, 0]))).toBe("application/x-executable");
    expect(sniffMime(bytes([0x7f, 0x45, 0x4c, 0x46]))).toBe("application/x-executable");
    expect(sniffMime(bytes([0xcf, 0xfa, 0xed, 0xfe]))).toBe("application/x-executable");
    expect(sniffMime(bytes("#!/bin/sh\n"))).toBe("application/x-executable");
    expect(sniffMime(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe("application/x-ole-storage");
  });

  it("does not trust text that merely looks like something", () => {
    expect(sniffMime(bytes("<html><script>"))).toBe("application/octet-stream");
    expect(sniffMime(bytes(" %PDF-1.7"))).toBe("application/octet-stream");
    expect(sniffMime(new Uint8Array())).toBe("application/octet-stream");
  });
});

describe("sniffZipKind", () => {
  it("tells office documents apart by their entries, and refuses other zips", () => {
    expect(sniffZipKind(["[Content_Types].xml", "word/document.xml"])).toBe("docx");
    expect(sniffZipKind(["[Content_Types].xml", "xl/workbook.xml"])).toBe("xlsx");
    expect(sniffZipKind(["[Content_Types].xml", "ppt/presentation.xml"])).toBe("pptx");
    expect(sniffZipKind(["mimetype", "content.xml"], "application/vnd.oasis.opendocument.text")).toBe("odt");
    expect(sniffZipKind(["payload.exe", "readme.txt"])).toBeNull();
  });
});
