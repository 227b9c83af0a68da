// Where prepared data exports wait for their one download: FILES_DIR/exports/<id>.zip, written
// as .part first and renamed when complete, deleted after the download or when they expire.
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { env } from "./env.server";

const ID = /^[A-Za-z0-9_-]{8,64}$/;

function dir(): string {
  return resolve(env().FILES_DIR, "exports");
}

function pathOf(id: string, part = false): string {
  if (!ID.test(id)) throw new Error("bad export id");
  return join(dir(), `${id}.zip${part ? ".part" : ""}`);
}

export async function openExportWriter(id: string): Promise<{ stream: WriteStream; commit(): Promise<number>; abort(): Promise<void> }> {
  await mkdir(dir(), { recursive: true });
  const stream = createWriteStream(pathOf(id, true), { mode: 0o600 });
  const closed = () => new Promise<void>((done, fail) => (stream.closed ? done() : stream.end(() => done()), stream.once("error", fail)));
  return {
    stream,
    async commit() {
      await closed();
      await rename(pathOf(id, true), pathOf(id));
      return (await stat(pathOf(id))).size;
    },
    async abort() {
      stream.destroy();
      await rm(pathOf(id, true), { force: true });
    },
  };
}

export async function openExportFile(id: string): Promise<{ stream: Readable; size: number } | null> {
  try {
    const { size } = await stat(pathOf(id));
    return { stream: createReadStream(pathOf(id)), size };
  } catch {
    return null;
  }
}

export async function deleteExportFile(id: string): Promise<void> {
  await rm(pathOf(id), { force: true });
  await rm(pathOf(id, true), { force: true });
}
