// Page weight and time to text on a slow phone, and server time per page view.
// Part 1 opens each page cold in Debian's Chromium as a member on a 360 px phone over an
// emulated 400 kbps / 400 ms RTT link and prints what crossed the wire (HTML + CSS and
// JavaScript, as transferred, i.e. gzip), the number of scripts, and the time until the page's
// heading was painted. Budget (issue "light pages"): read pages ≤ 30 KB HTML + CSS and no
// JavaScript needed to read them (the live island only), a thread ≤ 100 KB of JavaScript, the
// co-editor's own code ≤ 250 KB (the page's total, with the app it runs in, is printed beside
// it). A first visit: no service worker answers from its cache.
// Part 2 signs in over HTTP and measures requests/s, p50 and p95 of the thread, group and
// home pages under 8 concurrent readers (autocannon), against /healthz on the same server, and
// the server's CPU time per request (less sensitive than requests/s to other work on the
// machine). Target: ≥ 200 requests/s with p95 ≤ 100 ms, i.e. at most 5 ms of CPU per page view on
// one core. Part 2 runs twice: one process, then PRAXIS_PROCESSES=2 (with Redis at
// BENCH_REDIS_URL, default the local one). BENCH_PAGES=server runs part 2 alone,
// BENCH_PAGES=weight part 1 alone. Measures; never fails.
import { chromium, type Page } from "playwright-core";
import autocannon from "autocannon";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess, type RunningPraxis } from "../support/server";
import { treeCpuMilliseconds } from "./process-stats";

const DEMO_PASSWORD = "praxis-demo";
const KBPS = 400;
const RTT_MS = 400;
const TARGET_RPS = 200;
const THREAD_LINK = /^\/groups\/rooting-care\/threads\/[^/]+$/;
const TARGET_P95_MS = 100;
/** One core's worth of CPU spread over the target rate. */
const TARGET_CPU_MS = 1000 / TARGET_RPS;

interface Weight {
  page: string;
  htmlCssKb: number;
  /** All JavaScript; `islandKb` of it is the live island, which reading never needs. */
  jsKb: number;
  islandKb: number;
  /** The co-editor's own code (the chunks of app/ui/editor), loaded only where the reader may edit. */
  editorKb: number;
  scripts: number;
  textMs: number;
}

/** The chunks Vite makes of app/ui/editor (the co-editor and the workplan panel), named after their modules. */
const EDITOR_CHUNK = /^\/assets\/(editor-core|workplan-panel|collaborative-editor)-[\w-]+\.js$/;

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

async function weigh(page: Page, label: string, url: string): Promise<Weight> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (KBPS * 1000) / 8,
    uploadThroughput: (KBPS * 1000) / 8,
  });
  const responses = new Map<string, { type: string; url: string }>();
  let htmlCss = 0;
  let js = 0;
  let island = 0;
  let editor = 0;
  let scripts = 0;
  cdp.on("Network.responseReceived", (event) => responses.set(event.requestId, { type: event.type, url: event.response.url }));
  cdp.on("Network.loadingFinished", (event) => {
    const response = responses.get(event.requestId);
    if (response?.type === "Document" || response?.type === "Stylesheet") htmlCss += event.encodedDataLength;
    else if (response?.type === "Script") {
      js += event.encodedDataLength;
      const path = new URL(response.url).pathname;
      if (path.startsWith("/assets/islands/")) island += event.encodedDataLength;
      if (EDITOR_CHUNK.test(path)) editor += event.encodedDataLength;
      scripts += 1;
    }
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator("h1").first().waitFor({ state: "visible" });
  const textMs = Date.now() - started;
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return { page: label, htmlCssKb: kb(htmlCss), jsKb: kb(js), islandKb: kb(island), editorKb: kb(editor), scripts, textMs };
}

/** The first link on `from` whose path matches `pattern`, so the bench follows the demo's ids. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const found = hrefs.find((href) => pattern.test(href.split("?")[0]));
  if (!found) throw new Error(`no link matching ${pattern} on ${from}`);
  return found;
}

interface Served {
  rps: number;
  p50: number;
  p95: number;
  "CPU ms/req": number;
  "× CPU target": number;
  errors: number;
}

/** `processes`: the cores the server may use, each with the one-core budget. */
async function throughput(url: string, cookie: string, serverPid: number, processes: number): Promise<Served> {
  // A short warm-up so the figures are of a running server, not of first compilations.
  await autocannon({ url, connections: 8, duration: 1, headers: { cookie } });
  const cpuBefore = treeCpuMilliseconds(serverPid);
  const result = await autocannon({ url, connections: 8, duration: 8, headers: { cookie } });
  const cpuPerRequest = (treeCpuMilliseconds(serverPid) - cpuBefore) / Math.max(1, result.requests.total);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99,
    "CPU ms/req": Math.round(cpuPerRequest * 100) / 100,
    "× CPU target": Math.round((cpuPerRequest / (TARGET_CPU_MS * processes)) * 100) / 100,
    errors: result.errors + result.non2xx,
  };
}

