// `npm run bench`: runs every tests/bench/*.bench.ts in turn and prints its figures.
// Benchmarks measure (speed, memory, bytes); they never pass or fail a build.
// Run one: npm run bench -- discussions
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "../../server/build";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
ensureBuild(fileURLToPath(new URL("../..", import.meta.url)));

const files = readdirSync(here).filter((file) => file.endsWith(".bench.ts") && (!only || file.includes(only))).sort();
for (const file of files) {
  process.stdout.write(`\n=== ${file.replace(".bench.ts", "")} ===\n`);
  const module = (await import(new URL(file, import.meta.url).href)) as { run(): Promise<void> };
  const started = Date.now();
  await module.run();
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exit(0);
