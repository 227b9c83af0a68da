// Generates both Prisma clients (SQLite and PostgreSQL) from the one schema; runs at npm install.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { schemaFor, schemaPath } from "./provider-schema";

// The CLI must never try to fetch a native engine: these machines cannot download one.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
// Beside the source, so the relative output path stays right; ignored by git.
const postgresSchema = fileURLToPath(new URL("../schema.postgresql.prisma", import.meta.url));
writeFileSync(postgresSchema, schemaFor("postgresql"));

for (const schema of [schemaPath, postgresSchema]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], { stdio: "inherit" });
}
