// The structural check that lets most updates skip the trial run on a scratch copy: it vouches
// for the updates real editors send, never for one that fails to apply, and a poison update sent
// to a document is still refused before it is stored, whichever path it takes.
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PoisonUpdate, REMOTE, SharedDocument, type Connection, type DocumentHooks } from "../../server/collab/shared-document";
import { vouchForUpdate } from "../../server/collab/update-check";

/** "hello world" written by client 1 into the text "t". */
function baseDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getText("t").insert(0, "hello world");
  return doc;
}
const knownIn = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client);
function appliesTo(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  try {
    Y.applyUpdate(copy, update);
    return true;
  } catch {
    return false;
  } finally {
    copy.destroy();
  }
}

/** One string item by client 2 at clock 0, in Yjs's update format (v1), with the given references. */
function itemUpdate(refs: { origin?: [number, number]; rightOrigin?: [number, number]; parent?: [number, number] }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs
  encoding.writeVarUint(e, 2); // client
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 4 | (refs.origin ? 0x80 : 0) | (refs.rightOrigin ? 0x40 : 0)); // a string
  for (const id of [refs.origin, refs.rightOrigin]) {
    if (!id) continue;
    encoding.writeVarUint(e, id[0]);
    encoding.writeVarUint(e, id[1]);
  }
  if (!refs.origin && !refs.rightOrigin) {
    encoding.writeVarUint(e, refs.parent ? 0 : 1); // parent by id, or by root name
    if (refs.parent) {
      encoding.writeVarUint(e, refs.parent[0]);
      encoding.writeVarUint(e, refs.parent[1]);
    } else encoding.writeVarString(e, "t");
  }
  encoding.writeVarString(e, "XYZ");
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}

// Updates that decode but throw when applied: a reference to a struct of the item's own client
// that is not there (Yjs checks other clients' references, not its own client's).
const POISONS: Record<string, Uint8Array> = {
  "its origin ahead of itself": itemUpdate({ origin: [2, 2], rightOrigin: [1, 3] }),
  "its origin at itself": itemUpdate({ origin: [2, 0] }),
  "its right origin ahead of itself": itemUpdate({ origin: [1, 3], rightOrigin: [2, 5] }),
  "its parent ahead of itself": itemUpdate({ parent: [2, 3] }),
};

/** Real editing, as the updates each change produces. */
function realUpdates(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = baseDoc();
  const editor = new Y.Doc();
  editor.clientID = 7;
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  editor.on("update", (update: Uint8Array) => updates.push(update));
  const text = editor.getText("t");
  text.insert(5, ",");
  text.insert(12, "!");
  text.format(0, 5, { bold: true });
  text.delete(0, 3); // deletes client 1's items
  text.delete(2, 2); // and its own
  const fragment = editor.getXmlFragment("prosemirror");
  const paragraph = new Y.XmlElement("paragraph");
  fragment.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText("new paragraph")]);
  editor.transact(() => {
    const second = new Y.XmlElement("heading");
    second.setAttribute("level", "2");
    fragment.insert(1, [second]);
    second.insert(0, [new Y.XmlText("with its text, in one update")]);
  });
  editor.getMap("meta").set("title", "Plan");
  editor.getMap("meta").set("title", "Plan B");
  return { doc, updates };
}

describe("vouching for an update by its structure", () => {
  it("vouches for typing, formatting, deleting, new paragraphs and map values, applied in order", () => {
    const { doc, updates } = realUpdates();
    for (const update of updates) {
      expect(vouchForUpdate(update, knownIn(doc))).not.toBeNull();
      Y.applyUpdate(doc, update);
    }
    expect(doc.getText("t").toString()).toBe("loworld!");
  });

  it("vouches for a whole offline session sent at once (sync step 2)", () => {
    const doc = baseDoc();
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(offline);
    for (let i = 0; i < 20; i++) offline.getText("t").insert(i % 7, "ab");
    offline.getText("t").delete(1, 4);
    const update = Y.encodeStateAsUpdate(offline, before);
    expect(vouchForUpdate(update, knownIn(doc))).not.toBeNull();
  });

  it("does not vouch for an update that builds on one not known yet, nor for a subdocument", () => {
    const doc = baseDoc();
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    editor.on("update", (update: Uint8Array) => updates.push(update));
    editor.getText("t").insert(0, "a");
    editor.getText("t").insert(1, "b");
    expect(vouchForUpdate(updates[1], knownIn(doc))).toBeNull();
    // Known once the first is accepted (the caller adds what is waiting to be applied).
    expect(vouchForUpdate(updates[1], (client) => (client === editor.clientID ? 1 : knownIn(doc)(client)))).not.toBeNull();
    editor.getMap("docs").set("sub", new Y.Doc());
    expect(vouchForUpdate(updates[2], knownIn(doc))).toBeNull();
  });

  for (const [name, poison] of Object.entries(POISONS)) {
    it(`does not vouch for a poison update: ${name}`, () => {
      const doc = baseDoc();
      expect(appliesTo(doc, poison)).toBe(false);
      expect(vouchForUpdate(poison, knownIn(doc))).toBeNull();
    });
  }

  it("never vouches for a mangled update that fails to apply", () => {
    const { doc, updates } = realUpdates();
    Y.applyUpdate(doc, updates[0]);
    let seed = 14;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let vouched = 0;
    let failing = 0;
    for (let round = 0; round < 4000; round++) {
      const update = Uint8Array.from(updates[1 + (round % (updates.length - 1))]);
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) update[Math.floor(random() * update.length)] = Math.floor(random() * 256);
      const applies = appliesTo(doc, update);
      if (!applies) failing++;
      if (vouchForUpdate(update, knownIn(doc))) {
        vouched++;
        expect(applies, `vouched for ${Array.from(update)}`).toBe(true);
      }
    }
    // The mangling does produce poison, and the check still vouches for some of what applies.
    expect(failing).toBeGreaterThan(50);
    expect(vouched).toBeGreaterThan(50);
  });
});

