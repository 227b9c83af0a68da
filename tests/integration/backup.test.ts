// `praxis backup` → `praxis restore` into an empty database and file store gives back every
// table row and every stored file, byte for byte; encrypted with a passphrase too; and a damaged
// backup is refused before anything is written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { sqliteFilePath } from "~/infra/database-url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const filesDir = mkdtempSync(join(tmpdir(), "praxis-files-"));
const praxis = usePraxis({ env: { FILES_DIR: filesDir } });
const created: TestDatabase[] = [];
afterAll(async () => Promise.all(created.map((db) => db.drop())));

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

async function tables(url: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (url.startsWith("file:")) {
    if (!existsSync(sqliteFilePath(url))) return out;
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    for (const { name } of names) out[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    db.close();
    return out;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: names } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  for (const { tablename } of names) out[tablename] = (await client.query(`SELECT * FROM "${tablename}"`)).rows.map((row) => JSON.stringify(row)).sort();
  await client.end();
  return out;
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (!path.startsWith("tmp")) out[path] = readFileSync(join(dir, path)).toString("base64");
  }
  return out;
}

describe("backup and restore", () => {
  beforeAll(async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    expect((await browser.post("/community", { intent: "new-thread", title: "Kept in the backup", body: "Every word", language: "en" })).status).toBe(303);
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawText("A report worth keeping", { x: 20, y: 150, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    const form = new FormData();
    for (const [key, value] of Object.entries({ kind: "file", title: "Report", description: "", language: "en", type: "report", tags: "", visibility: "community", groupSlug: "" })) form.append(key, value);
    form.append("file", new Blob([new Uint8Array(await doc.save())]), "report.pdf");
    const uploaded = await fetch(new URL("/library/new", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
    expect(uploaded.status).toBe(303);
    expect(Object.keys(files(filesDir)).length).toBeGreaterThan(0);
  });

  for (const passphrase of [undefined, "a long backup passphrase"]) {
    it(`restores every table and file ${passphrase ? "from an encrypted backup" : ""}`, { timeout: 120_000 }, async () => {
      const dir = join(mkdtempSync(join(tmpdir(), "praxis-backup-")), "backup");
      const secret: Record<string, string> = passphrase ? { PRAXIS_BACKUP_PASSPHRASE: passphrase } : {};
      const made = cli(["backup", dir], { DATABASE_URL: praxis.database.url, FILES_DIR: filesDir, ...secret });
      expect(made.status, made.output).toBe(0);
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
      expect(manifest.encrypted).toBe(Boolean(passphrase));
      if (passphrase) expect(readFileSync(join(dir, manifest.entries[0].path)).includes(Buffer.from("Kept in the backup"))).toBe(false);

      const target = await createTestDatabase();
      created.push(target);
      const targetFiles = mkdtempSync(join(tmpdir(), "praxis-restored-"));
      if (passphrase) {
        const wrong = cli(["restore", dir], { DATABASE_URL: target.url, FILES_DIR: targetFiles, PRAXIS_BACKUP_PASSPHRASE: "not the right passphrase" });
        expect(wrong.status).not.toBe(0);
        expect(wrong.output).toMatch(/wrong passphrase/);
      }
      const restored = cli(["restore", dir], { DATABASE_URL: target.url, FILES_DIR: targetFiles, ...secret });
      expect(restored.status, restored.output).toBe(0);
      expect(await tables(target.url)).toEqual(await tables(praxis.database.url));
      expect(files(targetFiles)).toEqual(files(filesDir));

      // Into a database that is no longer empty: refused.
      const again = cli(["restore", dir], { DATABASE_URL: target.url, FILES_DIR: mkdtempSync(join(tmpdir(), "praxis-restored-")), ...secret });
      expect(again.status).not.toBe(0);
      expect(again.output).toMatch(/not empty/);
    });
  }

  it("refuses a damaged backup before writing anything", { timeout: 60_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "praxis-backup-")), "backup");
    expect(cli(["backup", dir], { DATABASE_URL: praxis.database.url, FILES_DIR: filesDir }).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const stored = manifest.entries.find((e: { path: string }) => e.path.startsWith("files/"));
    writeFileSync(join(dir, stored.path), "tampered");
    const target = await createTestDatabase();
    created.push(target);
    const targetFiles = mkdtempSync(join(tmpdir(), "praxis-restored-"));
    const result = cli(["restore", dir], { DATABASE_URL: target.url, FILES_DIR: targetFiles });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/checksum mismatch/);
    expect(Object.keys(await tables(target.url))).toEqual([]);
    expect(files(targetFiles)).toEqual({});
  });
});
