// The y-websocket wire protocol: message types and encoders, built on y-protocols.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes (the README lists them): no session, no right to the document; and our own. */
export const CLOSE = {
  unauthenticated: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  /** A message that does not parse, or an update that does not apply: never stored. */
  malformed: 4400,
  /** This member (or this document) has too many connections open. */
  tooManyConnections: 4409,
  /** More messages than the per-connection rate allows. */
  rateLimited: 4429,
  /**
   * The member's access changed: reconnect and be authorised afresh. y-websocket treats
   * 4400–4499 as final and 4500–4599 as "try again", so this one must sit in the 45xx range.
   */
  accessChanged: 4500,
  unavailable: 4503,
} as const;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function encodeRawAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * What the server tells one client beyond the sync protocol: its access (sent on connecting and
 * whenever it changes) and each refusal of something it sent. Carried as y-websocket's own
 * "permission denied" auth message with a JSON reason, so a plain y-websocket client only logs
 * it, while Praxis's editor reads it (app/ui/editor/collab-notices.ts).
 */
export type Notice =
  | { type: "access"; access: "edit" | "read"; reason: string | null }
  | { type: "refused"; reason: string };

export function encodeNotice(notice: Notice): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}

/** Sent every few seconds to idle connections: an awareness update about nobody (a no-op), so a
 * client that hears nothing for a while knows the connection is gone. */
export const HEARTBEAT = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 0); // no clients
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
})();

export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array } // sync step 2 and incremental updates alike
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" }
  | { kind: "ignored" };

/** Parses one client message; throws on malformed input (the caller closes that connection). */
export function parseMessage(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) return { kind: "syncStep1", stateVector: decoding.readVarUint8Array(decoder) };
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        return { kind: "update", update: decoding.readVarUint8Array(decoder) };
      }
      throw new Error(`unknown sync message ${syncType}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: "queryAwareness" };
    case MESSAGE_AUTH:
      return { kind: "ignored" };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}
