// `npm start` builds when needed: when there is no build, or a source file is newer than it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "server", "locales", "public", "prisma/demo", "prisma/data", "prisma/seed.ts", "vite.config.ts", "vite.islands.config.ts", "vite.launcher.config.ts", "react-router.config.ts", "package-lock.json"];
export const BUILD_STAMP = "build/.praxis-build-stamp";
/** The compiled server/index.ts that `npm start` runs. */
export const LAUNCHER = "build/server/start.js";

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildCurrent(root: string): boolean {
  const stamp = join(root, BUILD_STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, "build/server/index.js")) || !existsSync(join(root, LAUNCHER))) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(root, source)) <= builtAt);
}

export function ensureBuild(root: string): void {
  if (isBuildCurrent(root)) return;
  process.stdout.write("Building Praxis (first start or changed sources)…\n");
  const startedAt = Date.now();
  // The app, the islands (small scripts for pages that ship no app bundle), then the compiled
  // launcher, as `npm run build`.
  const steps = [
    [join(root, "node_modules/@react-router/dev/bin.js"), "build"],
    [join(root, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.islands.config.ts"],
    [join(root, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.launcher.config.ts"],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      process.stderr.write(String(result.stdout) + String(result.stderr));
      throw new Error("The build failed; see the messages above.");
    }
  }
  process.stdout.write(`Built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.\n`);
  // Stamp with the time the build started, so edits made during the build trigger a rebuild.
  writeFileSync(join(root, BUILD_STAMP), new Date(startedAt).toISOString());
  utimesSync(join(root, BUILD_STAMP), new Date(startedAt), new Date(startedAt));
}

