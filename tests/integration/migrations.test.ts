// Migrations apply at start on an empty database, are skipped on a migrated one, can run from
// two processes at once, and refuse an edited migration.
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../prisma/migrate";
import { createTestDatabase, type TestDatabase } from "../support/database";

const databases: TestDatabase[] = [];
afterAll(async () => Promise.all(databases.map((database) => database.drop())));

async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

describe("migrations", () => {
  it("apply everything once, then nothing on an already-migrated database", async () => {
    const { url } = await freshDatabase();
    const first = await migrate(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrate(url)).toEqual([]);
  });

  it("are applied exactly once when two instances start together", async () => {
    const { url } = await freshDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const all = [...a, ...b].sort();
    expect(new Set(all).size).toBe(all.length);
    expect(await migrate(url)).toEqual([]);
  });

  it("refuse to run when an applied migration was edited", async () => {
    const { url, kind } = await freshDatabase();
    await migrate(url);
    if (kind === "sqlite") {
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(url.slice("file:".length));
      db.prepare(`UPDATE "_praxis_migrations" SET "checksum" = 'tampered'`).run();
      db.close();
    } else {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`UPDATE "_praxis_migrations" SET "checksum" = 'tampered'`);
      await client.end();
    }
    await expect(migrate(url)).rejects.toThrow(/was edited after it was applied/);
  });
});
