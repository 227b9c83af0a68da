// The file store: bytes kept outside the database, named by the SHA-256 of their content, so
// the same file uploaded twice is stored once. Writes go to a temporary file first and are
// renamed into place only when complete, so a failed or oversize write leaves nothing behind.
//
// One backend today: a local folder (FILES_DIR, default ./data/files). The FileStore interface
// is what an S3-compatible backend would implement (put by hash, open by hash, delete); none is
// wired yet because no small, well-kept Node 20 S3 client could be tested honestly here.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "./env.server";
import { newId } from "./ids.server";
import { sniffMime } from "./file-type";

export interface StoredFile {
  hash: string;
  size: number;
  /** Sniffed from the bytes, never from a name: "application/octet-stream" when unknown. */
  mime: string;
}

export type StoreResult = { ok: true; file: StoredFile } | { ok: false; error: "tooLarge" | "empty" };

export interface FileStore {
  put(input: Readable | Uint8Array, options: { maxBytes: number }): Promise<StoreResult>;
  open(hash: string): Promise<{ stream: Readable; size: number } | null>;
  remove(hash: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

class TooLarge extends Error {}

/** The local-folder store: <root>/<first two hex>/<hash>, temporary files in <root>/tmp. */
export function localFileStore(rootDir: string): FileStore {
  const root = resolve(rootDir);
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash);

  return {
    async put(input, { maxBytes }) {
      const tmpDir = join(root, "tmp");
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${newId()}.part`);
      const hasher = createHash("sha256");
      let size = 0;
      let head = Buffer.alloc(0);
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > maxBytes) return callback(new TooLarge());
          if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
          hasher.update(chunk);
          callback(null, chunk);
        },
      });
      const source = input instanceof Readable ? input : Readable.from([Buffer.from(input)]);
      try {
        await pipeline(source, meter, createWriteStream(tmp, { flags: "wx" }));
        if (size === 0) {
          await rm(tmp, { force: true });
          return { ok: false, error: "empty" };
        }
        const hash = hasher.digest("hex");
        const finalPath = pathOf(hash);
        await mkdir(join(root, hash.slice(0, 2)), { recursive: true });
        // Same content already stored: keep the existing file (same bytes by definition).
        await rename(tmp, finalPath);
        return { ok: true, file: { hash, size, mime: sniffMime(head) } };
      } catch (error) {
        await rm(tmp, { force: true });
        if (error instanceof TooLarge) return { ok: false, error: "tooLarge" };
        throw error;
      }
    },

    async open(hash) {
      if (!HASH.test(hash)) return null;
      const path = pathOf(hash);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },

    async remove(hash) {
      if (!HASH.test(hash)) return;
      await rm(pathOf(hash), { force: true });
    },
  };
}

let store: FileStore | undefined;

export function fileStore(): FileStore {
  store ??= localFileStore(env().FILES_DIR);
  return store;
}

/** Stores bytes (a stream or a buffer), refusing more than maxBytes; nothing remains on failure. */
export function storeFile(input: Readable | Uint8Array, options: { maxBytes: number }): Promise<StoreResult> {
  return fileStore().put(input, options);
}

export function openFile(hash: string) {
  return fileStore().open(hash);
}

export function deleteFile(hash: string) {
  return fileStore().remove(hash);
}
