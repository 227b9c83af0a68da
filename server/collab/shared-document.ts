// One document in memory: its Y.Doc, awareness, and the connections editing it.
// Every update is validated, stored durably, and only then applied and relayed.
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeRawAwareness, encodeUpdate } from "./protocol";
import { STORED, type Persistence } from "./persistence";

export interface Connection {
  send(message: Uint8Array): void;
  /** Awareness client ids this connection announced, removed when it leaves. */
  awarenessIds: Set<number>;
}

/** Origin of changes that came from another instance (already stored and fanned out there). */
export const REMOTE = Symbol("remote instance");
/** Origin of changes the server made and stored itself (domain changeDocument). */
const SERVER_CHANGE = Symbol("server change");

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private queue: Promise<void> = Promise.resolve();
  lastActiveAt = Date.now();
  /** Called after a change made on this instance (a client's edit, a server-made change). */
  onLocalChange?: () => void;

  constructor(
    readonly id: string,
    private readonly persistence: Persistence,
    private readonly relay: { update(update: Uint8Array): void; awareness(update: Uint8Array): void },
  ) {
    // Our own server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
      if (origin !== REMOTE && origin !== STORED) this.relay.update(update);
      if (origin !== REMOTE && origin !== STORED) this.onLocalChange?.();
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
      if (origin !== REMOTE) this.relay.awareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
  }

  async load(): Promise<void> {
    await this.persistence.load(this.id, this.doc);
  }

  /**
   * Applies a client's (or another instance's) update in arrival order: rejects malformed
   * data before anything is stored, then stores, then applies (which relays it).
   */
  receiveUpdate(update: Uint8Array, origin: Connection | typeof REMOTE): Promise<void> {
    this.lastActiveAt = Date.now();
    let stored: Promise<void>;
    try {
      Y.decodeUpdate(update); // throws on malformed input: nothing is stored or applied
      // Storing starts now (so consecutive updates share a transaction); applying waits for
      // both the update's own storage and every earlier update, so order is kept.
      stored = origin === REMOTE ? Promise.resolve() : this.persistence.store(this.id, update);
    } catch (error) {
      return Promise.reject(error);
    }
    stored.catch(() => undefined); // observed below, through `step`
    const step = this.queue.then(async () => {
      await stored;
      Y.applyUpdate(this.doc, update, origin);
    });
    this.queue = step.catch(() => undefined);
    return step;
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
    const step = this.queue.then(() => Y.applyUpdate(this.doc, update, SERVER_CHANGE));
    this.queue = step.catch(() => undefined);
    return step;
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
  }

  awarenessMessage(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length ? encodeAwareness(this.awareness, clients) : null;
  }

  static rawAwarenessMessage(update: Uint8Array): Uint8Array {
    return encodeRawAwareness(update);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
