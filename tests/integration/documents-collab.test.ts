// The y-websocket endpoint with durable storage: convergence (with an offline client), a hard
// stop losing nothing anyone saw, authorisation per role, refused updates and messages, and the
// tables derived from the workplan.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createCoordinator, createMel, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectDocument, eventually, rawSocket, type YClient } from "../support/yjs";

const praxis = usePraxis();
const clients: YClient[] = [];
afterEach(() => {
  clients.splice(0).forEach((client) => client.destroy());
});

async function cookieFor(member: { username: string; password: string }): Promise<string> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser.sessionCookie;
}

function open(documentId: string, cookie: string, options?: { connect?: boolean }): YClient {
  const client = connectDocument(praxis.url, documentId, cookie, options);
  clients.push(client);
  return client;
}

describe("co-editing over y-websocket", () => {
  it("converges several clients, including one that edits offline and comes back", async () => {
    const cookies = [];
    for (const member of [await createMember(), await createMember(), await createMember({ lead: true })]) cookies.push(await cookieFor(member));
    const documentId = "learning-outcome.rooting-care";
    const [x, y, z] = cookies.map((cookie) => open(documentId, cookie));
    await Promise.all([x.synced, y.synced, z.synced]);
    x.doc.getText("t").insert(0, "alpha ");
    await eventually(() => expect(z.text()).toBe("alpha "));

    z.provider.disconnect();
    z.doc.getText("t").insert(z.text().length, "offline-edit ");
    x.doc.getText("t").insert(0, "x-first ");
    y.doc.getText("t").insert(y.text().length, "y-last");
    await eventually(() => expect(x.text()).toBe(y.text()));
    expect(x.text()).not.toContain("offline-edit");

    z.provider.connect();
    await eventually(() => {
      expect(x.text()).toBe(z.text());
      expect(y.text()).toBe(z.text());
    });
    for (const part of ["alpha", "offline-edit", "x-first", "y-last"]) expect(z.text()).toContain(part);
    expect(Y.encodeStateVector(x.doc)).toEqual(Y.encodeStateVector(z.doc));
  });

  it("loses nothing another client received when the server is killed mid-session", async () => {
    const cookie = await cookieFor(await createMember());
    const observerCookie = await cookieFor(await createMember());
    const documentId = "workplan.rooting-care";
    const writer = open(documentId, cookie);
    const observer = open(documentId, observerCookie);
    await Promise.all([writer.synced, observer.synced]);
    for (let i = 0; i < 60; i++) writer.doc.getText("t").insert(writer.text().length, `w${i} `);
    await eventually(() => expect(observer.text()).toContain("w59 "));
    const seen = observer.text();

    await praxis.server.kill(); // SIGKILL: nothing gets flushed
    clients.splice(0).forEach((client) => client.destroy());
    await praxis.restart();

    const after = open(documentId, await cookieFor(await createMember()));
    await after.synced;
    expect(after.text()).toBe(seen);
  });

  it("stores updates durably and compacts them when the document leaves memory", async () => {
    const editor = await createMember();
    const cookie = await cookieFor(editor);
    const documentId = "learning-questions.rooting-care";
    const client = open(documentId, cookie);
    await client.synced;
    for (let i = 0; i < 20; i++) client.doc.getText("t").insert(0, "q");
    await eventually(async () => expect(await db().documentUpdate.count({ where: { documentId } })).toBeGreaterThanOrEqual(20));
    // The editor is remembered once, for their data export.
    await eventually(async () => expect(await db().documentContributor.findMany({ where: { userId: editor.id }, select: { documentId: true } })).toEqual([{ documentId }]));
    // A graceful stop unloads every document, which compacts it.
    client.destroy();
    clients.splice(0);
    await praxis.restart();
    expect(await db().documentUpdate.count({ where: { documentId } })).toBe(0);
    const snapshot = await db().documentSnapshot.findUniqueOrThrow({ where: { documentId } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(snapshot.state));
    expect(doc.getText("t").toString()).toBe("q".repeat(20));
  });
});

describe("who may connect and edit", () => {
  it("closes a connection without a session with 4401 and an unknown document with 4403", async () => {
    const anonymous = open("workplan.rooting-care", "", { connect: true });
    await eventually(() => expect(anonymous.closeCodes).toContain(4401));
    anonymous.provider.disconnect();
    const member = open("doc.no-such-document", await cookieFor(await createMember()));
    await eventually(() => expect(member.closeCodes).toContain(4403));
    member.provider.disconnect();
    const nonsense = open("not-a-document", await cookieFor(await createMember()));
    await eventually(() => expect(nonsense.closeCodes).toContain(4403));
    nonsense.provider.disconnect();
  });

  it("lets members of other groups, MEL and coordinators read; only the group and coordinators edit", async () => {
    const documentId = "learning-outcome.practising-accountability";
    const editor = open(documentId, await cookieFor(await createMember({ group: "practising-accountability" })));
    const outsider = open(documentId, await cookieFor(await createMember({ group: "rooting-care" })));
    const mel = open(documentId, await cookieFor(await createMel()));
    const coordinator = open(documentId, await cookieFor(await createCoordinator()));
    await Promise.all([editor.synced, outsider.synced, mel.synced, coordinator.synced]);

    editor.doc.getText("t").insert(0, "from the group;");
    await eventually(() => {
      expect(outsider.text()).toBe("from the group;");
      expect(mel.text()).toBe("from the group;");
    });
    // Read-only members' updates are refused: nobody else sees them, nothing is stored.
    outsider.doc.getText("t").insert(0, "OUTSIDER");
    mel.doc.getText("t").insert(0, "MEL");
    coordinator.doc.getText("t").insert(coordinator.text().length, " coordinator");
    await eventually(() => expect(editor.text()).toContain("coordinator"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(editor.text()).toBe("from the group; coordinator");
    // ... and the read-only connections stay open, still receiving.
    editor.doc.getText("t").insert(0, "more ");
    await eventually(() => expect(mel.text()).toContain("more "));
    const fresh = open(documentId, await cookieFor(await createMember({ group: "practising-accountability" })));
    await fresh.synced;
    expect(fresh.text()).toBe("more from the group; coordinator");
  });

  it("closes only the sender of a malformed or oversized message; others keep editing", async () => {
    const documentId = "learning-outcome.strengthening-collaboration";
    const cookie = await cookieFor(await createMember({ group: "strengthening-collaboration" }));
    const good = open(documentId, cookie);
    const other = open(documentId, await cookieFor(await createMember({ group: "strengthening-collaboration" })));
    await Promise.all([good.synced, other.synced]);
    good.doc.getText("t").insert(0, "intact");
    await eventually(() => expect(other.text()).toBe("intact"));

    const malformed = await rawSocket(praxis.url, documentId, cookie);
    const malformedClosed = new Promise<number>((resolve) => malformed.once("close", resolve));
    malformed.send(Uint8Array.from([0, 2, 50, 1, 2, 3])); // an "update" whose bytes are not one
    expect(await malformedClosed).toBe(4400);

    const oversized = await rawSocket(praxis.url, documentId, cookie);
    const oversizedClosed = new Promise<number>((resolve) => oversized.once("close", resolve));
    oversized.send(new Uint8Array(3 * 1024 * 1024));
    expect(await oversizedClosed).toBe(4413);

    good.doc.getText("t").insert(6, " still");
    await eventually(() => expect(other.text()).toBe("intact still"));
  });
});

describe("tables derived from the workplan", () => {
  it("mirrors milestones and budget lines, with totals, without anyone loading Yjs", async () => {
    const groupId = await groupIdFor("strengthening-collaboration");
    const documentId = "workplan.strengthening-collaboration";
    const client = open(documentId, await cookieFor(await createMember({ group: "strengthening-collaboration" })));
    await client.synced;
    const budget = client.doc.getArray<Y.Map<unknown>>("budget");
    const milestones = client.doc.getArray<Y.Map<unknown>>("milestones");
    client.doc.transact(() => {
      for (const [id, item, amountCents] of [["b1", "Venue", 45000], ["b2", "Interpretation", 120050], ["b3", "Bad amount", -5]] as const) {
        const line = new Y.Map<unknown>();
        line.set("id", id);
        line.set("item", item);
        line.set("category", id === "b2" ? "translation" : "activities");
        line.set("amountCents", amountCents);
        line.set("note", "");
        budget.push([line]);
      }
      const milestone = new Y.Map<unknown>();
      milestone.set("id", "m1");
      milestone.set("title", "First workshop");
      milestone.set("due", "2027-03-15");
      milestone.set("status", "planned");
      milestones.push([milestone]);
    });
    await eventually(async () => {
      const lines = await db().budgetLine.findMany({ where: { groupId }, orderBy: { position: "asc" } });
      expect(lines.map((l) => [l.item, l.amountCents])).toEqual([["Venue", 45000], ["Interpretation", 120050], ["Bad amount", 0]]);
    });
    const sum = await db().budgetLine.aggregate({ where: { groupId }, _sum: { amountCents: true } });
    expect(sum._sum.amountCents).toBe(165050);
    const [milestone] = await db().workplanMilestone.findMany({ where: { groupId } });
    expect(milestone.title).toBe("First workshop");
    expect(milestone.dueDate?.toISOString()).toBe("2027-03-15T00:00:00.000Z");

    // A change of amount reaches the table too.
    (budget.get(0) as Y.Map<unknown>).set("amountCents", 50000);
    await eventually(async () => {
      const total = await db().budgetLine.aggregate({ where: { groupId }, _sum: { amountCents: true } });
      expect(total._sum.amountCents).toBe(170050);
    });
  });
});
