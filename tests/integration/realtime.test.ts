// Socket.IO and the Yjs endpoint: cookie authentication, per-document rights, convergence,
// and connections closing when a session or a role is revoked.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createCoordinator, createMember, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectSocket, eventually, typeAndConverge, whenConnected, whenDisconnected, yjsClient, type YjsClient } from "../support/realtime";

const praxis = usePraxis();
const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

async function signedIn(options: Parameters<typeof createMember>[0] = {}) {
  const member = await createMember(options);
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return { member, browser, cookie: browser.cookieHeader };
}

function track(client: YjsClient) {
  cleanup.push(() => client.destroy());
  return client;
}

describe("Socket.IO", () => {
  it("refuses a connection without a valid session", async () => {
    for (const cookie of [null, "praxis_session=forged.token"]) {
      const socket = connectSocket(praxis.url, cookie);
      cleanup.push(() => socket.close());
      await expect(whenConnected(socket)).rejects.toThrow("unauthorized");
    }
  });

  it("puts a member in their personal room and their group's room", async () => {
    const { member, cookie } = await signedIn({ group: "practising-accountability" });
    const socket = connectSocket(praxis.url, cookie);
    cleanup.push(() => socket.close());
    const ready = new Promise<{ userId: string; rooms: string[] }>((resolve) => socket.once("session:ready", resolve));
    await whenConnected(socket);
    const { userId, rooms } = await ready;
    expect(userId).toBe(member.id);
    expect(rooms).toContain(`user:${member.id}`);
    expect(rooms).toContain(`group:${await groupIdFor("practising-accountability")}`);
    expect(rooms).not.toContain(`group:${await groupIdFor("rooting-care")}`);
  });

  it("closes a member's sockets within seconds when that session is revoked", async () => {
    const { member, cookie, browser } = await signedIn();
    const other = new Browserless(praxis.url);
    await other.signIn(member.username, member.password);
    const socket = connectSocket(praxis.url, cookie);
    cleanup.push(() => socket.close());
    await whenConnected(socket);
    const [sessionId] = browser.cookies.get("praxis_session")!.split(".");
    const disconnected = whenDisconnected(socket);
    await other.post("/settings", { intent: "revoke", sessionId });
    expect(await disconnected).toBe("io server disconnect");
  });

  it("closes a member's sockets when a coordinator changes their role, and the new rooms apply on reconnect", async () => {
    const { member, cookie } = await signedIn({ group: "rooting-care" });
    const coordinator = await createCoordinator();
    const admin = new Browserless(praxis.url);
    await admin.signIn(coordinator.username, coordinator.password);
    const socket = connectSocket(praxis.url, cookie);
    cleanup.push(() => socket.close());
    await whenConnected(socket);
    const disconnected = whenDisconnected(socket);
    const care = await groupIdFor("rooting-care");
    await admin.post("/people", { intent: "set-group-role", userId: member.id, groupId: care, role: "none" });
    await disconnected;
    const again = connectSocket(praxis.url, cookie);
    cleanup.push(() => again.close());
    const ready = new Promise<{ rooms: string[] }>((resolve) => again.once("session:ready", resolve));
    await whenConnected(again);
    expect((await ready).rooms).not.toContain(`group:${care}`);
  });
});

