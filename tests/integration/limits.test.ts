// Limits that keep one member from slowing down everyone else: a Socket.IO flood is refused with
// an ack error while another member's ping and /healthz stay fast; and with REDIS_URL two
// instances count sign-in attempts together, so two servers do not allow twice the guesses.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectedSocket, emitWithAck, eventually } from "../support/realtime";

const root = fileURLToPath(new URL("../..", import.meta.url));

const redis = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_PREFIX: `praxis-test-${randomBytes(4).toString("hex")}` };
const praxis = usePraxis({ env: redis });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((socket) => socket.disconnect()));

async function socketFor(url: string) {
  const member = await createMember();
  const browser = new Browserless(url);
  await browser.signIn(member.username, member.password);
  const socket = await connectedSocket(url, browser.cookieHeader);
  sockets.push(socket);
  return socket;
}

describe("a Socket.IO flood", () => {
  it("is refused with an ack error and never delays another member's ping or /healthz beyond 500 ms", async () => {
    const flooderMember = await createMember();
    const flooderBrowser = new Browserless(praxis.url);
    await flooderBrowser.signIn(flooderMember.username, flooderMember.password);
    const other = await socketFor(praxis.url);
    // The machine's own noise (CI shares its cores): the worst of a few round trips before the flood.
    let noise = 0;
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await Promise.all([emitWithAck(other, "ping"), fetch(`${praxis.url}/healthz`)]);
      noise = Math.max(noise, performance.now() - started);
    }

    // The flood comes from another process, as it would from another phone.
    const flooder = spawn(process.execPath, ["--import", "tsx", "tests/support/socket-flood.ts", praxis.url, flooderBrowser.cookieHeader], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    flooder.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const finished = new Promise<void>((resolve) => flooder.once("exit", () => resolve()));
    await eventually(() => expect(output).toContain("connected"), 20_000);

    const delays: number[] = [];
    let done = false;
    void finished.then(() => (done = true));
    while (!done) {
      const started = performance.now();
      await Promise.all([emitWithAck(other, "ping"), fetch(`${praxis.url}/healthz`).then((r) => expect(r.status).toBe(200))]);
      delays.push(performance.now() - started);
    }
    const result = JSON.parse(output.trim().split("\n").pop()!) as { answered: number; slowDown: number; disconnected: boolean };
    // Refused with a clear error, then cut off for going on.
    expect(result.slowDown).toBeGreaterThanOrEqual(100);
    expect(result.disconnected).toBe(true);
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThan(500 + noise);
  });
});

describe("with REDIS_URL, two instances", () => {
  it("share the sign-in limit", { timeout: 120_000 }, async () => {
    const second = await praxis.startAnother();
    const member = await createMember();
    const attempt = (url: string, password: string) => new Browserless(url).post("/login", { username: member.username, password });
    // Ten wrong passwords in all, five through each instance.
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? second.url : praxis.url, "wrong password")).status).toBe(400);
    // Each instance alone saw only five, yet both refuse now, even the right password.
    expect((await attempt(praxis.url, member.password)).status).toBe(429);
    expect((await attempt(second.url, member.password)).status).toBe(429);
  });
});
