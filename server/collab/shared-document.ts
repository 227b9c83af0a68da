// One document in memory: its Y.Doc, awareness, and the connections editing it.
// Every client update is validated on a scratch copy, stored durably, and only then applied to
// the live document and relayed.
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeRawAwareness, encodeUpdate } from "./protocol";
import { STORED } from "./persistence";

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
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private queue: Promise<void> = Promise.resolve();
  /**
   * The scratch copy updates are tried on before they are stored: the live state plus every
   * update accepted but not yet applied. Made on the first client update (read-only viewers never
   * pay for it), dropped after a failure (Yjs does not roll back a half-applied update).
   */
  private scratch: Y.Doc | null = null;
  lastActiveAt = Date.now();

  constructor(
    readonly id: string,
    private readonly hooks: DocumentHooks,
  ) {
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

  /** Throws PoisonUpdate if the update does not apply to the current state; nothing changes then. */
  private validate(update: Uint8Array): void {
    if (!this.scratch) {
      this.scratch = new Y.Doc({ gc: true });
      Y.applyUpdate(this.scratch, Y.encodeStateAsUpdate(this.doc));
    }
    try {
      Y.applyUpdate(this.scratch, update);
    } catch (error) {
      this.scratch.destroy();
      this.scratch = null;
      throw new PoisonUpdate(error instanceof Error ? error.message : String(error));
    }
  }

  /** Keeps the scratch copy level with changes that did not pass through validate. */
  private followScratch(update: Uint8Array): void {
    if (!this.scratch) return;
    try {
      Y.applyUpdate(this.scratch, update);
    } catch {
      this.scratch.destroy();
      this.scratch = null;
    }
  }

  /**
   * Applies a client's (or another instance's) update in arrival order: validates it on the
   * scratch copy (a failing one is refused before anything is stored), stores it, then applies
   * it to the live document (which relays it).
   */
  receiveUpdate(update: Uint8Array, origin: Connection | typeof REMOTE): Promise<void> {
    this.lastActiveAt = Date.now();
    let stored: Promise<void>;
    try {
      if (origin === REMOTE) {
        this.followScratch(update);
        stored = Promise.resolve();
      } else {
        this.validate(update);
        // Storing starts now (so consecutive updates share a transaction); applying waits for
        // both the update's own storage and every earlier update, so order is kept.
        stored = this.hooks.store(this, update);
      }
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
    this.followScratch(update);
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
