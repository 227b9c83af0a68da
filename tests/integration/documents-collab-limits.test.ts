// The collaboration server's refusals and limits: a member whose access drops to read-only is
// told at once and each refused update is reported to its sender; connections per member and
// per document, messages per connection, and message size each have their own close code;
// an update that does not apply is refused before it is stored, and a document that already
// holds such a row opens without it.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createFreeDocument } from "~/domain/documents.server";
import { writeLearningQuestions } from "~/domain/workplans.server";
import { createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectDocument, eventually, rawSocket, type YClient } from "../support/yjs";

const praxis = usePraxis({
  env: { COLLAB_CONNECTIONS_PER_MEMBER: "3", COLLAB_CONNECTIONS_PER_DOCUMENT: "4", COLLAB_MESSAGES_PER_SECOND: "10" },
});
const clients: YClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

async function signedIn(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}
function open(documentId: string, cookie: string): YClient {
  const client = connectDocument(praxis.url, documentId, cookie);
  clients.push(client);
  return client;
}
function closed(socket: import("ws").WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once("close", resolve));
}
async function freeDocument(member: { id: string }, title: string): Promise<string> {
  const actor = await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
  const created = await createFreeDocument(actor, await groupIdFor("rooting-care"), title);
  if (!created.ok) throw new Error(created.error);
  return created.value.documentId;
}
/** Frames a Yjs update as a y-websocket sync message (sync step 2). */
function updateMessage(update: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = update.length;
  while (n > 127) {
    length.push((n & 127) | 128);
    n >>>= 7;
  }
  length.push(n);
  return Uint8Array.from([0, 2, ...length, ...update]);
}

// A document written by client 1 ("hello world"), and an update by client 2 that decodes but
// does not apply to it (its origin points at a struct that does not exist): found by mutating a
// real update, kept as bytes so the test does not depend on Yjs internals.
const BASE = Uint8Array.from([1, 1, 1, 0, 4, 1, 1, 116, 11, 104, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100, 0]);
const POISON = Uint8Array.from([1, 1, 2, 0, 196, 2, 2, 1, 3, 3, 88, 89, 90, 0]);

describe("read-only and refused updates", () => {
  it("tells a member at once when the lead finalises, and reports every refused update", async () => {
    const slug = "rooting-care";
    const documentId = `learning-questions.${slug}`;
    await writeLearningQuestions(slug, "Intro", [["How do we rest?"]]);
    const member = await createMember({ group: slug });
    const lead = await createMember({ group: slug, lead: true });
    const leadBrowser = await signedIn(lead);
    const typing = open(documentId, (await signedIn(member)).cookieHeader);
    const watching = open(documentId, leadBrowser.cookieHeader);
    await Promise.all([typing.synced, watching.synced]);
    typing.doc.getText("t").insert(0, "kept ");
    await eventually(() => expect(watching.text()).toBe("kept "));

    const finalised = await leadBrowser.post(`/groups/${slug}/docs/learning-questions`, { intent: "finalise" });
    expect(finalised.status).toBeLessThan(400);
    await eventually(() => expect(typing.notices).toContainEqual({ type: "access", access: "read", reason: "finalised" }), 1000);

    typing.doc.getText("t").insert(5, "refused");
    await eventually(() => expect(typing.notices).toContainEqual({ type: "refused", reason: "readOnly" }));
    // Still connected and still receiving; nothing refused reached anyone or the database.
    expect(typing.closeCodes).toEqual([]);
    const fresh = open(documentId, (await signedIn(await createMember({ group: slug }))).cookieHeader);
    await fresh.synced;
    expect(fresh.text()).toBe("kept ");
    expect(watching.text()).toBe("kept ");
  });

  it("tells a member who connects read-only, before anything they send is refused", async () => {
    const documentId = "learning-outcome.practising-accountability";
    const outsider = open(documentId, (await signedIn(await createMember({ group: "rooting-care" }))).cookieHeader);
    await outsider.synced;
    expect(outsider.notices[0]).toEqual({ type: "access", access: "read", reason: "noEditRight" });
    // Connecting sends an empty update: nothing to refuse.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsider.notices).toHaveLength(1);
  });
});

