// GET /healthz: 200 {"status":"ok"} when the database answers, 503 when it does not.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseKind } from "../support/database";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

describe("health", () => {
  it("answers 200 while the database answers", async () => {
    const response = await fetch(`${praxis.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  // An embedded SQLite file cannot vanish from under the process that holds it open; a
  // PostgreSQL server can, so this runs in the PostgreSQL project.
  it.skipIf(testDatabaseKind() === "sqlite")("answers 503 when the database is gone", async () => {
    const url = new URL(praxis.database.url);
    const name = url.pathname.slice(1);
    url.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
    const response = await fetch(`${praxis.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });
});
