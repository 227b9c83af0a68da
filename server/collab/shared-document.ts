// One document in memory: its Y.Doc, awareness, and the connections editing it.
// Every client update is checked before it is stored: the common one is vouched for by its
// structure (update-check.ts); any other is tried on a scratch copy. Only then is it stored
// durably, applied to the live document and relayed.
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeRawAwareness, encodeUpdate } from "./protocol";
import { STORED } from "./persistence";
import { vouchForUpdate } from "./update-check";

export interface Connection {
  send(message: Uint8Array): void;
  /** Awareness client ids this connection announced, removed when it leaves. */
  awarenessIds: Set<number>;
}

/** Origin of changes that came from another instance (already stored and fanned out there). */
export const REMOTE = Symbol("remote instance");
/** Origin of changes the server made and stored itself (domain changeDocument). */
export const SERVER_CHANGE = Symbol("server change");

/** An update that decodes but does not apply: refused (4400), never stored. */
export class PoisonUpdate extends Error {}

export interface DocumentHooks {
  store(document: SharedDocument, update: Uint8Array): Promise<void>;
  changed(document: SharedDocument, update: Uint8Array, origin: unknown): void;
  awareness(document: SharedDocument, update: Uint8Array, origin: unknown): void;
}

export class SharedDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private queue: Promise<void> = Promise.resolve();
  /** Updates accepted (or received from elsewhere) but not yet applied to `doc`, in order. */
  private readonly unapplied: Uint8Array[] = [];
  /** How many of those were not vouched for by their structure (they may leave Yjs waiting). */
  private unvouched = 0;
  /** The clock each client reaches with the vouched-for updates among `unapplied`. */
  private readonly unappliedEnds = new Map<number, number>();
  /**
   * The scratch copy unusual updates are tried on before they are stored: the live state plus
   * every update in `unapplied`. Made when first needed (read-only viewers and plain typing never
   * pay for it), dropped when an update bypasses it or fails on it (Yjs does not roll back a
   * half-applied update).
   */
  private scratch: Y.Doc | null = null;
  /** How client updates were checked: vouched for by their structure, or tried on the scratch copy. */
  readonly checks = { vouched: 0, tried: 0 };
  lastActiveAt = Date.now();

  constructor(
    readonly id: string,
    private readonly hooks: DocumentHooks,
  ) {
    // The document id as guid: Yjs would otherwise draw a random one, which costs more than
    // loading a small document (the guid never leaves this process).
    this.doc = new Y.Doc({ gc: true, guid: id });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // Our own server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
      if (origin !== STORED) this.hooks.changed(this, update, origin);
    });
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin && typeof origin === "object" && "awarenessIds" in origin) {
        const ids = (origin as Connection).awarenessIds;
        added.forEach((id) => ids.add(id));
        removed.forEach((id) => ids.delete(id));
      }
      const message = encodeAwareness(this.awareness, changed);
      for (const connection of this.connections) connection.send(message);
      this.hooks.awareness(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), origin);
    });
  }

  /**
   * Throws PoisonUpdate if the update does not apply to the state it will meet; nothing changes
   * then. The structure alone vouches for most updates (true), but only while Yjs has nothing
   * waiting (a waiting update is retried with the next one, and could be the one that fails).
   */
  private check(update: Uint8Array): boolean {
    const store = this.doc.store;
    if (this.unvouched === 0 && store.pendingStructs === null && store.pendingDs === null) {
      const vouched = vouchForUpdate(update, (client) => Math.max(Y.getState(store, client), this.unappliedEnds.get(client) ?? 0));
      if (vouched) {
        for (const [client, end] of vouched.ends) this.unappliedEnds.set(client, Math.max(end, this.unappliedEnds.get(client) ?? 0));
        this.dropScratch(); // it no longer holds everything accepted
        this.checks.vouched++;
        return true;
      }
    }
    this.checks.tried++;
    const scratch = this.scratch ?? (this.scratch = this.makeScratch());
    try {
      Y.applyUpdate(scratch, update);
    } catch (error) {
      this.dropScratch();
      throw new PoisonUpdate(error instanceof Error ? error.message : String(error));
    }
    return false;
  }

  private makeScratch(): Y.Doc {
    const scratch = new Y.Doc({ gc: true, guid: "scratch" });
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    for (const update of this.unapplied) {
      try {
        Y.applyUpdate(scratch, update);
      } catch {
        // Accepted already and about to fail on the live document as well (logged there).
      }
    }
    return scratch;
  }

  /** Keeps the scratch copy level with changes that did not pass through check. */
  private followScratch(update: Uint8Array): void {
    if (!this.scratch) return;
    try {
      Y.applyUpdate(this.scratch, update);
    } catch {
      this.dropScratch();
    }
  }

  /** Queues `update` to be applied to the live document once `stored` and every earlier one. */
  private enqueue(update: Uint8Array, stored: Promise<void>, origin: unknown, vouched: boolean): Promise<void> {
    this.unapplied.push(update);
    if (!vouched) this.unvouched++;
    stored.catch(() => undefined); // observed below, through `step`
    const step = this.queue.then(async () => {
      try {
        await stored;
        Y.applyUpdate(this.doc, update, origin);
      } catch (error) {
        // Not stored (or not applied): the scratch copy holds it but the document never will.
        this.dropScratch();
        throw error;
      } finally {
        this.unapplied.shift();
        if (!vouched) this.unvouched--;
        if (this.unapplied.length === 0) this.unappliedEnds.clear();
      }
    });
    this.queue = step.catch(() => undefined);
    return step;
  }

  /**
   * Applies a client's (or another instance's) update in arrival order: checks it (a failing one
   * is refused before anything is stored), stores it, then applies it to the live document
   * (which relays it).
   */
  receiveUpdate(update: Uint8Array, origin: Connection | typeof REMOTE): Promise<void> {
    this.lastActiveAt = Date.now();
    if (origin === REMOTE) {
      this.followScratch(update);
      return this.enqueue(update, Promise.resolve(), origin, false);
    }
    let stored: Promise<void>;
    let vouched: boolean;
    try {
      vouched = this.check(update);
      // Storing starts now (so consecutive updates share a transaction); applying waits for
      // both the update's own storage and every earlier update, so order is kept.
      stored = this.hooks.store(this, update);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(update, stored, origin, vouched);
  }

  receiveAwareness(update: Uint8Array, origin: Connection | typeof REMOTE): void {
    this.lastActiveAt = Date.now();
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  /**
   * Applies a change the server already stored (a restore, a form post): connections here
   * receive it and, through the relay, other instances too.
   */
  applyStoredChange(update: Uint8Array): Promise<void> {
    this.followScratch(update);
    return this.enqueue(update, Promise.resolve(), SERVER_CHANGE, false);
  }

  /** Waits until every accepted update has been stored and applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  remove(connection: Connection): void {
    this.connections.delete(connection);
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    this.lastActiveAt = Date.now();
    // Nobody left to edit: the scratch copy's memory goes back until someone types again.
    if (this.connections.size === 0) this.dropScratch();
  }

  private dropScratch(): void {
    this.scratch?.destroy();
    this.scratch = null;
  }

  awarenessMessage(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length ? encodeAwareness(this.awareness, clients) : null;
  }

  static rawAwarenessMessage(update: Uint8Array): Uint8Array {
    return encodeRawAwareness(update);
  }

  destroy(): void {
    this.dropScratch();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