describe("a shared document refusing poison", () => {
  const connection: Connection = { send() {}, awarenessIds: new Set() };
  function sharedDocument(storeWaits = false) {
    const stored: Uint8Array[] = [];
    const waiting: Array<() => void> = [];
    const hooks: DocumentHooks = {
      store: async (_document, update) => {
        if (storeWaits) await new Promise<void>((resolve) => waiting.push(resolve));
        stored.push(update);
      },
      changed() {},
      awareness() {},
    };
    const shared = new SharedDocument("doc", hooks);
    Y.applyUpdate(shared.doc, Y.encodeStateAsUpdate(baseDoc()));
    return { shared, stored, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
  }

  for (const [name, poison] of Object.entries(POISONS)) {
    it(`refuses one before storing it, and keeps accepting good updates: ${name}`, async () => {
      const { shared, stored } = sharedDocument();
      await expect(shared.receiveUpdate(poison, connection)).rejects.toBeInstanceOf(PoisonUpdate);
      expect(stored).toEqual([]);
      expect(shared.doc.getText("t").toString()).toBe("hello world");

      const { updates } = realUpdates();
      await shared.receiveUpdate(updates[0], connection);
      expect(shared.doc.getText("t").toString()).toBe("hello, world");
      expect(stored).toEqual([updates[0]]);
    });
  }

  it("vouches for updates that build on ones still being stored, and refuses poison among them", async () => {
    const { shared, stored, release } = sharedDocument(true);
    const { updates } = realUpdates();
    const accepted = updates.map((update) => shared.receiveUpdate(update, connection));
    const refused = shared.receiveUpdate(POISONS["its origin ahead of itself"], connection);
    await expect(refused).rejects.toBeInstanceOf(PoisonUpdate);
    expect(shared.checks.vouched).toBe(updates.length);
    release();
    await Promise.all(accepted);
    expect(stored).toHaveLength(updates.length);
    expect(shared.doc.getText("t").toString()).toBe("loworld!");
  });

  it("tries every update on the scratch copy while an unusual one is waiting, and still refuses poison", async () => {
    const { shared, stored, release } = sharedDocument(true);
    // Another instance's change that needs something not known here: Yjs keeps it waiting.
    const elsewhere = new Y.Doc();
    elsewhere.clientID = 9;
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(shared.doc));
    elsewhere.getText("t").insert(0, "A");
    const needed = Y.encodeStateVector(elsewhere);
    elsewhere.getText("t").insert(1, "B");
    const remote = shared.receiveUpdate(Y.encodeStateAsUpdate(elsewhere, needed), REMOTE);
    const { updates } = realUpdates();
    const accepted = shared.receiveUpdate(updates[0], connection);
    await expect(shared.receiveUpdate(POISONS["its parent ahead of itself"], connection)).rejects.toBeInstanceOf(PoisonUpdate);
    expect(shared.checks).toEqual({ vouched: 0, tried: 2 });
    release();
    await Promise.all([remote, accepted]);
    expect(shared.doc.store.pendingStructs).not.toBeNull();
    // Yjs still waits: later updates are tried too.
    const later = shared.receiveUpdate(updates[1], connection);
    expect(shared.checks).toEqual({ vouched: 0, tried: 3 });
    release();
    await later;
    expect(stored).toEqual([updates[0], updates[1]]);
  });
});
