// The reused statements answer as fresh ones do, with each call's own values, through the
// calls Prisma's adapter makes (bind, reader, run, columns, raw().all()).
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { reusePreparedStatements } from "./sqlite-statements.server";

type Adapterish = { prepare(sql: string): { bind(values: unknown[]): { reader: boolean; run(): { changes: number }; columns(): Array<{ name: string }>; raw(): { all(): unknown[][] } } } };

function connection() {
  const client = new Database(":memory:");
  client.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  reusePreparedStatements(client);
  return client as unknown as Adapterish & Database.Database;
}

describe("reused prepared statements", () => {
  it("binds each call's values to the same SQL", () => {
    const client = connection();
    const insert = "INSERT INTO note (id, body) VALUES (?, ?)";
    for (const [id, body] of [[1, "one"], [2, "two"], [3, "three"]] as const) {
      const statement = client.prepare(insert).bind([id, body]);
      expect(statement.reader).toBe(false);
      expect(statement.run().changes).toBe(1);
    }
    const select = "SELECT id, body FROM note WHERE id > ? ORDER BY id";
    const first = client.prepare(select).bind([1]);
    expect(first.reader).toBe(true);
    expect(first.columns().map((column) => column.name)).toEqual(["id", "body"]);
    expect(first.raw().all()).toEqual([[2, "two"], [3, "three"]]);
    expect(client.prepare(select).bind([2]).raw().all()).toEqual([[3, "three"]]);
    // The first binding is not changed by the later one.
    expect(first.raw().all()).toEqual([[2, "two"], [3, "three"]]);
  });

  it("runs statements prepared without values, and keeps answering past the cache's size", () => {
    const client = connection();
    client.prepare("BEGIN").bind([]).run();
    for (let i = 0; i < 600; i++) client.prepare(`INSERT INTO note (id, body) VALUES (?, 'n${i}')`).bind([i]).run();
    client.prepare("COMMIT").bind([]).run();
    expect(client.prepare("SELECT count(*) FROM note").bind([]).raw().all()).toEqual([[600]]);
    expect(client.prepare("INSERT INTO note (id, body) VALUES (?, 'n0')").bind([1000]).run().changes).toBe(1);
  });

  it("reports a failed statement and stays usable", () => {
    const client = connection();
    const insert = "INSERT INTO note (id, body) VALUES (?, ?)";
    client.prepare(insert).bind([1, "one"]).run();
    expect(() => client.prepare(insert).bind([1, "again"]).run()).toThrow(/UNIQUE/);
    expect(client.prepare(insert).bind([2, "two"]).run().changes).toBe(1);
  });
});
