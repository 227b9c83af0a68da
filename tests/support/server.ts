// Starts a real Praxis process (the production build, run as `npm start` runs it: the compiled
// launcher, no TypeScript loader) on a free port and stops it.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningPraxis {
  url: string;
  port: number;
  process: ChildProcess;
  logs: string[];
  /** Graceful stop (SIGTERM), as an operator would. */
  stop(): Promise<void>;
  /** A hard stop: the process gets no chance to flush anything. */
  kill(): Promise<void>;
}

export async function startPraxisProcess(env: Record<string, string | undefined>): Promise<RunningPraxis> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), "build/server/start.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PRAXIS_DEMO: "0",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      PRAXIS_BUILD: "skip",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Praxis did not start in time:\n${logs.join("")}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      logs.push(text);
      const match = /Praxis is running at http:\/\/localhost:(\d+)/.exec(logs.join(""));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Praxis exited with ${code} before listening:\n${logs.join("")}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    logs,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