describe("limits", () => {
  it("closes a member's connection beyond their limit with 4409, and a document's beyond its own", async () => {
    const cookie = (await signedIn(await createMember({ group: "rooting-care" }))).cookieHeader;
    const mine = [1, 2, 3].map(() => open("learning-outcome.rooting-care", cookie));
    await Promise.all(mine.map((client) => client.synced));
    const extra = open("learning-outcome.rooting-care", cookie);
    await eventually(() => expect(extra.closeCodes).toContain(4409));

    expect(extra.notices).toContainEqual({ type: "refused", reason: "tooManyConnections" });
    // Closing one makes room again (once the server has seen it close).
    mine[0].destroy();
    await eventually(async () => {
      const again = open("learning-outcome.rooting-care", cookie);
      const outcome = await Promise.race([again.synced.then(() => "synced"), new Promise((resolve) => again.provider.once("connection-close", () => resolve("closed")))]);
      expect(outcome).toBe("synced");
    });

    const documentId = "learning-outcome.strengthening-collaboration";
    const others = [];
    for (let i = 0; i < 4; i++) others.push(open(documentId, (await signedIn(await createMember({ group: "strengthening-collaboration" }))).cookieHeader));
    await Promise.all(others.map((client) => client.synced));
    const fifth = open(documentId, (await signedIn(await createMember({ group: "strengthening-collaboration" }))).cookieHeader);
    await eventually(() => expect(fifth.closeCodes).toContain(4409));
  });

  it("closes a connection that floods with 4429, and one message too large with 4413; others keep editing", async () => {
    const documentId = "learning-outcome.practising-accountability";
    const group = { group: "practising-accountability" };
    const good = open(documentId, (await signedIn(await createMember(group))).cookieHeader);
    const other = open(documentId, (await signedIn(await createMember(group))).cookieHeader);
    await Promise.all([good.synced, other.synced]);

    const flooder = await rawSocket(praxis.url, documentId, (await signedIn(await createMember(group))).cookieHeader);
    const flooded = closed(flooder);
    const queryAwareness = Uint8Array.from([3]);
    for (let i = 0; i < 200; i++) flooder.send(queryAwareness);
    expect(await flooded).toBe(4429);

    const big = await rawSocket(praxis.url, documentId, (await signedIn(await createMember(group))).cookieHeader);
    const tooLarge = closed(big);
    big.send(new Uint8Array(3 * 1024 * 1024));
    expect(await tooLarge).toBe(4413);

    good.doc.getText("t").insert(0, "still here");
    await eventually(() => expect(other.text()).toBe("still here"));
  });
});

describe("updates that do not apply", () => {
  it("refuses one with 4400 before it is stored", async () => {
    const member = await createMember({ group: "rooting-care" });
    const id = await freeDocument(member, "Poison");
    const cookie = (await signedIn(member)).cookieHeader;
    const socket = await rawSocket(praxis.url, id, cookie);
    const notices: string[] = [];
    socket.on("message", (data: Buffer) => {
      if (data[0] === 2) notices.push(data.subarray(3).toString());
    });
    socket.send(updateMessage(BASE));
    await eventually(async () => expect(await db().documentUpdate.count({ where: { documentId: id } })).toBe(1));
    const refused = closed(socket);
    socket.send(updateMessage(POISON));
    expect(await refused).toBe(4400);
    expect(notices.map((n) => JSON.parse(n))).toContainEqual({ type: "refused", reason: "invalid" });
    expect(await db().documentUpdate.count({ where: { documentId: id } })).toBe(1);
    const reader = open(id, cookie);
    await reader.synced;
    expect(reader.text()).toBe("hello world");
  });

  it("refuses one sent right behind updates still being stored, and stores those", async () => {
    const member = await createMember({ group: "rooting-care" });
    const id = await freeDocument(member, "Poison behind");
    const cookie = (await signedIn(member)).cookieHeader;
    const later = new Y.Doc();
    later.clientID = 3;
    Y.applyUpdate(later, BASE);
    const before = Y.encodeStateVector(later);
    later.getText("t").insert(11, "!");
    const exclaim = Y.encodeStateAsUpdate(later, before);
    const socket = await rawSocket(praxis.url, id, cookie);
    const refused = closed(socket);
    // One after the other, without waiting: the poison meets the first two before they are
    // stored or applied (plain updates that are not tried on a scratch copy).
    for (const update of [BASE, exclaim, POISON]) socket.send(updateMessage(update));
    expect(await refused).toBe(4400);
    const reader = open(id, cookie);
    await reader.synced;
    expect(reader.text()).toBe("hello world!");
    const rows = await db().documentUpdate.findMany({ where: { documentId: id }, select: { data: true } });
    expect(rows.map((row) => Array.from(row.data))).toEqual([Array.from(BASE), Array.from(exclaim)]);
  });

  it("opens a document that already holds one, without it, and says so in its history", async () => {
    const member = await createMember({ group: "rooting-care" });
    const id = await freeDocument(member, "Old poison");
    const later = new Y.Doc();
    later.clientID = 3;
    Y.applyUpdate(later, BASE);
    const before = Y.encodeStateVector(later);
    later.getText("t").insert(11, "!");
    const after = Y.encodeStateAsUpdate(later, before);
    // As stored before updates were validated on arrival.
    for (const data of [BASE, POISON, after]) await db().documentUpdate.create({ data: { documentId: id, data: Buffer.from(data) } });

    const reader = open(id, (await signedIn(member)).cookieHeader);
    await reader.synced;
    expect(reader.closeCodes).toEqual([]);
    expect(reader.text()).toBe("hello world!");
    const repaired = await db().documentVersion.findFirst({ where: { documentId: id, kind: "repaired" } });
    expect(repaired).not.toBeNull();
    expect(await db().documentUpdate.count({ where: { documentId: id } })).toBe(2);
  });
});