async function weighPages(server: RunningPraxis): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // Cold means a first visit: no service worker yet to answer from its cache.
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 }, isMobile: true, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator("input[name=username]").fill("member.care");
    await page.locator("input[name=password]").fill(DEMO_PASSWORD);
    await page.locator("form[action='/login'] button[type=submit], form:has(input[name=username]) button[type=submit]").first().click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));

    const meeting = await firstLink(page, "/meetings", /^\/meetings\/[^/]+$/);
    const resource = await firstLink(page, "/library", /^\/library\/(?!new|settings|collections)[^/]+$/);
    const thread = await firstLink(page, "/groups/rooting-care", THREAD_LINK);
    const document = await firstLink(page, "/groups/rooting-care/docs", /^\/groups\/rooting-care\/docs\/[^/]+$/);
    const pages: Array<[string, string, string]> = [
      ["home", "/", "read"],
      ["group", "/groups/rooting-care", "read"],
      ["meetings", "/meetings", "read"],
      ["meeting", meeting, "read"],
      ["library", "/library", "read"],
      ["resource", resource, "read"],
      ["notifications", "/notifications", "read"],
      ["learning questions", "/learning-questions", "read"],
      ["thread", thread, "thread"],
      ["document", document, "editor"],
      ["workplan", "/groups/rooting-care/docs/workplan", "editor"],
    ];
    const rows: Array<Weight & { budget: string }> = [];
    for (const [label, url, kind] of pages) {
      const cold = await context.newPage();
      const weight = await weigh(cold, label, url);
      await cold.close();
      // A read page may load the live island (the badge, "new replies"), never JavaScript it needs to be read.
      const within =
        kind === "read" ? weight.htmlCssKb <= 30 && weight.jsKb === weight.islandKb : kind === "thread" ? weight.jsKb <= 100 : weight.editorKb <= 250;
      const budget = kind === "read" ? "≤30 KB, no JS to read" : kind === "thread" ? "JS ≤100 KB" : "editor ≤250 KB";
      rows.push({ ...weight, budget: `${budget} ${within ? "ok" : "OVER"}` });
    }
    process.stdout.write(`Cold page loads, member on a 360 px phone, ${KBPS} kbps / ${RTT_MS} ms RTT (transferred sizes):\n`);
    console.table(rows.map((r) => ({ page: r.page, "HTML+CSS KB": r.htmlCssKb, "JS KB": r.jsKb, "of which island": r.islandKb, "of which editor": r.editorKb, scripts: r.scripts, "heading painted ms": r.textMs, budget: r.budget })));
  } finally {
    await browser.close();
  }
}

async function measureServer(server: RunningPraxis, processes: number): Promise<void> {
  const http = new Browserless(server.url);
  await http.signIn("member.care", DEMO_PASSWORD);
  const cookie = http.cookieHeader;
  const groupPage = await (await http.get("/groups/rooting-care")).text();
  const thread = [...groupPage.matchAll(/href="([^"]+)"/g)].map((match) => match[1]).find((href) => THREAD_LINK.test(href.split("?")[0]));
  if (!thread) throw new Error("no thread link on /groups/rooting-care");
  const pid = server.process.pid!;
  const served: Array<{ page: string } & Served> = [{ page: "/healthz", ...(await throughput(`${server.url}/healthz`, "", pid, processes)) }];
  for (const [label, path] of [["thread", thread], ["group", "/groups/rooting-care"], ["home", "/"]] as const) {
    served.push({ page: label, ...(await throughput(`${server.url}${path}`, cookie, pid, processes)) });
  }
  process.stdout.write(
    `Server (${processes === 1 ? "one process" : `PRAXIS_PROCESSES=${processes}, with Redis`}), 8 concurrent signed-in readers for 8 s each (target ≥ ${TARGET_RPS} req/s, p95 ≤ ${TARGET_P95_MS} ms, ≤ ${TARGET_CPU_MS * processes} ms CPU/req over ${processes} core${processes === 1 ? "" : "s"}; p95 column is autocannon's p97.5):\n`,
  );
  console.table(
    served.map((row) => ({ ...row, target: row.page === "/healthz" ? "" : row.rps >= TARGET_RPS && row.p95 <= TARGET_P95_MS ? "ok" : "MISSED" })),
  );
}

export async function run(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  const server = await startPraxisProcess({ DATABASE_URL: database.url, PRAXIS_DEMO: "1", DIGEST_INTERVAL_SECONDS: "0" });
  try {
    if (process.env.BENCH_PAGES !== "server") await weighPages(server);
    if (process.env.BENCH_PAGES !== "weight") await measureServer(server, 1);
  } finally {
    await server.stop();
  }
  if (process.env.BENCH_PAGES === "weight") return void (await database.drop());
  // The same pages from two processes on this machine's two cores (CPU summed over all of them).
  const redis = { REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_PREFIX: `praxis-bench-${process.pid}` };
  const processes = await startPraxisProcess({ DATABASE_URL: database.url, DIGEST_INTERVAL_SECONDS: "0", PRAXIS_PROCESSES: "2", ...redis });
  try {
    await measureServer(processes, 2);
  } finally {
    await processes.stop();
    await database.drop();
  }
}
