// The Yjs collaboration endpoint at /yjs/<documentId>, speaking the y-websocket protocol.
// The core here routes upgrades, keeps the open documents and connections, and runs the
// extensions (extension.ts) in order for every connection, message, update and document.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { subscribe } from "~/infra/events.server";
import { provideLiveDocuments } from "~/infra/live-documents.server";
import { log } from "~/infra/log.server";
import { isSameOriginUpgrade } from "../http/origin";
import { Refusal, describeError, type ClientConnection, type CollabExtension, type RefusalReason } from "./extension";
import { access } from "./extensions/access";
import { contributors } from "./extensions/contributors";
import { derivation } from "./extensions/derivation";
import { translationDrift } from "./extensions/translation-drift";
import { fanoutExtension } from "./extensions/fanout";
import { limits, type CollabLimits } from "./extensions/limits";
import { metrics } from "./extensions/metrics";
import { storage } from "./extensions/storage";
import { versions, type VersionOptions } from "./extensions/versions";
import { localFanout, redisFanout, type Fanout } from "./fanout";
import { memoryPersistence, type Persistence } from "./persistence";
import { CLOSE, HEARTBEAT, encodeNotice, encodeSyncStep1, encodeSyncStep2, parseMessage } from "./protocol";
import { PoisonUpdate, SharedDocument } from "./shared-document";

export const COLLAB_PATH = "/yjs/";
/** Largest message accepted; a bigger one is answered 4413 and closes that connection only. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** Frames beyond this are cut off by ws itself (1009) before they are even buffered whole. */
const HARD_FRAME_LIMIT = 4 * MAX_MESSAGE_BYTES;
const IDLE_UNLOAD_MS = 60_000;
/** A connection that sent nothing for this long hears a heartbeat (clients show offline after 5 s). */
export const HEARTBEAT_MS = 2_000;

export const DEFAULT_LIMITS: CollabLimits = {
  connectionsPerMember: 20,
  connectionsPerDocument: 100,
  messagesPerSecond: 50,
  burst: 200,
  maxMessageBytes: MAX_MESSAGE_BYTES,
};

