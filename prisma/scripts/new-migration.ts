// Writes a new migration for both providers by diffing the schema as of the last migration
// (prisma/migrations/schema.snapshot.prisma) against prisma/schema.prisma, with Prisma's
// WebAssembly schema engine: no database and no native engine download needed.
// Usage: npm run migration:new -- <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { schemaFor, schemaPath, type Provider } from "./provider-schema";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- <snake_case_name>");
  process.exit(2);
}
const migrationsDir = fileURLToPath(new URL("../migrations/", import.meta.url));
const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");
const current = readFileSync(schemaPath, "utf8");
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;

// The engine reports a Rust panic through this global; without it the real message is lost.
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => console.error(`schema engine panic: ${message}`),
};

async function loadEngine() {
  const require = createRequire(import.meta.url);
  const engineDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = await import(join(engineDir, "schema_engine_bg.js"));
  // Node 20 cannot import .wasm modules, so instantiate the engine by hand.
  const wasm = new WebAssembly.Module(readFileSync(join(engineDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return glue;
}

const glue = await loadEngine();

async function diff(provider: Provider): Promise<string> {
  const next = schemaFor(provider, current);
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
  const engine = await glue.SchemaEngine.new({ datamodels: [["schema.prisma", next]] }, () => {}, adapter);
  const files = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: previous === null ? { tag: "empty" } : files(schemaFor(provider, previous)),
    to: files(next),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout as string;
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
let wrote = false;
for (const provider of ["sqlite", "postgresql"] as const) {
  const sql = await diff(provider);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const dir = join(migrationsDir, provider, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${dir}/migration.sql`);
  wrote = true;
}
if (wrote) writeFileSync(snapshotPath, current);
process.exit(0);