describe("Yjs endpoint", () => {
  const documentId = "workplan.rooting-care";

  it("closes with 4401 without a session", async () => {
    const client = track(yjsClient(praxis.url, null, documentId, { reconnect: false }));
    await eventually(() => expect(client.closes).toContain(4401));
  });

  it("closes with 4403 for a document that does not exist or is not allowed", async () => {
    const { cookie } = await signedIn();
    const client = track(yjsClient(praxis.url, cookie, "workplan.no-such-group", { reconnect: false }));
    await eventually(() => expect(client.closes).toContain(4403));
  });

  it("lets two editors of the group converge", async () => {
    const a = await signedIn({ group: "rooting-care" });
    const b = await signedIn({ group: "rooting-care" });
    const one = track(yjsClient(praxis.url, a.cookie, documentId));
    const two = track(yjsClient(praxis.url, b.cookie, documentId));
    await typeAndConverge(one, two, "Objective: ", "Care budget. ");
  });

  it("sends updates to read-only members but refuses theirs", async () => {
    const editor = await signedIn({ group: "rooting-care" });
    const reader = await signedIn({ group: "strengthening-collaboration" });
    const writer = track(yjsClient(praxis.url, editor.cookie, documentId));
    const readOnly = track(yjsClient(praxis.url, reader.cookie, documentId));
    await Promise.all([writer.synced(), readOnly.synced()]);
    const marker = `from editor ${randomBytes(3).toString("hex")}`;
    writer.doc.getText("readonly-test").insert(0, marker);
    await eventually(() => expect(readOnly.doc.getText("readonly-test").toString()).toContain(marker));
    readOnly.doc.getText("readonly-test").insert(0, "INTRUSION ");
    // A fresh editor connection shows what the server kept: the marker, never the intrusion.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const check = track(yjsClient(praxis.url, editor.cookie, documentId));
    await check.synced();
    expect(check.doc.getText("readonly-test").toString()).toContain(marker);
    expect(check.doc.getText("readonly-test").toString()).not.toContain("INTRUSION");
    expect(writer.doc.getText("readonly-test").toString()).not.toContain("INTRUSION");
  });

  it("closes an editor's connection with 4401 within seconds when the session is revoked", async () => {
    const { member, browser, cookie } = await signedIn({ group: "rooting-care" });
    const client = track(yjsClient(praxis.url, cookie, documentId, { reconnect: false }));
    await client.synced();
    const other = new Browserless(praxis.url);
    await other.signIn(member.username, member.password);
    const [sessionId] = browser.cookies.get("praxis_session")!.split(".");
    await other.post("/settings", { intent: "revoke", sessionId });
    await eventually(() => expect(client.closes).toContain(4401), 3000);
  });

  it("turns an editor's open connection read-only in place when they leave the group", async () => {
    const { member, cookie } = await signedIn({ group: "rooting-care" });
    const coordinator = await createCoordinator();
    const admin = new Browserless(praxis.url);
    await admin.signIn(coordinator.username, coordinator.password);
    const client = track(yjsClient(praxis.url, cookie, documentId));
    await client.synced();
    await admin.post("/people", { intent: "set-group-role", userId: member.id, groupId: await groupIdFor("rooting-care"), role: "none" });
    // Re-checked in place: still connected, now a reader whose edits are refused.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.closes).toEqual([]);
    expect(client.provider.wsconnected).toBe(true);
    client.doc.getText("after-leaving").insert(0, "should not stick");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const editor = await signedIn({ group: "rooting-care" });
    const check = track(yjsClient(praxis.url, editor.cookie, documentId));
    await check.synced();
    expect(check.doc.getText("after-leaving").toString()).toBe("");
  });

  it("refuses a malformed message without harming other connections", async () => {
    const a = await signedIn({ group: "rooting-care" });
    const good = track(yjsClient(praxis.url, a.cookie, documentId));
    await good.synced();
    const { default: WebSocket } = await import("ws");
    const bad = new WebSocket(praxis.url.replace(/^http/, "ws") + `/yjs/${documentId}`, { headers: { cookie: a.cookie } });
    const code = await new Promise<number>((resolve) => {
      bad.on("open", () => bad.send(Buffer.from([0, 2, 200, 1, 2])));
      bad.on("close", (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(4400);
    good.doc.getText("after").insert(0, "still fine");
    const check = track(yjsClient(praxis.url, a.cookie, documentId));
    await check.synced();
    await eventually(() => expect(check.doc.getText("after").toString()).toBe("still fine"));
  });
});
