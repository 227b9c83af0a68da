// Several server processes on one machine, sharing one port (node:cluster). Node runs an
// application's JavaScript on one core, so a machine with two cores serves about twice the page
// views with two processes. The primary process migrates, seeds and keeps the workers running;
// each worker is a whole Praxis (HTTP, Socket.IO, Yjs, jobs) and hears what the others do through
// Redis, exactly as instances on different machines do. New connections go to the workers in
// turn; a websocket stays on the worker it opened on.
import cluster, { type Worker } from "node:cluster";
import { log } from "../app/infra/log.server";

const READY = "praxis:listening";

interface ReadyMessage {
  type: typeof READY;
  /** What the worker would have printed on its own: the address and the demo logins. */
  banner: string;
}

const isReadyMessage = (message: unknown): message is ReadyMessage =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === READY;

/** True in a process the primary started. */
export function isWorkerProcess(): boolean {
  return cluster.isWorker;
}

/** In a worker: this process listens; the primary prints the banner once every worker does. */
export function reportListening(banner: string): void {
  const message: ReadyMessage = { type: READY, banner };
  process.send?.(message);
}

/** Unexpected exits within this window beyond which the primary stops restarting workers. */
const CRASH_WINDOW_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts `count` workers with `env` added to this process's environment, restarts one that dies,
 * and stops them all on SIGTERM/SIGINT; the primary exits once they have (0 when all stopped
 * cleanly), or at once with 1 when a worker fails to start or they keep dying.
 */
export function superviseWorkers(count: number, env: Record<string, string>): void {
  const listening = new Set<number>();
  const recentCrashes: number[] = [];
  let bannerPrinted = false;
  let stopping = false;

  const start = (): Worker => {
    const worker = cluster.fork(env);
    worker.on("message", (message: unknown) => {
      if (!isReadyMessage(message)) return;
      listening.add(worker.id);
      if (!bannerPrinted && listening.size >= count) {
        bannerPrinted = true;
        log("info", "all processes listening", { processes: count });
        process.stdout.write(message.banner);
      }
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) return;
    log("error", "server process exited", { pid: worker.process.pid, code, signal });
    // A worker that never listened failed to start (configuration, database): so would the next.
    if (!wasListening && !bannerPrinted) return stopAll(1);
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length > 0 && now - recentCrashes[0] > CRASH_WINDOW_MS) recentCrashes.shift();
    if (recentCrashes.length > count * 3) {
      log("error", "server processes keep exiting; stopping", { exits: recentCrashes.length });
      return stopAll(1);
    }
    start();
  });

  function stopAll(exitCode: number) {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker));
    const force = setTimeout(() => {
      for (const worker of workers) worker.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    let failed = exitCode !== 0;
    let remaining = workers.filter((worker) => !worker.isDead()).length;
    if (remaining === 0) process.exit(exitCode);
    for (const worker of workers) {
      if (worker.isDead()) continue;
      worker.once("exit", (code, signal) => {
        // A worker still starting has no handler yet: SIGTERM ends it, with nothing to drain.
        if (code !== 0 && signal !== "SIGTERM") failed = true;
        remaining -= 1;
        if (remaining === 0) process.exit(failed ? 1 : 0);
      });
      // Each worker drains its requests and stores its documents (see index.ts), then exits.
      worker.process.kill("SIGTERM");
    }
  }

  process.on("SIGTERM", () => stopAll(0));
  process.on("SIGINT", () => stopAll(0));
  for (let i = 0; i < count; i++) start();
}
