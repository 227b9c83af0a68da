// Two Praxis instances sharing one database and one Redis, with no load balancer: what happens
// through one reaches clients connected to the other.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import type { RunningPraxis } from "../support/server";
import { connectSocket, eventually, typeAndConverge, whenConnected, whenDisconnected, yjsClient } from "../support/realtime";

const redis = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_PREFIX: `praxis-test-${randomBytes(4).toString("hex")}` };
const praxis = usePraxis({ env: redis });
let second: RunningPraxis;
const cleanup: Array<() => void> = [];
// Started once, after the first instance (which migrated the database).
beforeAll(async () => {
  second = await praxis.startAnother();
});
afterAll(() => cleanup.forEach((fn) => fn()));

async function secondInstance() {
  return second;
}

describe("with REDIS_URL", () => {
  it("a session revoked through one instance disconnects the member's socket on the other", async () => {
    const other = await secondInstance();
    const member = await createMember();
    const onB = new Browserless(other.url);
    await onB.signIn(member.username, member.password);
    const socket = connectSocket(other.url, onB.cookieHeader);
    cleanup.push(() => socket.close());
    await whenConnected(socket);

    const onA = new Browserless(praxis.url);
    await onA.signIn(member.username, member.password);
    const [sessionId] = onB.cookies.get("praxis_session")!.split(".");
    const disconnected = whenDisconnected(socket);
    await onA.post("/settings", { intent: "revoke", sessionId });
    expect(await disconnected).toBe("io server disconnect");
  });

  it("a session revoked through one instance closes the member's Yjs connection on the other", async () => {
    const other = await secondInstance();
    const member = await createMember({ group: "rooting-care" });
    const onB = new Browserless(other.url);
    await onB.signIn(member.username, member.password);
    const client = yjsClient(other.url, onB.cookieHeader, "learning-questions.rooting-care", { reconnect: false });
    cleanup.push(() => client.destroy());
    await client.synced();
    const onA = new Browserless(praxis.url);
    await onA.signIn(member.username, member.password);
    await onA.post("/settings", { intent: "revoke-all" });
    await eventually(() => expect(client.closes).toContain(4401), 3000);
  });

  it("two editors on different instances converge on the same document", async () => {
    const other = await secondInstance();
    const alice = await createMember({ group: "strengthening-collaboration" });
    const bob = await createMember({ group: "strengthening-collaboration" });
    const a = new Browserless(praxis.url);
    const b = new Browserless(other.url);
    await a.signIn(alice.username, alice.password);
    await b.signIn(bob.username, bob.password);
    const documentId = "learning-outcome.strengthening-collaboration";
    const one = yjsClient(praxis.url, a.cookieHeader, documentId);
    const two = yjsClient(other.url, b.cookieHeader, documentId);
    cleanup.push(() => one.destroy(), () => two.destroy());
    await typeAndConverge(one, two, "A peer-exchange initiative. ", "With a toolkit. ");
  });
});