export async function attachCollab(
  httpServer: HttpServer,
  options: { redisUrl?: string; redisPrefix: string; persistence?: Persistence; limits?: Partial<CollabLimits>; versions?: VersionOptions },
) {
  const fanout: Fanout = options.redisUrl ? await redisFanout(options.redisUrl, options.redisPrefix) : localFanout();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
  const documents = new Map<string, Promise<SharedDocument>>();
  const connections = new Set<ClientConnection>();
  const measured = metrics();
  // The order is the order of concerns: who you are and what you may do, then how much, then
  // durable storage, then what follows from a stored change.
  const extensions: CollabExtension[] = [
    access({ fanout, connections }),
    limits({ ...DEFAULT_LIMITS, ...options.limits }),
    storage(options.persistence ?? memoryPersistence),
    derivation(),
    translationDrift(),
    contributors(),
    versions(options.versions),
    fanoutExtension(fanout),
    measured,
  ];
  const storer = extensions.find((extension) => extension.store)!;
  const hooks = {
    store: (document: SharedDocument, update: Uint8Array) => storer.store!(document, update),
    changed(document: SharedDocument, update: Uint8Array, origin: unknown) {
      for (const extension of extensions) extension.onChange?.(document, update, origin);
    },
    awareness(document: SharedDocument, update: Uint8Array, origin: unknown) {
      for (const extension of extensions) extension.onAwareness?.(document, update, origin);
    },
  };
  /** Runs one hook of every extension that has it, logging (never swallowing) what fails. */
  function each(name: string, run: (extension: CollabExtension) => void, context: Record<string, unknown>) {
    for (const extension of extensions) {
      try {
        run(extension);
      } catch (error) {
        log("error", `yjs ${extension.name}.${name} failed`, { ...context, error: describeError(error) });
      }
    }
  }

  function openDocument(documentId: string): Promise<SharedDocument> {
    let pending = documents.get(documentId);
    if (!pending) {
      pending = (async () => {
        const shared = new SharedDocument(documentId, hooks);
        for (const extension of extensions) await extension.beforeLoad?.(shared);
        for (const extension of extensions) await extension.onLoad?.(shared);
        return shared;
      })();
      documents.set(documentId, pending);
      pending.catch((error) => {
        log("error", "yjs document failed to load", { document: documentId, error: describeError(error) });
        documents.delete(documentId);
      });
    }
    return pending;
  }

  async function unload(shared: SharedDocument) {
    for (const extension of [...extensions].reverse()) {
      try {
        await extension.onUnload?.(shared);
      } catch (error) {
        log("error", `yjs ${extension.name}.onUnload failed`, { document: shared.id, error: describeError(error) });
      }
    }
    shared.destroy();
  }

  async function unloadIdle() {
    const now = Date.now();
    for (const [id, pending] of documents) {
      const shared = await pending.catch(() => null);
      if (!shared || shared.connections.size > 0 || now - shared.lastActiveAt < IDLE_UNLOAD_MS) continue;
      documents.delete(id);
      await unload(shared);
    }
  }
  // Domain code (publishing meeting texts) reads documents through this, never through server/.
  provideLiveDocuments(async (documentId) => (await openDocument(documentId)).doc);
  const sweeper = setInterval(() => void unloadIdle().catch((error) => log("error", "yjs unloading failed", { error: describeError(error) })), 15_000);
  sweeper.unref();

  // Heartbeat: quiet connections hear a no-op every HEARTBEAT_MS, so a client knows within a few
  // seconds that its connection is gone; one that never answers a ws ping is cut off.
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) {
      const state = connection.state.get("heartbeat") as Heartbeat | undefined;
      if (!state || now - state.sentAt < HEARTBEAT_MS) continue;
      // Silent through three heartbeats (no message, no pong): the connection is gone.
      state.missed = state.alive ? 0 : state.missed + 1;
      if (state.missed >= 3) {
        connection.socket.terminate();
        continue;
      }
      state.alive = false;
      state.sentAt = now;
      connection.send(HEARTBEAT);
      connection.socket.ping();
    }
  }, HEARTBEAT_MS / 2);
  heartbeat.unref();

  const unsubscribers = [
    // A change the domain stored itself (restore, form post): live here, or tell the others.
    subscribe("document.changed", ({ documentId, update }) => {
      const pending = documents.get(documentId);
      if (pending) {
        void pending
          .then((shared) => shared.applyStoredChange(update))
          .catch((error) => log("error", "yjs stored change not applied", { document: documentId, error: describeError(error) }));
      } else fanout.publishUpdate(documentId, update);
    }),
  ];

  function refuse(connection: ClientConnection, refusal: Refusal) {
    for (const extension of extensions) extension.onRefused?.(connection, refusal.reason);
    connection.send(encodeNotice({ type: "refused", reason: refusal.reason }));
    if (refusal.closeCode !== null) connection.socket.close(refusal.closeCode);
  }

  async function accept(socket: WebSocket, req: IncomingMessage, documentId: string) {
    // Messages may arrive while we authenticate: hold them until the document is ready.
    const early: Uint8Array[] = [];
    const hold = (data: Buffer) => early.push(new Uint8Array(data));
    socket.on("message", hold);

    const raw = (socket as unknown as { _socket?: import("node:net").Socket })._socket;
    let corked = false;
    const connection: ClientConnection = {
      socket,
      documentId,
      request: req,
      user: null,
      userId: "",
      sessionId: "",
      access: "none",
      readOnlyReason: null,
      state: new Map(),
      awarenessIds: new Set(),
      send(message) {
        if (socket.readyState !== socket.OPEN) return;
        // The hot path: every update goes to every other editor. Frames sent in one turn of the
        // event loop (a stored batch is applied in one) leave in one write, not one syscall each.
        if (!corked && raw) {
          corked = true;
          raw.cork();
          setImmediate(() => {
            corked = false;
            raw.uncork();
          });
        }
        socket.send(message);
      },
    };
    let joined: SharedDocument | null = null;
    socket.on("close", (code: number) => {
      connections.delete(connection);
      if (joined) joined.remove(connection);
      each("onClose", (extension) => extension.onClose?.(connection, joined, code), { document: documentId });
    });

    try {
      for (const extension of extensions) await extension.onConnect?.(connection);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (error.reason !== "unauthenticated" && error.reason !== "forbidden") connection.send(encodeNotice({ type: "refused", reason: error.reason }));
      return socket.close(error.closeCode ?? CLOSE.forbidden);
    }
    const shared = await openDocument(documentId);
    if (socket.readyState !== socket.OPEN) return;
    connections.add(connection);
    shared.connections.add(connection);
    joined = shared;
    const beat: Heartbeat = { sentAt: Date.now(), alive: true, missed: 0 };
    connection.state.set("heartbeat", beat);
    socket.on("pong", () => (beat.alive = true));

    const handle = async (data: Uint8Array) => {
      beat.alive = true;
      let message;
      try {
        for (const extension of extensions) extension.onMessage?.(connection, data);
        message = parseMessage(data);
      } catch (error) {
        if (error instanceof Refusal) return refuse(connection, error);
        return refuse(connection, new Refusal("invalid", CLOSE.malformed));
      }
      switch (message.kind) {
        case "syncStep1":
          // After every update this connection sent before it has been stored: the answer
          // doubles as a "saved" acknowledgement for the editor's status. A refusal is always
          // sent before it, so a client never takes a refused change for a saved one.
          await shared.settled();
          connection.send(encodeSyncStep2(shared.doc, message.stateVector));
          break;
        case "update":
          // The empty update a client sends when it has nothing new (every reader does on
          // connecting): nothing to refuse, store or apply.
          if (isEmptyUpdate(message.update)) break;
          try {
            for (const extension of extensions) extension.beforeUpdate?.(connection, message.update);
            await shared.receiveUpdate(message.update, connection);
          } catch (error) {
            if (error instanceof Refusal) return refuse(connection, error);
            if (error instanceof PoisonUpdate) {
              log("warn", "yjs update refused: it does not apply", { document: documentId, error: error.message });
              return refuse(connection, new Refusal("invalid", CLOSE.malformed));
            }
            // Storage failed: the client keeps the change and sends it again after reconnecting.
            log("error", "yjs update not stored", { document: documentId, error: describeError(error) });
            socket.close(CLOSE.unavailable);
          }
          break;
        case "awareness":
          try {
            shared.receiveAwareness(message.update, connection);
          } catch {
            refuse(connection, new Refusal("invalid", CLOSE.malformed));
          }
          break;
        case "queryAwareness": {
          const awareness = shared.awarenessMessage();
          if (awareness) connection.send(awareness);
          break;
        }
      }
    };
    const run = (data: Uint8Array) =>
      void handle(data).catch((error) => {
        log("error", "yjs message failed", { document: documentId, error: describeError(error) });
        socket.close(CLOSE.unavailable);
      });

    socket.off("message", hold);
    socket.on("message", (data: Buffer) => run(new Uint8Array(data)));
    each("onJoin", (extension) => extension.onJoin?.(connection, shared), { document: documentId });
    // y-websocket clients start with their step 1; we send ours so they get our state too.
    connection.send(encodeSyncStep1(shared.doc));
    const awareness = shared.awarenessMessage();
    if (awareness) connection.send(awareness);
    for (const data of early) run(data);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    let documentId: string;
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(COLLAB_PATH)) return;
      documentId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length));
    } catch {
      // A malformed path (bad percent-encoding) is this request's problem, never the process's.
      if (!(req.url ?? "").startsWith(COLLAB_PATH)) return;
      socket.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    if (!isSameOriginUpgrade(req)) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws reports a too-large or invalid frame as an error, then closes (1009/1002): without
      // a listener that error would bring the whole process down.
      ws.on("error", (error) => log("warn", "yjs socket error", { document: documentId, error: error.message }));
      accept(ws, req, documentId).catch((error) => {
        log("error", "yjs connection failed", { document: documentId, error: describeError(error) });
        ws.close(CLOSE.unavailable);
      });
    });
  }
  httpServer.on("upgrade", onUpgrade);

  return {
    /** For tests and benchmarks: the live document, if loaded. */
    async documentIfLoaded(documentId: string) {
      return documents.get(documentId);
    },
    metrics: () => measured.snapshot(),
    async close() {
      httpServer.off("upgrade", onUpgrade);
      clearInterval(sweeper);
      clearInterval(heartbeat);
      unsubscribers.forEach((off) => off());
      // 1012 Service Restart: y-websocket clients reconnect.
      for (const connection of connections) connection.socket.close(1012, "server restarting");
      for (const pending of documents.values()) {
        const shared = await pending.catch(() => null);
        if (shared) await unload(shared);
      }
      documents.clear();
      wss.close();
      for (const extension of [...extensions].reverse()) {
        await extension.onDestroy?.().catch((error) => log("error", `yjs ${extension.name}.onDestroy failed`, { error: describeError(error) }));
      }
    },
  };
}

interface Heartbeat {
  sentAt: number;
  /** Heard from since the last heartbeat (a message or a pong). */
  alive: boolean;
  missed: number;
}

function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

export type { RefusalReason };
