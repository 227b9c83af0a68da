// Soak benchmark: the production server (`node build/server/start.js`) on a fresh demo
// community under mixed, realistic load for a bounded time, to see whether memory levels off.
//   readers   signed-in members reading pages (home, group, thread, library, meetings)
//   posters   replying in a thread through the real form action, heard live by Socket.IO clients
//   editors   typing into two documents over the real Yjs websocket, with a session cookie
//   uploads   a small PDF to the library every few seconds (cleaned and indexed in a worker)
// Every 5 s it prints the server's RSS and CPU (from /proc), its heap, buffers and event-loop
// delay p99 (from the server's opt-in METRICS_LOG_SECONDS log line), and /healthz and Socket.IO
// ping latency seen from outside; at the end, errors by kind and whether RSS and the heap level
// off: the last third of the run against the middle third (the first is the server warming up).
// Figures, never a pass or fail.
// Length: SOAK_SECONDS (default 75; 300 or more to judge levelling). SOAK_NODE_OPTIONS,
// SOAK_MALLOC_ARENA_MAX and SOAK_HEAP_GROWTH_PERCENT are given to the server as NODE_OPTIONS,
// MALLOC_ARENA_MAX and HEAP_GROWTH_PERCENT, to compare settings.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { io as connect, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { startPraxisProcess, type RunningPraxis } from "../support/server";
import { createDocument, signIn, typeInto, yWebsocketClient, type BenchClient } from "./clients";
import { cpuMilliseconds, residentMemory } from "./process-stats";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 75);
const SAMPLE_SECONDS = 5;
const READERS = 6;
const READER_PAUSE_MS = 300;
const POSTERS = 2;
const POST_EVERY_MS = 1500;
const LISTENERS = 10;
const DOCUMENTS = 2;
const EDITORS_PER_DOCUMENT = 5;
const EDITS_PER_SECOND = 2;
const UPLOAD_EVERY_MS = 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
process.setMaxListeners(0);

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Least-squares slope of RSS against time, in MB per minute. */
function slopePerMinute(points: Array<{ t: number; rss: number }>): number {
  if (points.length < 2) return NaN;
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / points.length;
  const meanR = points.reduce((sum, p) => sum + p.rss, 0) / points.length;
  const num = points.reduce((sum, p) => sum + (p.t - meanT) * (p.rss - meanR), 0);
  const den = points.reduce((sum, p) => sum + (p.t - meanT) ** 2, 0);
  return (num / den) * 60;
}

