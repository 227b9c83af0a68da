// Where prepared data exports wait for their one download: in the file store (disk, or the
// shared bucket when FILES_URL is set), so whichever instance serves the link can read them.
// An export is the member's personal data, so it is sealed before it leaves the process:
// AES-256-GCM with a fresh random key per export. The key, IV and tag are handed back to be
// kept in the export's database row, never beside the bytes, so the store alone reveals nothing.
// Sealed bytes are named by their hash like any stored file; a random key makes each unique.
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM } from "node:crypto";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { pipeline, type Readable } from "node:stream";
import { env } from "./env.server";
import { deleteFile, openFile, storeFile, type StoreResult } from "./file-store.server";
import { describeError, log } from "./log.server";

export interface SealedExport {
  /** The sealed zip's name in the file store. */
  fileHash: string;
  /** "<key>.<iv>.<tag>", base64url: opens the sealed zip. */
  sealKey: string;
  /** Bytes of the zip (GCM adds none: sealed and plain sizes are equal). */
  size: number;
}

// Far above any real export; the store wants a ceiling.
const MAX_EXPORT_BYTES = 64 * 1024 ** 3;

/** A plaintext sink that seals into the file store as it is written. */
export function openExportWriter(): { stream: CipherGCM; commit(): Promise<SealedExport>; abort(): Promise<void> } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const stored: Promise<StoreResult> = storeFile(cipher, { maxBytes: MAX_EXPORT_BYTES });
  // Awaited by commit or abort; never an unhandled rejection in between.
  stored.catch(() => undefined);
  return {
    stream: cipher,
    async commit() {
      const result = await stored;
      if (!result.ok) throw new Error(`export not stored: ${result.error}`);
      const sealKey = [key, iv, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
      return { fileHash: result.file.hash, sealKey, size: result.file.size };
    },
    async abort() {
      cipher.destroy(new Error("export aborted"));
      const result = await stored.catch(() => null);
      if (result?.ok) await deleteFile(result.file.hash);
    },
  };
}

function parseSealKey(sealKey: string): { key: Buffer; iv: Buffer; tag: Buffer } | null {
  const [key, iv, tag] = sealKey.split(".").map((part) => Buffer.from(part, "base64url"));
  if (key?.length !== 32 || iv?.length !== 12 || tag?.length !== 16) return null;
  return { key, iv, tag };
}

/**
 * The zip, unsealed while it streams. GCM authenticates at the end: bytes altered in the store
 * make the stream fail there, so the download breaks off instead of completing.
 */
export async function openExportFile(sealed: { fileHash: string; sealKey: string }): Promise<{ stream: Readable; size: number } | null> {
  const parts = parseSealKey(sealed.sealKey);
  if (!parts) return null;
  const file = await openFile(sealed.fileHash);
  if (!file) return null;
  const decipher = createDecipheriv("aes-256-gcm", parts.key, parts.iv);
  decipher.setAuthTag(parts.tag);
  const stream = pipeline(file.stream, decipher, (error) => {
    if (error && error.name !== "AbortError") log("warn", "export download cut off", describeError(error));
  });
  return { stream, size: file.size };
}

export async function deleteExportFile(fileHash: string): Promise<void> {
  await deleteFile(fileHash);
}

/**
 * Exports were once kept unsealed in FILES_DIR/exports on the instance that made them. That
 * folder is removed wherever it is left; a no-op once gone.
 */
export async function removeLegacyExportFolder(): Promise<void> {
  await rm(resolve(env().FILES_DIR, "exports"), { recursive: true, force: true });
}
