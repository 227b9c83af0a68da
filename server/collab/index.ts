// The Yjs collaboration endpoint at /yjs/<documentId>, speaking the y-websocket protocol.
// Order of concerns per connection: limits → authentication → authorisation → load → sync.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { documentAccess, type DocumentAccess } from "~/domain/documents.server";
import { getSessionUser } from "~/domain/sessions.server";
import { subscribe } from "~/infra/events.server";
import { provideLiveDocuments } from "~/infra/live-documents.server";
import { log } from "~/infra/log.server";
import { isSameOriginUpgrade } from "../http/origin";
import { localFanout, redisFanout, type ControlMessage, type Fanout } from "./fanout";
import { createDerivation } from "./derivation";
import { memoryPersistence, type Persistence } from "./persistence";
import { CLOSE, encodeSyncStep1, encodeSyncStep2, parseMessage } from "./protocol";
import { REMOTE, SharedDocument, type Connection } from "./shared-document";

export const COLLAB_PATH = "/yjs/";
/** Largest message accepted; a bigger one closes that connection only. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const IDLE_UNLOAD_MS = 60_000;

interface ClientConnection extends Connection {
  socket: WebSocket;
  documentId: string;
  user: Parameters<typeof documentAccess>[0];
  userId: string;
  sessionId: string;
  access: DocumentAccess;
}

export async function attachCollab(
  httpServer: HttpServer,
  options: { redisUrl?: string; redisPrefix: string; persistence?: Persistence },
) {
  const persistence = options.persistence ?? memoryPersistence;
  const fanout: Fanout = options.redisUrl ? await redisFanout(options.redisUrl, options.redisPrefix) : localFanout();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const documents = new Map<string, Promise<SharedDocument>>();
  const connections = new Set<ClientConnection>();
  const derivation = createDerivation();

  function openDocument(documentId: string): Promise<SharedDocument> {
    let pending = documents.get(documentId);
    if (!pending) {
      pending = (async () => {
        const shared = new SharedDocument(documentId, persistence, {
          update: (update) => fanout.publishUpdate(documentId, update),
          awareness: (update) => fanout.publishAwareness(documentId, update),
        });
        // Follow other instances before loading so nothing published meanwhile is missed.
        await fanout.follow(documentId, {
          update: (update) => void shared.receiveUpdate(update, REMOTE).catch(() => undefined),
          awareness: (update) => shared.receiveAwareness(update, REMOTE),
        });
        await shared.load();
        if (derivation.isDerived(documentId)) shared.onLocalChange = () => derivation.schedule(documentId, shared.doc);
        return shared;
      })();
      documents.set(documentId, pending);
      pending.catch(() => documents.delete(documentId));
    }
    return pending;
  }

  async function unloadIdle() {
    const now = Date.now();
    for (const [id, pending] of documents) {
      const shared = await pending.catch(() => null);
      if (!shared || shared.connections.size > 0 || now - shared.lastActiveAt < IDLE_UNLOAD_MS) continue;
      documents.delete(id);
      await shared.settled();
      await derivation.flush(id);
      await fanout.unfollow(id);
      await persistence.unload?.(id, shared.doc);
      shared.destroy();
    }
  }
  // Domain code (publishing meeting texts) reads documents through this, never through server/.
  provideLiveDocuments(async (documentId) => (await openDocument(documentId)).doc);
  const sweeper = setInterval(() => void unloadIdle(), 15_000);
  sweeper.unref();

  function closeWhere(predicate: (c: ClientConnection) => boolean, code: number) {
    for (const connection of connections) if (predicate(connection)) connection.socket.close(code);
  }
  async function reauthorise(documentId: string) {
    for (const connection of connections) {
      if (connection.documentId !== documentId) continue;
      const access = await documentAccess(connection.user, documentId);
      if (access === "none") connection.socket.close(CLOSE.forbidden);
      // Becoming an editor: reconnect, so the sync sends everything the client holds (what it
      // typed while read-only was refused, and later edits would depend on it).
      else if (access === "edit" && connection.access !== "edit") connection.socket.close(CLOSE.accessChanged);
      else connection.access = access;
    }
  }
  function onControl(message: ControlMessage) {
    if (message.type === "document.access") {
      void reauthorise(message.documentId).catch((error) =>
        log("error", "yjs re-authorisation failed", { document: message.documentId, error: error instanceof Error ? error.message : String(error) }),
      );
    } else if (message.type === "sessions.ended") {
      const ids = message.sessionIds;
      closeWhere((c) => c.userId === message.userId && (ids === "all" || ids.includes(c.sessionId)), CLOSE.unauthenticated);
    } else {
      // Re-authorised on reconnect, with whatever access the member now has.
      closeWhere((c) => c.userId === message.userId, CLOSE.accessChanged);
    }
  }
  fanout.onControl(onControl);
  const unsubscribers = [
    subscribe("sessions.ended", (payload) => fanout.publishControl({ type: "sessions.ended", ...payload })),
    subscribe("access.changed", (payload) => fanout.publishControl({ type: "access.changed", ...payload })),
    subscribe("document.accessChanged", ({ documentId }) => fanout.publishControl({ type: "document.access", documentId })),
    // A change the domain stored itself (restore, form post): live here, or tell the others.
    subscribe("document.changed", ({ documentId, update }) => {
      const pending = documents.get(documentId);
      if (pending) void pending.then((shared) => shared.applyStoredChange(update)).catch(() => undefined);
      else fanout.publishUpdate(documentId, update);
    }),
  ];
  // With Redis the control message also comes back to us through the subscription; without it
  // localFanout loops it back. Either way each instance handles it exactly once.

  async function accept(socket: WebSocket, req: IncomingMessage, documentId: string) {
    // Messages may arrive while we authenticate: hold them until the document is ready.
    const early: Uint8Array[] = [];
    const hold = (data: Buffer) => early.push(new Uint8Array(data));
    socket.on("message", hold);

    const found = await getSessionUser(req.headers.cookie);
    if (!found) return socket.close(CLOSE.unauthenticated);
    const access = await documentAccess(found.user, documentId);
    if (access === "none") return socket.close(CLOSE.forbidden);
    const shared = await openDocument(documentId);
    if (socket.readyState !== socket.OPEN) return;

    const connection: ClientConnection = {
      socket,
      documentId,
      user: found.user,
      userId: found.user.id,
      sessionId: found.session.id,
      access,
      awarenessIds: new Set(),
      send(message) {
        if (socket.readyState === socket.OPEN) socket.send(message);
      },
    };
    connections.add(connection);
    shared.connections.add(connection);

    const handle = async (data: Uint8Array) => {
      let message;
      try {
        message = parseMessage(data);
      } catch {
        return socket.close(CLOSE.malformed);
      }
      switch (message.kind) {
        case "syncStep1":
          // After every update this connection sent before it has been stored: the answer
          // doubles as a "saved" acknowledgement for the editor's status.
          await shared.settled();
          connection.send(encodeSyncStep2(shared.doc, message.stateVector));
          break;
        case "update":
          // Read-only members receive updates; theirs are refused and never stored.
          if (connection.access !== "edit") break;
          try {
            await shared.receiveUpdate(message.update, connection);
          } catch (error) {
            log("warn", "yjs update refused", { document: documentId, error: error instanceof Error ? error.message : String(error) });
            socket.close(CLOSE.malformed);
          }
          break;
        case "awareness":
          try {
            shared.receiveAwareness(message.update, connection);
          } catch {
            socket.close(CLOSE.malformed);
          }
          break;
        case "queryAwareness": {
          const awareness = shared.awarenessMessage();
          if (awareness) connection.send(awareness);
          break;
        }
      }
    };

    socket.off("message", hold);
    socket.on("message", (data: Buffer) => void handle(new Uint8Array(data)));
    socket.on("close", () => {
      connections.delete(connection);
      shared.remove(connection);
    });
    // y-websocket clients start with their step 1; we send ours so they get our state too.
    connection.send(encodeSyncStep1(shared.doc));
    const awareness = shared.awarenessMessage();
    if (awareness) connection.send(awareness);
    for (const data of early) await handle(data);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(COLLAB_PATH)) return;
    if (!isSameOriginUpgrade(req)) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    let documentId: string;
    try {
      documentId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length));
    } catch {
      // Malformed percent-encoding: a bad request, never an exception outside any handler.
      socket.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws reports a too-large or invalid frame as an error, then closes (1009/1002): without
      // a listener that error would bring the whole process down.
      ws.on("error", (error) => log("warn", "yjs socket error", { document: documentId, error: error.message }));
      accept(ws, req, documentId).catch((error) => {
        log("error", "yjs connection failed", { document: documentId, error: error instanceof Error ? error.message : String(error) });
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
    async close() {
      httpServer.off("upgrade", onUpgrade);
      clearInterval(sweeper);
      unsubscribers.forEach((off) => off());
      // 1012 Service Restart: y-websocket clients reconnect.
      for (const connection of connections) connection.socket.close(1012, "server restarting");
      for (const pending of documents.values()) {
        const shared = await pending.catch(() => null);
        if (shared) {
          await shared.settled();
          await derivation.flush(shared.id);
          await persistence.unload?.(shared.id, shared.doc);
          shared.destroy();
        }
      }
      documents.clear();
      wss.close();
      await fanout.close();
    },
  };
}
