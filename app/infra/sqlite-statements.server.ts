// Prisma's better-sqlite3 adapter prepares every query anew: SQLite parses and plans the same
// few hundred statements again on each page view (about a tenth of a thread page's server
// time). This keeps the prepared statements of one connection and hands them out again.
// Prepared statements survive schema changes (SQLite re-prepares them itself), and a statement
// only ever runs synchronously here, so one statement is never in use twice at once. A
// statement's column list is kept too: Prisma names every column it selects, and migrations
// run on a connection of their own before the app opens this one.
import type { Database, Statement } from "better-sqlite3";

/** Distinct SQL texts kept; Prisma's texts vary mostly by the length of IN (…) lists. */
const MAX_STATEMENTS = 500;

/**
 * What the adapter asks of `prepare(sql)`: bind, then `reader`, `run()`, `columns()`,
 * `raw().all()`. A real Statement can be bound once only, so a cached one gets its values at
 * each call instead.
 */
type Columns = ReturnType<Statement["columns"]>;
const columnsOf = new WeakMap<Statement, Columns>();

function boundStatement(statement: Statement, values: unknown[]) {
  return {
    get reader() {
      return statement.reader;
    },
    bind: (...bound: unknown[]) => boundStatement(statement, bound),
    run: () => statement.run(...values),
    columns: () => {
      let columns = columnsOf.get(statement);
      if (!columns) columnsOf.set(statement, (columns = statement.columns()));
      return columns;
    },
    raw: (toggle = true) => {
      statement.raw(toggle);
      return { all: () => statement.all(...values) };
    },
  };
}

/** Makes `client.prepare` reuse prepared statements, least recently used dropped first. */
export function reusePreparedStatements(client: Database): void {
  const prepare = client.prepare.bind(client);
  const statements = new Map<string, Statement>();
  (client as unknown as { prepare(sql: string): ReturnType<typeof boundStatement> }).prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = prepare(sql);
      if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return boundStatement(statement, []);
  };
}
