// SIGTERM under traffic: the server stops accepting, finishes what it is doing, tells sockets it
// is restarting (they reconnect on their own), and exits 0 within a few seconds, with every post
// it confirmed stored.
import { describe, expect, it } from "vitest";
import { createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectedSocket, eventually, nextEvent, whenDisconnected } from "../support/realtime";

const praxis = usePraxis({ env: { DISCUSSION_POSTS_PER_MINUTE: "10000", DIGEST_INTERVAL_SECONDS: "0" } });

describe("SIGTERM under traffic", () => {
  it("drains, closes sockets with 'server restarting', exits 0 quickly, and loses nothing", { timeout: 90_000 }, async () => {
    const members = await Promise.all([1, 2, 3, 4].map(() => createMember()));
    const browsers = await Promise.all(
      members.map(async (member) => {
        const browser = new Browserless(praxis.url);
        await browser.signIn(member.username, member.password);
        return browser;
      }),
    );
    const socket = await connectedSocket(praxis.url, browsers[0].cookieHeader);
    const restarting = nextEvent(socket, "server:restarting");
    const disconnected = whenDisconnected(socket);

    const confirmed: string[] = [];
    let stop = false;
    const posters = browsers.map(async (browser, index) => {
      for (let i = 0; !stop; i++) {
        const title = `shutdown ${index}-${i}`;
        try {
          const response = await browser.post("/community", { intent: "new-thread", title, body: "Still here", language: "en" });
          if (response.status === 303) confirmed.push(title);
        } catch {
          // Refused connection once the server stopped listening: expected.
          stop = true;
        }
      }
    });
    const readers = browsers.map(async (browser) => {
      while (!stop) await browser.get("/community").catch(() => (stop = true));
    });

    await eventually(() => expect(confirmed.length).toBeGreaterThan(8), 30_000); // traffic in full flow
    const exit = new Promise<number | null>((resolve) => praxis.server.process.once("exit", (code) => resolve(code)));
    const started = performance.now();
    praxis.server.process.kill("SIGTERM");
    const code = await exit;
    const tookMs = performance.now() - started;
    stop = true;
    await Promise.all([...posters, ...readers]);

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(6000);
    await restarting;
    expect(await disconnected).toBe("transport close");
    const stored = await db().thread.findMany({ where: { title: { in: confirmed } }, select: { title: true } });
    expect(stored.map((t) => t.title).sort()).toEqual([...confirmed].sort());
    socket.close();
  });
});
