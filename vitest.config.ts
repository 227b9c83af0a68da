import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Integration tests start real Praxis processes; they run once on SQLite and once on
// PostgreSQL (the "postgres" project), with the same files.
const shared = {
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
};

export default defineConfig({
  ...shared,
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    // Three files at once on two cores: an integration file spends most of its time waiting on
    // the Praxis process it started (and on the database), not computing.
    maxWorkers: 3,
    projects: [
      { ...shared, extends: true, test: { name: "unit", include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts"] } },
      { ...shared, extends: true, test: { name: "sqlite", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE: "sqlite" } } },
      { ...shared, extends: true, test: { name: "postgres", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE: "postgres" } } },
    ],
  },
});
