// Applies pending SQL migrations for the configured database at start.
// Each migration and its bookkeeping row commit in one transaction (both SQLite and PostgreSQL
// have transactional DDL), and concurrent starts are serialised by a lock, so two instances
// booting together never apply the same migration twice.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "../app/infra/database-url";
import { projectRoot } from "../app/infra/project-root.server";

// From the project root: this module also runs bundled into the compiled launcher.
const migrationsRoot = join(projectRoot(), "prisma/migrations");
const LOCK_ID = 7_270_702; // any constant: the advisory lock PostgreSQL instances queue on

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const dir = join(migrationsRoot, provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead.`);
    }
  }
}

export async function migrate(databaseUrl: string): Promise<string[]> {
  return databaseKind(databaseUrl) === "postgresql"
    ? migratePostgres(databaseUrl)
    : migrateSqlite(databaseUrl);
}

function migrateSqlite(databaseUrl: string): string[] {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_praxis_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
    const appliedNow: string[] = [];
    for (const migration of readMigrations("sqlite")) {
      // BEGIN IMMEDIATE takes the write lock first, so a second process waits, then re-reads.
      db.exec("BEGIN IMMEDIATE");
      try {
        const rows = db.prepare(`SELECT "name", "checksum" FROM "_praxis_migrations"`).all() as Array<{ name: string; checksum: string }>;
        const applied = new Map(rows.map((row) => [row.name, row.checksum]));
        assertUnchanged(applied, [migration]);
        if (!applied.has(migration.name)) {
          db.exec(migration.sql);
          db.prepare(`INSERT INTO "_praxis_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`)
            .run(migration.name, migration.checksum, new Date().toISOString());
          appliedNow.push(migration.name);
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    }
    return appliedNow;
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_praxis_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL)`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_praxis_migrations"`);
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const migrations = readMigrations("postgresql");
    assertUnchanged(applied, migrations);
    const appliedNow: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_praxis_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, now())`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
