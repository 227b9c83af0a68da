// Test fixture: a private database and a real Praxis server for one test file.
// The test process talks to the same database through the domain modules (factories).
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./database";
import { startPraxisProcess, type RunningPraxis } from "./server";

export interface PraxisFixture {
  url: string;
  database: TestDatabase;
  server: RunningPraxis;
  /** Starts another instance on the same database (scale-out tests). */
  startAnother(env?: Record<string, string>): Promise<RunningPraxis>;
  /** Restarts the main server (e.g. after a hard kill) on a new port. */
  restart(): Promise<void>;
}

export function usePraxis(options: { env?: Record<string, string> } = {}): PraxisFixture {
  const fixture = {} as PraxisFixture;
  const extra: RunningPraxis[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    // Before any domain module reads the configuration.
    process.env.DATABASE_URL = database.url;
    const env = { DATABASE_URL: database.url, ...options.env };
    fixture.database = database;
    fixture.server = await startPraxisProcess(env);
    fixture.url = fixture.server.url;
    fixture.startAnother = async (more = {}) => {
      const server = await startPraxisProcess({ ...env, ...more });
      extra.push(server);
      return server;
    };
    fixture.restart = async () => {
      await fixture.server.stop();
      fixture.server = await startPraxisProcess(env);
      fixture.url = fixture.server.url;
    };
  });

  afterAll(async () => {
    await Promise.all([fixture.server?.stop(), ...extra.map((server) => server.stop())]);
    const { disconnectDb } = await import("~/infra/db.server");
    await disconnectDb();
    await fixture.database?.drop();
  });

  return fixture;
}
