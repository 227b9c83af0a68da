// PRAXIS_PROCESSES=2: one primary and two server processes sharing the port and, through Redis,
// what happens in each. Connections opened one after the other go to the processes in turn, so
// two sockets (or two editors) opened in a row sit in different processes.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { processTree } from "../bench/process-stats";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectSocket, eventually, nextEvent, typeAndConverge, whenConnected, yjsClient } from "../support/realtime";

const redis = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_PREFIX: `praxis-test-${randomBytes(4).toString("hex")}` };
const praxis = usePraxis({ env: { ...redis, PRAXIS_PROCESSES: "2" } });
const cleanup: Array<() => void> = [];
afterAll(() => cleanup.forEach((fn) => fn()));

const workers = () => processTree(praxis.server.process.pid!).slice(1);

/** GET on a connection of its own (no keep-alive), so each request is a new connection. */
function getOnNewConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${praxis.url}${path}`, { agent: false, headers: { connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

async function signedIn(group: string) {
  const member = await createMember({ group });
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function socketOf(browser: Browserless): Promise<Socket> {
  const socket = connectSocket(praxis.url, browser.cookieHeader);
  cleanup.push(() => socket.close());
  await whenConnected(socket);
  return socket;
}

describe("several server processes", () => {
  it("runs the number of processes asked for under one primary, all answering on one port", async () => {
    expect(workers()).toHaveLength(2);
    const statuses = await Promise.all(Array.from({ length: 8 }, () => getOnNewConnection("/healthz")));
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it("delivers a reply posted in one process to readers connected to either", async () => {
    const poster = await signedIn("rooting-care");
    const reader = await signedIn("rooting-care");
    const started = await poster.post("/groups/rooting-care", { intent: "new-thread", title: "Across processes", body: "first", language: "en" });
    expect(started.status).toBe(303);
    const threadId = started.headers.get("location")!.split("/threads/")[1];
    const sockets = [await socketOf(reader), await socketOf(reader)];
    const arrived = sockets.map((socket) => nextEvent<{ threadId: string }>(socket, "discussion:post", (event) => event.threadId === threadId));
    const replied = await poster.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "reaches both" });
    expect(replied.status).toBe(303);
    await Promise.all(arrived);
  });

  it("refuses Socket.IO long-polling, whose requests a process could not follow", async () => {
    const browser = await signedIn("rooting-care");
    const socket = io(praxis.url, { transports: ["polling"], extraHeaders: { cookie: browser.cookieHeader }, reconnection: false, forceNew: true });
    cleanup.push(() => socket.close());
    await expect(whenConnected(socket)).rejects.toThrow();
    await socketOf(browser);
  });

  it("lets two editors in different processes converge on one document", async () => {
    const documentId = "learning-outcome.practising-accountability";
    const one = yjsClient(praxis.url, (await signedIn("practising-accountability")).cookieHeader, documentId);
    const two = yjsClient(praxis.url, (await signedIn("practising-accountability")).cookieHeader, documentId);
    cleanup.push(() => one.destroy(), () => two.destroy());
    await typeAndConverge(one, two, "Peer support circles. ", "Twice a month. ");
  });

  it("replaces a process that dies, answering all the while", async () => {
    const [victim, survivor] = workers();
    process.kill(victim, "SIGKILL");
    // Connections handed to the dead process fail; the other answers every later one.
    await eventually(() => expect(workers()).not.toContain(victim));
    expect(await getOnNewConnection("/healthz")).toBe(200);
    await eventually(() => {
      const now = workers();
      expect(now).toHaveLength(2);
      expect(now).toContain(survivor);
    }, 30_000);
    const statuses = await Promise.all(Array.from({ length: 6 }, () => getOnNewConnection("/healthz")));
    expect(statuses).toEqual(Array(6).fill(200));
  });

  it("stops every process on SIGTERM and exits 0", async () => {
    const before = workers();
    const exited = new Promise<number | null>((resolve) => praxis.server.process.once("exit", (code) => resolve(code)));
    praxis.server.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of before) expect(() => process.kill(pid, 0)).toThrow();
  });
});
