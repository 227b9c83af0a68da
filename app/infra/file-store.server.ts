// The file store: bytes kept outside the database, named by the SHA-256 of their content, so
// the same file uploaded twice is stored once. Writes go to a temporary file first and are
// renamed into place only when complete, so a failed or oversize write leaves nothing behind.
//
// Two backends behind one interface: a local folder (FILES_DIR, default ./data/files), or an
// S3-compatible bucket (FILES_URL=s3://bucket/prefix) that several instances share. Both
// receive an upload into a local temporary file while hashing it (the name is the hash, known
// only at the end), then move it into place: a rename on disk, one PUT to the bucket.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
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

type Received = { ok: true; tmp: string; file: StoredFile } | { ok: false; error: "tooLarge" | "empty" };

/** Writes the input to a temporary file in tmpDir while hashing and metering it. */
async function receive(input: Readable | Uint8Array, maxBytes: number, tmpDir: string): Promise<Received> {
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
    await pipeline(source, meter, createWriteStream(tmp, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await rm(tmp, { force: true });
    if (error instanceof TooLarge) return { ok: false, error: "tooLarge" };
    throw error;
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    return { ok: false, error: "empty" };
  }
  return { ok: true, tmp, file: { hash: hasher.digest("hex"), size, mime: sniffMime(head) } };
}

/** The local-folder store: <root>/<first two hex>/<hash>, temporary files in <root>/tmp. */
export function localFileStore(rootDir: string): FileStore {
  const root = resolve(rootDir);
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash);

  return {
    async put(input, { maxBytes }) {
      const received = await receive(input, maxBytes, join(root, "tmp"));
      if (!received.ok) return received;
      try {
        await mkdir(join(root, received.file.hash.slice(0, 2)), { recursive: true });
        // Same content already stored: keep the existing file (same bytes by definition).
        await rename(received.tmp, pathOf(received.file.hash));
        return { ok: true, file: received.file };
      } finally {
        await rm(received.tmp, { force: true });
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

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** FILES_URL=s3://bucket/prefix → bucket and prefix (no leading or trailing slash). */
export function parseFilesUrl(url: string): S3Location | null {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) return null;
  return { bucket: match[1], prefix: (match[2] ?? "").replace(/^\/+|\/+$/g, "") };
}

/**
 * The S3-compatible store (AWS S3, MinIO, Garage, Ceph…): <prefix>/<first two hex>/<hash>.
 * Credentials come from the AWS SDK's usual sources (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY in the environment, or an instance role); S3_ENDPOINT points it at a
 * service other than AWS (path-style addressing, as those services expect).
 */
export async function s3FileStore(location: S3Location, options: { endpoint?: string; region: string; tmpDir: string }): Promise<FileStore> {
  // Loaded only when configured: the SDK is large and most installs keep files on disk.
  const { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand } = await import("@aws-sdk/client-s3");
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    // Plain uploads, not aws-chunked bodies with trailing checksums: many S3-compatible
    // services store the chunk framing as content. The content hash is checked on our side.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const keyOf = (hash: string) => [location.prefix, hash.slice(0, 2), hash].filter(Boolean).join("/");
  const missing = (error: unknown) => {
    const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return name === "NoSuchKey" || name === "NotFound" || $metadata?.httpStatusCode === 404;
  };

  return {
    async put(input, { maxBytes }) {
      const received = await receive(input, maxBytes, options.tmpDir);
      if (!received.ok) return received;
      const Key = keyOf(received.file.hash);
      try {
        const exists = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key })).then(() => true, (error) => {
          if (missing(error)) return false;
          throw error;
        });
        if (!exists) {
          await client.send(new PutObjectCommand({ Bucket: location.bucket, Key, Body: createReadStream(received.tmp), ContentLength: received.file.size, ContentType: "application/octet-stream" }));
        }
        return { ok: true, file: received.file };
      } finally {
        await rm(received.tmp, { force: true });
      }
    },

    async open(hash) {
      if (!HASH.test(hash)) return null;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: keyOf(hash) }));
        return { stream: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },

    async remove(hash) {
      if (!HASH.test(hash)) return;
      await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: keyOf(hash) }));
    },
  };
}

let store: Promise<FileStore> | undefined;

export function fileStore(): Promise<FileStore> {
  const config = env();
  const location = config.FILES_URL ? parseFilesUrl(config.FILES_URL) : null;
  store ??= location
    ? s3FileStore(location, { endpoint: config.S3_ENDPOINT, region: config.S3_REGION, tmpDir: join(tmpdir(), "praxis-uploads") })
    : Promise.resolve(localFileStore(config.FILES_DIR));
  return store;
}

/** Stores bytes (a stream or a buffer), refusing more than maxBytes; nothing remains on failure. */
export async function storeFile(input: Readable | Uint8Array, options: { maxBytes: number }): Promise<StoreResult> {
  return (await fileStore()).put(input, options);
}

export async function openFile(hash: string) {
  return (await fileStore()).open(hash);
}

export async function deleteFile(hash: string) {
  return (await fileStore()).remove(hash);
}
