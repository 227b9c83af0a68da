// Authentication and access: who is connecting (the session cookie), what they may do with the
// document (the documents policy, with the reason a reader cannot edit), and keeping that true
// while they stay connected. A member whose access drops to read-only is told at once (their
// editor locks and says why); their later updates are refused and each refusal is reported.
import { documentAccessWithReason } from "~/domain/documents.server";
import { getSessionUser } from "~/domain/sessions.server";
import { subscribe } from "~/infra/events.server";
import { log } from "~/infra/log.server";
import { Refusal, describeError, type ClientConnection, type CollabExtension } from "../extension";
import type { ControlMessage, Fanout } from "../fanout";
import { CLOSE, encodeNotice } from "../protocol";

export function accessNotice(connection: ClientConnection) {
  return encodeNotice({ type: "access", access: connection.access === "edit" ? "edit" : "read", reason: connection.readOnlyReason });
}

/**
 * Resolves at the end of this turn of the event loop, for every connection that asked during it.
 * On SQLite a lookup is nothing but microtasks, so each connection's would otherwise run alone,
 * before the next socket is even read; waiting lets the connections that arrived together (a
 * page opening several documents, everyone reconnecting after a restart) reach Prisma in one
 * tick, where it batches their document lookups (findUnique) into one query each.
 */
let turn: Promise<void> | null = null;
function endOfTurn(): Promise<void> {
  return (turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = null;
      resolve();
    }),
  ));
}

export function access(options: { fanout: Fanout; connections: ReadonlySet<ClientConnection> }): CollabExtension {
  const { fanout, connections } = options;

  async function reauthorise(connection: ClientConnection, refreshUser: boolean) {
    if (!connection.user) return;
    if (refreshUser) {
      // Roles or memberships changed: read the member afresh.
      const found = await getSessionUser(connection.request.headers.cookie);
      if (!found) return connection.socket.close(CLOSE.unauthenticated);
      if (found.session.mustEnrol) return connection.socket.close(CLOSE.forbidden);
      connection.user = found.user;
    }
    const { access: now, reason } = await documentAccessWithReason(connection.user, connection.documentId);
    const before = connection.access;
    if (now === "none") return connection.socket.close(CLOSE.forbidden);
    // Becoming an editor: reconnect, so the sync starts afresh with edit rights.
    if (now === "edit" && before !== "edit") return connection.socket.close(CLOSE.accessChanged);
    connection.access = now;
    connection.readOnlyReason = reason;
    if (before !== now) connection.send(accessNotice(connection));
  }
  function reauthoriseWhere(predicate: (c: ClientConnection) => boolean, what: string) {
    for (const connection of connections) {
      if (!predicate(connection)) continue;
      reauthorise(connection, what === "access.changed").catch((error) => {
        log("error", "yjs re-authorisation failed", { document: connection.documentId, what, error: describeError(error) });
        connection.socket.close(CLOSE.unavailable);
      });
    }
  }
  function onControl(message: ControlMessage) {
    if (message.type === "document.access") reauthoriseWhere((c) => c.documentId === message.documentId, message.type);
    else if (message.type === "sessions.ended") {
      const ids = message.sessionIds;
      for (const c of connections) if (c.userId === message.userId && (ids === "all" || ids.includes(c.sessionId))) c.socket.close(CLOSE.unauthenticated);
    } else reauthoriseWhere((c) => c.userId === message.userId, message.type);
  }
  fanout.onControl(onControl);
  // With Redis the control message also comes back to us through the subscription; without it
  // localFanout loops it back. Either way each instance handles it exactly once.
  const unsubscribers = [
    subscribe("sessions.ended", (payload) => fanout.publishControl({ type: "sessions.ended", ...payload })),
    subscribe("access.changed", (payload) => fanout.publishControl({ type: "access.changed", ...payload })),
    subscribe("document.accessChanged", ({ documentId }) => fanout.publishControl({ type: "document.access", documentId })),
  ];

  return {
    name: "access",
    async onConnect(connection) {
      await endOfTurn();
      const found = await getSessionUser(connection.request.headers.cookie);
      if (!found) throw new Refusal("unauthenticated", CLOSE.unauthenticated);
      // A session that must first enrol a second factor reaches settings only.
      if (found.session.mustEnrol) throw new Refusal("forbidden", CLOSE.forbidden);
      const { access: level, reason } = await documentAccessWithReason(found.user, connection.documentId);
      if (level === "none") throw new Refusal("forbidden", CLOSE.forbidden);
      connection.user = found.user;
      connection.userId = found.user.id;
      connection.sessionId = found.session.id;
      connection.access = level;
      connection.readOnlyReason = reason;
    },
    onJoin(connection) {
      // Editors are told nothing (a plain y-websocket client logs every such message).
      if (connection.access !== "edit") connection.send(accessNotice(connection));
    },
    beforeUpdate(connection) {
      // Read-only members receive updates; theirs are refused, reported, and never stored.
      if (connection.access !== "edit") throw new Refusal("readOnly", null);
    },
    async onDestroy() {
      unsubscribers.forEach((off) => off());
    },
  };
}
