// Memory of the production server as `npm start` runs it (compiled launcher, no TypeScript
// loader): resident set size idle after a first start that seeds the demo community, idle after
// a restart, and after 600 page views by a signed-in member. Target: idle ≤ 200 MB, so an NGO
// can run Praxis beside PostgreSQL on a 1 GB virtual server. Figures, never a pass or fail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startPraxisProcess, type RunningPraxis } from "../support/server";
import { rssMegabytes } from "./process-stats";

const IDLE_SECONDS = 15;

async function idle(praxis: RunningPraxis): Promise<number> {
  // A benchmark may wait: the figure is what an idle server holds once start-up work is done.
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  return rssMegabytes(praxis.process.pid!);
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ username: "member.care", password: "praxis-demo" }), redirect: "manual" });
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "praxis-memory-"));
  const env = { DATABASE_URL: `file:${join(dir, "praxis.db")}`, FILES_DIR: join(dir, "files"), MAIL_OUTBOX_DIR: join(dir, "outbox"), PRAXIS_DEMO: "1", DISCUSSION_POSTS_PER_MINUTE: "1000" };
  try {
    let praxis = await startPraxisProcess(env);
    const firstStart = await idle(praxis);
    await praxis.stop();
    praxis = await startPraxisProcess(env);
    const restart = await idle(praxis);
    const cookie = await signIn(praxis.url);
    for (const path of ["/", "/groups/rooting-care", "/library", "/meetings"]) {
      await autocannon({ url: `${praxis.url}${path}`, connections: 4, amount: 150, headers: { cookie } });
    }
    const afterViews = rssMegabytes(praxis.process.pid!);
    const afterIdle = await idle(praxis);
    await praxis.stop();
    const line = (label: string, mb: number) => process.stdout.write(`${label.padEnd(44)} ${mb.toFixed(0).padStart(5)} MB  (${(mb / 200).toFixed(2)} × the 200 MB target)\n`);
    line(`idle ${IDLE_SECONDS} s after first start (demo seeded)`, firstStart);
    line(`idle ${IDLE_SECONDS} s after a restart`, restart);
    line("right after 600 page views", afterViews);
    line(`idle ${IDLE_SECONDS} s later`, afterIdle);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
