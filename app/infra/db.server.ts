// The one database client. DATABASE_URL picks the provider: SQLite file by default, PostgreSQL
// for postgres:// URLs. Both clients come from the same schema, so they share one type.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database as SqliteConnection } from "better-sqlite3";
import { PrismaClient as PostgresClient } from "../generated/prisma/postgresql/client";
import { PrismaClient } from "../generated/prisma/sqlite/client";
import { databaseKind, sqliteFilePath } from "./database-url";
import { reusePreparedStatements } from "./sqlite-statements.server";
import { env } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "../generated/prisma/sqlite/client";

let client: Db | undefined;

function connect(url: string): Db {
  if (databaseKind(url) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  // WAL is set by the migration runner; a busy timeout lets writers queue instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
  return new PrismaClient({ adapter: withReusedStatements(adapter) });
}

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;

/** The SQLite adapter, each connection it opens reusing its prepared statements. */
function withReusedStatements(factory: PrismaBetterSqlite3): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      // The adapter keeps its better-sqlite3 connection as `client` (not part of its types); if
      // a later version does not, queries simply go unprepared-cached as before.
      const client = (adapter as unknown as { client?: SqliteConnection }).client;
      if (typeof client?.prepare === "function") reusePreparedStatements(client);
      return adapter;
    },
  };
}

export function db(): Db {
  client ??= connect(env().DATABASE_URL);
  return client;
}

export async function disconnectDb(): Promise<void> {
  await client?.$disconnect();
  client = undefined;
}

/** True when the database answers a real read within two seconds (for /healthz). */
export async function isDatabaseReachable(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = db()
    .$queryRawUnsafe(`SELECT 1 FROM "_praxis_migrations" LIMIT 1`)
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
