// Fan-out benchmark: 500 authenticated Socket.IO clients in one working group's room on
// loopback, one poster replying through the real posting path (HTTP form post → domain →
// event → Socket.IO). Prints delivery latency p50/p99 (from just before the POST to each
// client's receipt), replies/second sustained, and the server's RSS. Measures; never fails.
// Sizes: BENCH_CLIENTS (500), BENCH_REPLIES (200).
import { readFileSync } from "node:fs";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess } from "../support/server";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 200);
const PASSWORD = "bench-password-123";

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({
    DATABASE_URL: database.url,
    DISCUSSION_POSTS_PER_MINUTE: "100000",
    DIGEST_INTERVAL_SECONDS: "0",
  });
  const sockets: Socket[] = [];
  try {
    // Fixture: one real account, 499 copies of it (same password hash: hashing 500 passwords
    // would benchmark Argon2), and one database session per client through the domain.
    const { createUser } = await import("~/domain/accounts.server");
    const { createSession } = await import("~/domain/sessions.server");
    const { db, disconnectDb } = await import("~/infra/db.server");
    const { ensureWorkingGroups } = await import("../../prisma/seed");
    const groupId = (await ensureWorkingGroups()).get("rooting-care")!;
    const poster = await createUser({ username: "bench.poster", displayName: "Bench poster", password: PASSWORD, memberships: [{ groupId, role: "member" }] });
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: poster.id }, select: { passwordHash: true } });
    const readers = Array.from({ length: CLIENTS }, (_, i) => ({ id: `benchreader${String(i).padStart(5, "0")}`, username: `bench.reader${i}`, displayName: `Reader ${i}`, passwordHash }));
    await db().user.createMany({ data: readers });
    await db().membership.createMany({ data: readers.map((r) => ({ userId: r.id, groupId, role: "member" })) });
    const cookies: string[] = [];
    for (const reader of readers) cookies.push(`praxis_session=${(await createSession(reader.id, "bench")).token}`);

    const browser = new Browserless(server.url);
    await browser.signIn("bench.poster", PASSWORD);
    const start = await browser.post("/groups/rooting-care", { intent: "new-thread", title: "Fan-out", body: "Benchmark thread", language: "en" });
    const threadPath = start.headers.get("location")!;
    const threadId = threadPath.split("/").pop()!;

    const rssIdle = rssMb(server.process.pid!);
    const connectStarted = Date.now();
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const received = new Map<number, number>();
    let lastDelivery = 0;
    for (let batch = 0; batch < CLIENTS; batch += 50) {
      await Promise.all(
        cookies.slice(batch, batch + 50).map(
          (cookie) =>
            new Promise<void>((resolve, reject) => {
              const socket = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
              sockets.push(socket);
              socket.on("discussion:post", (event: { threadId: string; seq: number }) => {
                if (event.threadId !== threadId) return;
                const now = performance.now();
                const sent = sentAt.get(event.seq);
                if (sent !== undefined) latencies.push(now - sent);
                received.set(event.seq, (received.get(event.seq) ?? 0) + 1);
                lastDelivery = now;
              });
              socket.once("connect", () => resolve());
              socket.once("connect_error", reject);
            }),
        ),
      );
    }
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    const rssConnected = rssMb(server.process.pid!);

    // Sequential replies, as one person (or one script) would post them; each is timed from
    // just before its POST. The HTTP response does not wait for delivery.
    const postStarted = performance.now();
    let rssPeak = rssConnected;
    for (let i = 1; i <= REPLIES; i++) {
      sentAt.set(i, performance.now());
      const response = await browser.post(threadPath, { intent: "reply", body: `Reply **${i}** from the benchmark`, language: "en" });
      if (response.status !== 303) throw new Error(`reply ${i} answered ${response.status}`);
      if (i % 50 === 0) rssPeak = Math.max(rssPeak, rssMb(server.process.pid!));
    }
    const expected = REPLIES * CLIENTS;
    const deadline = Date.now() + 30_000;
    while (latencies.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const elapsedSeconds = (lastDelivery - postStarted) / 1000;
    rssPeak = Math.max(rssPeak, rssMb(server.process.pid!));
    latencies.sort((a, b) => a - b);

    const lines = [
      `clients: ${CLIENTS} authenticated Socket.IO (websocket) in one group room, loopback, SQLite`,
      `connect: ${CLIENTS} clients in ${connectSeconds.toFixed(1)} s`,
      `replies: ${REPLIES} posted sequentially through POST ${"/groups/rooting-care/threads/:id"} (form post → domain → event → room)`,
      `deliveries: ${latencies.length} of ${expected}${latencies.length < expected ? " (MISSING SOME)" : ""}`,
      `delivery latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
      `sustained: ${(REPLIES / elapsedSeconds).toFixed(1)} replies/s (${((REPLIES * CLIENTS) / elapsedSeconds).toFixed(0)} deliveries/s) until the last delivery`,
      `server RSS: ${rssIdle} MB idle, ${rssConnected} MB with ${CLIENTS} clients, ${rssPeak} MB peak while posting`,
    ];
    process.stdout.write(lines.map((line) => `  ${line}`).join("\n") + "\n");
    await disconnectDb();
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
    await database.drop();
  }
}
