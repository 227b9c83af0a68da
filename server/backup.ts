// `npm run praxis -- backup <dir>` and `restore <dir>`: a consistent snapshot of the database
// (SQLite's online backup through better-sqlite3, or pg_dump for PostgreSQL) and the file store,
// with a manifest of SHA-256 checksums that restore verifies. With PRAXIS_BACKUP_PASSPHRASE every
// file is encrypted with AES-256-GCM under a key derived by scrypt (Node's crypto, no custom
// cipher): "PRAXISBK1" | salt (16) | iv (12) | ciphertext | tag (16).
import { spawnSync } from "node:child_process";
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "../app/infra/database-url";

const MAGIC = Buffer.from("PRAXISBK1");
const HEADER = MAGIC.length + 16 + 12;
const TAG = 16;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface Manifest {
  format: "praxis-backup";
  version: 1;
  createdAt: string;
  database: "sqlite" | "postgresql";
  encrypted: boolean;
  /** Every file in the backup, by its path inside it, with the SHA-256 of its plain content. */
  entries: Array<{ path: string; bytes: number; sha256: string }>;
}

export interface BackupOptions {
  databaseUrl: string;
  filesDir: string;
  passphrase?: string;
}

const key = (passphrase: string, salt: Buffer) => scryptSync(passphrase, salt, 32, SCRYPT);

/** Copies source to target, encrypting when asked; resolves with the plain content's size and hash. */
async function writeEntry(source: string, target: string, passphrase: string | undefined) {
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const out = createWriteStream(target);
  if (!passphrase) {
    await pipeline(createReadStream(source), meter, out);
  } else {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key(passphrase, salt), iv);
    out.write(Buffer.concat([MAGIC, salt, iv]));
    await pipeline(createReadStream(source), meter, cipher, out, { end: false });
    await new Promise<void>((resolveEnd) => out.end(cipher.getAuthTag(), () => resolveEnd()));
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Reads an entry back (decrypting when needed) into target; resolves with its plain hash. */
async function readEntry(source: string, target: string, passphrase: string | undefined): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash("sha256");
  const meter = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  if (!passphrase) {
    await pipeline(createReadStream(source), meter, createWriteStream(target));
    return hash.digest("hex");
  }
  const { size } = await stat(source);
  const handle = await open(source, "r");
  const header = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  await handle.read(header, 0, HEADER, 0);
  await handle.read(tag, 0, TAG, size - TAG);
  await handle.close();
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${source} is not an encrypted Praxis backup file`);
  const salt = header.subarray(MAGIC.length, MAGIC.length + 16);
  const iv = header.subarray(MAGIC.length + 16, HEADER);
  const decipher = createDecipheriv("aes-256-gcm", key(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  const ciphertext = size - HEADER - TAG > 0 ? createReadStream(source, { start: HEADER, end: size - TAG - 1 }) : PassThrough.from([]);
  try {
    await pipeline(ciphertext, decipher, meter, createWriteStream(target));
  } catch (error) {
    await rm(target, { force: true });
    throw new Error(`${source}: wrong passphrase or damaged file (${(error as Error).message})`);
  }
  return hash.digest("hex");
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    // Half-written uploads are not part of the store.
    .filter((path) => !path.startsWith("tmp/"))
    .sort();
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.trim()}`);
}

export async function backup(dir: string, options: BackupOptions): Promise<Manifest> {
  const target = resolve(dir);
  if (existsSync(target) && (await readdir(target)).length > 0) throw new Error(`${target} is not empty`);
  await mkdir(target, { recursive: true });
  const kind = databaseKind(options.databaseUrl);
  const scratch = join(target, ".scratch");
  await mkdir(scratch, { recursive: true });
  const entries: Manifest["entries"] = [];
  try {
    const dump = join(scratch, kind === "sqlite" ? "database.sqlite" : "database.pgdump");
    if (kind === "sqlite") {
      // The online backup API: a consistent copy while the server keeps writing.
      const db = new Database(sqliteFilePath(options.databaseUrl), { readonly: true, fileMustExist: true });
      try {
        await db.backup(dump);
      } finally {
        db.close();
      }
    } else {
      run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${dump}`, `--dbname=${options.databaseUrl}`]);
    }
    const name = kind === "sqlite" ? "database.sqlite" : "database.pgdump";
    entries.push({ path: name, ...(await writeEntry(dump, join(target, name), options.passphrase)) });
    for (const path of await filesUnder(resolve(options.filesDir))) {
      entries.push({ path: `files/${path}`, ...(await writeEntry(join(resolve(options.filesDir), path), join(target, "files", path), options.passphrase)) });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const manifest: Manifest = { format: "praxis-backup", version: 1, createdAt: new Date().toISOString(), database: kind, encrypted: Boolean(options.passphrase), entries };
  await writeFile(join(target, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

async function isEmptyDatabase(url: string): Promise<boolean> {
  if (databaseKind(url) === "sqlite") {
    const path = sqliteFilePath(url);
    if (!existsSync(path)) return true;
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n === 0;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

export async function restore(dir: string, options: BackupOptions): Promise<Manifest> {
  const source = resolve(dir);
  const manifest = JSON.parse(await readFile(join(source, "manifest.json"), "utf8")) as Manifest;
  if (manifest.format !== "praxis-backup" || manifest.version !== 1) throw new Error("not a Praxis backup (manifest.json)");
  if (manifest.encrypted && !options.passphrase) throw new Error("this backup is encrypted: set PRAXIS_BACKUP_PASSPHRASE");
  const kind = databaseKind(options.databaseUrl);
  if (kind !== manifest.database) throw new Error(`this backup is of a ${manifest.database} database, DATABASE_URL is ${kind}`);
  if (!(await isEmptyDatabase(options.databaseUrl))) throw new Error("the database is not empty: restore only into an empty one");
  const filesDir = resolve(options.filesDir);
  if ((await filesUnder(filesDir)).length > 0) throw new Error(`${filesDir} is not empty: restore only into an empty file store`);
  const passphrase = manifest.encrypted ? options.passphrase : undefined;

  // Every checksum first, into a scratch folder, so a damaged backup changes nothing.
  const scratch = join(filesDir, "..", `.praxis-restore-${randomBytes(4).toString("hex")}`);
  try {
    for (const entry of manifest.entries) {
      if (entry.path.includes("..")) throw new Error(`unsafe path in manifest: ${entry.path}`);
      const sha256 = await readEntry(join(source, entry.path), join(scratch, entry.path), passphrase);
      if (sha256 !== entry.sha256) throw new Error(`checksum mismatch: ${entry.path}`);
    }
    const dump = join(scratch, kind === "sqlite" ? "database.sqlite" : "database.pgdump");
    if (kind === "sqlite") {
      const path = sqliteFilePath(options.databaseUrl);
      await mkdir(dirname(path), { recursive: true });
      await rm(path, { force: true });
      const db = new Database(dump, { readonly: true });
      try {
        await db.backup(path);
      } finally {
        db.close();
      }
    } else {
      run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${options.databaseUrl}`, dump]);
    }
    for (const entry of manifest.entries.filter((e) => e.path.startsWith("files/"))) {
      const target = join(filesDir, entry.path.slice("files/".length));
      await mkdir(dirname(target), { recursive: true });
      await pipeline(createReadStream(join(scratch, entry.path)), createWriteStream(target));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return manifest;
}
