// Starts Praxis: validate configuration, migrate, prepare data, then serve HTTP, Socket.IO and
// Yjs on one port (with PRAXIS_PROCESSES, from several processes: see processes.ts). `npm start` runs the production build (building first if needed);
// NODE_ENV=development serves through Vite with hot reload.
import "./boot-env";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { env, isDemoAllowed, recordListenUrl } from "../app/infra/env.server";
import { describeError, log } from "../app/infra/log.server";
import { projectRoot } from "../app/infra/project-root.server";
import { migrate } from "../prisma/migrate";
import { ensureBuild } from "./build";
import { guardProcess, guardServer } from "./http/last-resort";
import { trackRequests } from "./http/drain";
import { limitHeapGrowth } from "./heap-growth";
import { isWorkerProcess, reportListening, superviseWorkers } from "./processes";
import { startProcessMetrics } from "./process-metrics";

interface PraxisEntry {
  createPraxis(options: { httpServer: ReturnType<typeof createServer>; viteMiddlewares?: unknown; clientDir?: string }): Promise<{ app: (req: never, res: never) => void; close(): Promise<void> }>;
  prepareDatabase(options: { demoAllowed: boolean }): Promise<{ demoNeeded: boolean }>;
  seedDemo(password: string): Promise<void>;
  hasDemoAccounts(username: string): Promise<boolean>;
  DEMO_ACCOUNTS: Array<{ username: string; displayName: string }>;
}

// This file runs compiled (build/server/start.js, `npm start`) or through tsx (development).
const root = projectRoot();
// Given to this same file to seed the demo community and exit (see seedDemoInChildProcess).
const SEED_DEMO_ONLY = "--seed-demo-only";

/** Seeding writes PDFs with pdf-lib, hashes eight passwords (Argon2id, 19 MiB each) and starts
 *  upload workers: a server that seeded in its own process kept 40–60 MB more for good. A child
 *  process gives that memory back when it exits. */
function seedDemoInChildProcess(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), SEED_DEMO_ONLY], {
    env: { ...process.env, PRAXIS_BUILD: "skip" },
    stdio: "inherit",
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding the demo community failed (exit ${code})`))));
  });
}

async function main() {
  guardProcess();
  const config = env();
  limitHeapGrowth(config.HEAP_GROWTH_PERCENT);
  const isDev = config.NODE_ENV === "development";
  // A worker of several processes: the primary has migrated, built and seeded.
  if (isWorkerProcess()) return serve({ prepared: true });

  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) log("info", "migrations applied", { migrations: applied });
  // The test harness builds once up front; its many servers must not rebuild under each other.
  if (!isDev && config.PRAXIS_BUILD !== "skip") ensureBuild(root);
  if (process.argv.includes(SEED_DEMO_ONLY)) {
    const { entry } = await loadEntry(isDev);
    const { demoNeeded } = await entry.prepareDatabase({ demoAllowed: isDemoAllowed() });
    if (demoNeeded) await entry.seedDemo(config.PRAXIS_DEMO_PASSWORD);
    process.exit(0);
  }
  if (config.PRAXIS_PROCESSES > 1 && !isDev) {
    // The child prepares the database (and seeds an empty one) without this process loading
    // the application; then the workers start on what it left.
    await seedDemoInChildProcess();
    // One spam-trap key for every process, so a form shown by one is accepted by another.
    const formSecret = config.APPLICATION_FORM_SECRET ?? randomBytes(32).toString("hex");
    return superviseWorkers(config.PRAXIS_PROCESSES, { PRAXIS_BUILD: "skip", APPLICATION_FORM_SECRET: formSecret });
  }
  await serve({ prepared: false });
}

/** The application: the production build, or through Vite in development. */
async function loadEntry(isDev: boolean, httpServer?: ReturnType<typeof createServer>): Promise<{ entry: PraxisEntry; viteMiddlewares?: unknown }> {
  if (!isDev) return { entry: (await import(pathToFileURL(join(root, "build/server/index.js")).href)) as PraxisEntry };
  const { createServer: createViteServer } = await import("vite");
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: httpServer ? { server: httpServer } : false }, appType: "custom" });
  return { entry: (await vite.ssrLoadModule("./server/app.ts")) as PraxisEntry, viteMiddlewares: vite.middlewares };
}

/** Serves HTTP, Socket.IO and Yjs on the port; `prepared`: the database is ready (a worker). */
async function serve({ prepared }: { prepared: boolean }) {
  const config = env();
  const isDev = config.NODE_ENV === "development";
  const demoAllowed = isDemoAllowed();
  const httpServer = createServer();
  guardServer(httpServer);
  const { entry, viteMiddlewares } = await loadEntry(isDev, httpServer);
  // Preparing through the application's own modules: one Prisma client in the process.
  const demoNeeded = prepared ? false : (await entry.prepareDatabase({ demoAllowed })).demoNeeded;
  if (demoNeeded) await (isDev ? entry.seedDemo(config.PRAXIS_DEMO_PASSWORD) : seedDemoInChildProcess());
  const demoPresent = demoAllowed && (demoNeeded || (await entry.hasDemoAccounts(entry.DEMO_ACCOUNTS[0].username)));
  const praxis = await entry.createPraxis(isDev ? { httpServer, viteMiddlewares } : { httpServer, clientDir: join(root, "build/client") });
  const drain = trackRequests(httpServer);
  httpServer.on("request", praxis.app as never);

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  // Links in emails use PUBLIC_URL; without it, the address this process really listens on.
  recordListenUrl(url);
  log("info", "listening", { port, url });
  startProcessMetrics(config.METRICS_LOG_SECONDS);
  let banner = `\nPraxis is running at ${url}\n`;
  if (demoPresent) {
    banner += `\nDemo community — every account's password: ${config.PRAXIS_DEMO_PASSWORD}\n`;
    for (const account of entry.DEMO_ACCOUNTS) banner += `  ${account.username.padEnd(24)} ${account.displayName}\n`;
    banner += "\n";
  }
  if (isWorkerProcess()) reportListening(banner);
  else process.stdout.write(banner);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Stop accepting, let requests in flight finish (answering "Connection: close"), then
    // store what the documents hold and close the sockets with "server restarting".
    const drained = await drain(5_000);
    if (!drained) log("warn", "requests still running at shutdown");
    httpServer.closeAllConnections();
    await praxis.close().catch((error) => log("error", "shutdown failed", describeError(error)));
    log("info", "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log("error", "failed to start", describeError(error));
  process.stderr.write(`\nPraxis could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
