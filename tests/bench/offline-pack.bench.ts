// The offline reading pack's data cost for one member (member.care of the demo community):
// the first full pack, then "a typical week's refresh": seven days of ordinary activity in the
// member's spaces (new threads, replies spread over new and older threads, activity in another
// group), the device refreshing once a day with the cursor it holds; the figure is the week's sum. Bytes as they cross the wire (gzip, as the server
// sends them), request body included. Target (issue "offline pack"): a week's refresh ≤ 150 KB.
// Sizes: BENCH_WEEK_THREADS (5), BENCH_WEEK_REPLIES (60). Measures; never fails.
import { request } from "node:http";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess } from "../support/server";

const DEMO_PASSWORD = "praxis-demo";
const WEEK_THREADS = Number(process.env.BENCH_WEEK_THREADS ?? 5);
const WEEK_REPLIES = Number(process.env.BENCH_WEEK_REPLIES ?? 60);
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** POST /offline-pack, counting the gzip bytes received and the bytes sent. */
function packRequest(baseUrl: string, cookie: string, body: object): Promise<{ json: { cursor: string; items: unknown[]; manifest: unknown[] }; received: number; sent: number; ms: number }> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(new URL("/offline-pack", baseUrl), { method: "POST", headers: { cookie, "content-type": "application/json", "accept-encoding": "gzip", "content-length": Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const { gunzipSync } = await import("node:zlib");
        const text = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
        const headerBytes = Object.entries(res.headers).reduce((sum, [k, v]) => sum + k.length + String(v).length + 4, 0);
        resolve({ json: JSON.parse(text), received: raw.length + headerBytes, sent: Buffer.byteLength(payload) + cookie.length + 200, ms: performance.now() - started });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export async function run(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({ DATABASE_URL: database.url, PRAXIS_DEMO: "1", PRAXIS_DEMO_PASSWORD: DEMO_PASSWORD, DISCUSSION_POSTS_PER_MINUTE: "100000", DIGEST_INTERVAL_SECONDS: "0" });
  try {
    const member = new Browserless(server.url);
    await member.signIn("member.care", DEMO_PASSWORD);
    const lead = new Browserless(server.url);
    await lead.signIn("lead.care", DEMO_PASSWORD);
    const other = new Browserless(server.url);
    await other.signIn("member.collaboration", DEMO_PASSWORD);

    const first = await packRequest(server.url, member.cookieHeader, { cursor: null });
    const same = await packRequest(server.url, member.cookieHeader, { cursor: first.json.cursor });

    // Varied prose (repeated text would flatter gzip): words drawn from a fixed seed.
    const words = "care rest budget meeting notes Friday gathering movement safety trust plan draft minutes agenda shared learning question partner funding report share travel visa room food childcare translation hold check before after together circle evening".split(" ");
    let seed = 7;
    const prose = (n: number) => Array.from({ length: n }, () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length]).join(" ");
    const older = [...new Set((await (await member.get("/groups/rooting-care")).text()).match(/\/groups\/rooting-care\/threads\/[A-Za-z0-9]+/g) ?? [])].slice(0, 4);
    const threads: string[] = [...older];
    let cursor = same.json.cursor;
    let received = 0;
    let sent = 0;
    let changed = 0;
    for (let day = 0; day < 7; day++) {
      for (let i = day; i < WEEK_THREADS; i += 7) {
        const space = i % 2 === 0 ? "/groups/rooting-care" : "/community";
        const res = await lead.post(space, { intent: "new-thread", title: `Week thread ${i + 1}: ${prose(5)}`, body: prose(60), language: "en" });
        threads.push(res.headers.get("location")!);
      }
      for (let i = day; i < WEEK_REPLIES; i += 7) await lead.post(threads[i % threads.length], { intent: "reply", body: prose(45), language: "en" });
      await other.post("/groups/strengthening-collaboration", { intent: "new-thread", title: `Not in member.care's pack ${day}`, body: prose(20), language: "en" });
      const refresh = await packRequest(server.url, member.cookieHeader, { cursor });
      cursor = refresh.json.cursor;
      received += refresh.received;
      sent += refresh.sent;
      changed += refresh.json.items.length;
    }
    const week = { received, sent, json: { items: { length: changed } } };
    process.stdout.write(
      [
        `first pack (everything):           ${kb(first.received)} KB received, ${first.json.manifest.length} items, ${Math.round(first.ms)} ms`,
        `refresh with nothing new:          ${kb(same.received)} KB received, ${kb(same.sent)} KB sent (the cursor)`,
        `a typical week's refresh, one member (7 daily refreshes; ${WEEK_THREADS} new threads, ${WEEK_REPLIES} replies): ${kb(week.received + week.sent)} KB (${kb(week.received)} KB received, ${kb(week.sent)} KB sent; ${week.json.items.length} items sent) — target ≤ 150 KB`,
        "",
      ].join("\n"),
    );
  } finally {
    await server.stop();
    const { disconnectDb } = await import("~/infra/db.server");
    await disconnectDb();
    await database.drop();
  }
}
