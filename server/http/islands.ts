// Where the islands' scripts are: in production the hashed files the islands build wrote (its
// manifest names them); in development Vite serves the sources as modules.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "~/infra/log.server";

const ISLANDS = { live: "app/islands/live.ts", pack: "app/islands/pack.ts", serviceWorker: "app/islands/service-worker.ts" } as const;

export function islandScripts(clientDir: string | undefined): Record<string, string> {
  // Development: Vite serves the sources (no service worker: it would cache Vite's modules).
  if (!clientDir) return { live: `/${ISLANDS.live}`, pack: `/${ISLANDS.pack}` };
  const manifestPath = join(clientDir, "assets/islands/.vite/manifest.json");
  if (!existsSync(manifestPath)) {
    // Pages still work (links and plain forms); they are just not live.
    log("warn", "islands manifest missing: pages will not be live", { path: manifestPath });
    return {};
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, { file: string }>;
  const scripts: Record<string, string> = {};
  for (const [name, source] of Object.entries(ISLANDS)) {
    const entry = manifest[source];
    if (entry) scripts[name] = `/assets/islands/${entry.file}`;
  }
  return scripts;
}