interface ServerMetrics {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

class Tally {
  readonly errors = new Map<string, number>();
  readonly done = new Map<string, number>();
  error(kind: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }
  ok(kind: string) {
    this.done.set(kind, (this.done.get(kind) ?? 0) + 1);
  }
  errorCount() {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

function failure(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.name : String(error));
}

async function uploadPdf(url: string, cookie: string, index: number): Promise<Response> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(`Soak upload ${index}: notes on collective care and rest, page one.`, { x: 50, y: 780, size: 12, font });
  const form = new FormData();
  const fields = { kind: "file", title: `Soak upload ${index}`, description: "", language: "en", type: "report", tags: "", visibility: "community", groupSlug: "" };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([Buffer.from(await pdf.save())]), `soak-${index}.pdf`);
  return fetch(`${url}/library/new`, { method: "POST", body: form, redirect: "manual", headers: { cookie } });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "praxis-soak-"));
  let praxis: RunningPraxis | undefined;
  const sockets: Socket[] = [];
  const editors: BenchClient[][] = [];
  try {
    praxis = await startPraxisProcess({
      DATABASE_URL: `file:${join(dir, "praxis.db")}`,
      FILES_DIR: join(dir, "files"),
      MAIL_OUTBOX_DIR: join(dir, "outbox"),
      PRAXIS_DEMO: "1",
      LOG_LEVEL: "info",
      METRICS_LOG_SECONDS: String(SAMPLE_SECONDS),
      DISCUSSION_POSTS_PER_MINUTE: "1000",
      COLLAB_CONNECTIONS_PER_MEMBER: "100",
      // Passed on when set, to compare allocator and V8 settings (e.g. NODE_OPTIONS=--optimize-for-size).
      NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS,
      MALLOC_ARENA_MAX: process.env.SOAK_MALLOC_ARENA_MAX,
      HEAP_GROWTH_PERCENT: process.env.SOAK_HEAP_GROWTH_PERCENT,
    });
    const { url } = praxis;
    const pid = praxis.process.pid!;
    const latest: { metrics?: ServerMetrics } = {};
    let pending = "";
    praxis.process.stdout!.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.includes('"process metrics"')) latest.metrics = JSON.parse(line) as ServerMetrics;
    });

    const tally = new Tally();
    const lead = await signIn(url, "lead.care");
    const member = await signIn(url, "member.care");
    const started = await fetch(`${url}/groups/rooting-care`, {
      method: "POST",
      body: new URLSearchParams({ intent: "new-thread", title: "Soak thread", body: "Where do we start?", language: "en" }),
      redirect: "manual",
      headers: { cookie: lead },
    });
    const threadPath = started.headers.get("location");
    if (started.status !== 303 || !threadPath) throw new Error(`starting a thread answered ${started.status}`);
    const documentIds: string[] = [];
    for (let i = 0; i < DOCUMENTS; i++) documentIds.push(await createDocument(url, lead, "rooting-care", `Soak document ${i}`));

    const readerPages = ["/", "/groups/rooting-care", threadPath, "/library", "/meetings", "/library?q=care", "/notifications"];
    let running = true;
    const loops: Promise<void>[] = [];

    // Live listeners: Socket.IO clients in the group's room, hearing the replies.
    let deliveries = 0;
    const pings: number[] = [];
    for (let l = 0; l < LISTENERS; l++) {
      const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: l % 2 ? lead : member }, forceNew: true });
      socket.on("discussion:post", () => deliveries++);
      socket.on("connect_error", (error) => tally.error(`socket ${error.message}`));
      socket.on("disconnect", (reason) => running && tally.error(`socket disconnect ${reason}`));
      sockets.push(socket);
    }
    // Connected before anyone posts, so every reply has all its listeners.
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once("connect", () => resolve()))));
    // Readers: each walks the pages in turn, with a pause as a person reading would.
    for (let r = 0; r < READERS; r++) {
      const cookie = r % 2 ? lead : member;
      loops.push(
        (async () => {
          for (let i = r; running; i++) {
            const path = readerPages[i % readerPages.length];
            try {
              const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
              await response.arrayBuffer();
              if (response.status === 200) tally.ok("page views");
              else tally.error(`page ${response.status}`);
            } catch (error) {
              tally.error(`page ${failure(error)}`);
            }
            await sleep(READER_PAUSE_MS);
          }
        })(),
      );
    }

    // Posters: replies through the thread's form action.
    for (let p = 0; p < POSTERS; p++) {
      const cookie = p % 2 ? lead : member;
      loops.push(
        (async () => {
          await sleep((p * POST_EVERY_MS) / POSTERS);
          for (let i = 0; running; i++) {
            try {
              const body = new URLSearchParams({ intent: "reply", body: `Reply ${i} from poster ${p}: we tried rotating facilitation and it helped.`, language: "en" });
              const response = await fetch(`${url}${threadPath}`, { method: "POST", body, redirect: "manual", headers: { cookie } });
              await response.arrayBuffer();
              if (response.status === 303) tally.ok("replies");
              else tally.error(`reply ${response.status}`);
            } catch (error) {
              tally.error(`reply ${failure(error)}`);
            }
            await sleep(POST_EVERY_MS);
          }
        })(),
      );
    }

    loops.push(
      (async () => {
        while (running) {
          const socket = sockets[0];
          if (socket.connected) {
            const sent = performance.now();
            await new Promise<void>((resolve) => {
              socket.timeout(5000).emit("ping", (error: Error | null) => {
                if (error) tally.error("socket ping timeout");
                else pings.push(performance.now() - sent);
                resolve();
              });
            });
          }
          await sleep(1000);
        }
      })(),
    );

    // Editors: five on each document, typing.
    const yjsUrl = `${url.replace("http", "ws")}/yjs`;
    const counter = { received: 0, sent: 0 };
    for (const documentId of documentIds) {
      const clients = Array.from({ length: EDITORS_PER_DOCUMENT }, () =>
        yWebsocketClient(yjsUrl, documentId, counter, lead, (code) => running && tally.error(`yjs close ${code}`)),
      );
      editors.push(clients);
      await Promise.all(clients.map((client) => client.ready));
    }
    const typing = typeInto(editors.flat(), EDITS_PER_SECOND);

    // Uploads: a small PDF every few seconds.
    loops.push(
      (async () => {
        for (let i = 0; running; i++) {
          try {
            const response = await uploadPdf(url, lead, i);
            await response.arrayBuffer();
            if (response.status === 303) tally.ok("uploads");
            else tally.error(`upload ${response.status}`);
          } catch (error) {
            tally.error(`upload ${failure(error)}`);
          }
          await sleep(UPLOAD_EVERY_MS);
        }
      })(),
    );

    // /healthz from outside, once a second.
    const health: number[] = [];
    loops.push(
      (async () => {
        while (running) {
          const sent = performance.now();
          try {
            const response = await fetch(`${url}/healthz`);
            await response.arrayBuffer();
            if (response.status === 200) health.push(performance.now() - sent);
            else tally.error(`healthz ${response.status}`);
          } catch (error) {
            tally.error(`healthz ${failure(error)}`);
          }
          await sleep(1000);
        }
      })(),
    );

    process.stdout.write(
      `${SECONDS} s (SOAK_SECONDS to change): ${READERS} readers (a page every ~${READER_PAUSE_MS} ms each), ${POSTERS} posters (a reply every ${POST_EVERY_MS} ms each), ` +
        `${LISTENERS} Socket.IO listeners, ${DOCUMENTS} documents × ${EDITORS_PER_DOCUMENT} editors (${EDITS_PER_SECOND} chars/s each), a PDF upload every ${UPLOAD_EVERY_MS / 1000} s.\n`,
    );
    // RSS is read from /proc; the rest from the server's own process.memoryUsage(). Anonymous: RSS
    // less mapped files. "Other" is what anonymous memory holds beyond the V8 heap and external
    // buffers: malloc arenas (threads', native modules'), code, stacks.
    process.stdout.write("    t   RSS MB  anon MB  heap used/total MB  external (buffers) MB  other MB  CPU %  loop p99 ms (max)  healthz p99 ms  ping p99 ms  pages  replies  uploads  edits  errors\n");
    const samples: Array<{ t: number; rss: number; heap: number }> = [];
    const loopP99s: number[] = [];
    const loadBefore = loadavg()[0];
    const begin = performance.now();
    const cpuBegin = cpuMilliseconds(pid);
    let cpuSeen = cpuBegin;
    let healthSeen = 0;
    let pingsSeen = 0;
    for (let t = SAMPLE_SECONDS; t <= SECONDS; t += SAMPLE_SECONDS) {
      await sleep(begin + t * 1000 - performance.now());
      const { rss, anonymous } = residentMemory(pid);
      const cpu = cpuMilliseconds(pid);
      const cpuPercent = ((cpu - cpuSeen) / (SAMPLE_SECONDS * 1000)) * 100;
      cpuSeen = cpu;
      const metrics = latest.metrics;
      samples.push({ t, rss, heap: metrics?.heapUsedMb ?? NaN });
      if (metrics) loopP99s.push(metrics.loopDelayP99Ms);
      const windowHealth = health.slice(healthSeen);
      const windowPings = pings.slice(pingsSeen);
      healthSeen = health.length;
      pingsSeen = pings.length;
      process.stdout.write(
        [
          String(t).padStart(5),
          rss.toFixed(0).padStart(8),
          anonymous.toFixed(0).padStart(8),
          (metrics ? `${metrics.heapUsedMb.toFixed(0)} / ${metrics.heapTotalMb.toFixed(0)}` : "?").padStart(19),
          (metrics ? `${metrics.externalMb.toFixed(0)} (${metrics.arrayBuffersMb.toFixed(0)})` : "?").padStart(21),
          (metrics ? (anonymous - metrics.heapTotalMb - metrics.externalMb).toFixed(0) : "?").padStart(9),
          cpuPercent.toFixed(0).padStart(6),
          (metrics ? `${metrics.loopDelayP99Ms.toFixed(0)} (${metrics.loopDelayMaxMs.toFixed(0)})` : "?").padStart(18),
          percentile(windowHealth, 99).toFixed(0).padStart(15),
          percentile(windowPings, 99).toFixed(0).padStart(12),
          String(tally.done.get("page views") ?? 0).padStart(6),
          String(tally.done.get("replies") ?? 0).padStart(8),
          String(tally.done.get("uploads") ?? 0).padStart(8),
          String(typing.edits()).padStart(6),
          String(tally.errorCount()).padStart(7),
        ].join(" ") + "\n",
      );
    }
    running = false;
    typing.stop();
    await Promise.all(loops);
    const replies = tally.done.get("replies") ?? 0;
    const deliveryDeadline = performance.now() + 5_000;
    while (deliveries < replies * LISTENERS && performance.now() < deliveryDeadline) await sleep(50);

    // Every editor of a document should end with the same text.
    const deadline = performance.now() + 15_000;
    const converged = () => editors.every((clients) => clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).equals(Buffer.from(Y.encodeStateVector(clients[0].doc)))));
    while (!converged() && performance.now() < deadline) await sleep(50);

    const third = Math.max(2, Math.floor(samples.length / 3));
    const firstSlope = slopePerMinute(samples.slice(0, third));
    const lastSlope = slopePerMinute(samples.slice(-third));
    // Under load the heap is a sawtooth (V8 lets it grow past the live data before a major
    // collection), and RSS follows it, so a slope over a few samples depends on where the teeth
    // fall. Each third's lowest point is what survived collection (what a leak would raise), its
    // highest what the heap was allowed to reach (what V8's growth would raise). Levelling off:
    // the last third no more than 5 % (+10 MB, the noise of a few samples) above the middle
    // third (the first is warm-up: pages compiled, caches filled), for RSS both its lowest and
    // highest points, for the heap its lowest (the live data; its highest is V8's allowance,
    // which RSS shows).
    const thirds = [samples.slice(0, third), samples.slice(third, samples.length - third), samples.slice(-third)].filter((part) => part.length);
    const values = (part: typeof samples, key: "rss" | "heap") => part.map((sample) => sample[key]).filter((value) => !Number.isNaN(value));
    const floor = (part: typeof samples, key: "rss" | "heap") => Math.min(...values(part, key));
    const peak = (part: typeof samples, key: "rss" | "heap") => Math.max(...values(part, key));
    const judgeable = samples.length >= 18;
    const levelsOff = (key: "rss" | "heap") => {
      if (!judgeable) return "too short to judge (SOAK_SECONDS=300 or more)";
      const [middle, last] = thirds.slice(-2);
      const within = (a: number, b: number) => a <= b * 1.05 + 10;
      const level = within(floor(last, key), floor(middle, key)) && (key === "heap" || within(peak(last, key), peak(middle, key)));
      return level ? "levels off" : "STILL GROWING";
    };
    const perThird = (key: "rss" | "heap") => thirds.map((part) => `${floor(part, key).toFixed(0)}–${peak(part, key).toFixed(0)}`).join(" / ");
    const cpuSeconds = (cpuSeen - cpuBegin) / 1000;
    const lines = [
      `RSS: ${samples[0]?.rss.toFixed(0)} MB at ${SAMPLE_SECONDS} s, ${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MB peak, ${samples.at(-1)?.rss.toFixed(0)} MB at the end; slope first third ${firstSlope.toFixed(1)} MB/min, last third ${lastSlope.toFixed(1)} MB/min`,
      `RSS lowest–highest per third: ${perThird("rss")} MB → ${levelsOff("rss")}`,
      `heap used lowest–highest per third: ${perThird("heap")} MB → live heap (lowest) ${levelsOff("heap")}`,
      `server CPU: ${cpuSeconds.toFixed(0)} s in ${SECONDS} s (${((cpuSeconds / SECONDS) * 100).toFixed(0)} % of one core, every thread)`,
      `event-loop delay p99 per ${SAMPLE_SECONDS} s (server): median ${percentile(loopP99s, 50).toFixed(0)} ms, worst ${Math.max(...loopP99s).toFixed(0)} ms (10 ms resolution)`,
      `/healthz from outside: p50 ${percentile(health, 50).toFixed(0)} ms, p99 ${percentile(health, 99).toFixed(0)} ms; Socket.IO ping p99 ${percentile(pings, 99).toFixed(0)} ms`,
      `done: ${tally.done.get("page views") ?? 0} page views, ${replies} replies (${deliveries} live deliveries of ${replies * LISTENERS} expected), ${tally.done.get("uploads") ?? 0} uploads, ${typing.edits()} edits; documents ${converged() ? "converged" : "NOT CONVERGED after 15 s"}`,
      `machine load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end on ${availableParallelism()} cores: latencies are only comparable at similar load`,
      `errors: ${tally.errorCount() ? [...tally.errors].map(([kind, count]) => `${kind} ×${count}`).join(", ") : "none"}`,
    ];
    process.stdout.write(lines.map((line) => `  ${line}`).join("\n") + "\n");
  } finally {
    for (const socket of sockets) socket.disconnect();
    for (const client of editors.flat()) client.destroy();
    await praxis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
