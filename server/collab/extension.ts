// The collaboration server is a short pipeline of extensions, one concern each, run in order
// (the shape of Hocuspocus's hooks): access → limits → storage → derivation → versions → fan-out
// → metrics. A hook refuses by throwing a Refusal; the core closes or answers as it says.
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { DocumentAccess } from "~/domain/documents.server";
import type { Actor } from "~/domain/permissions";
import type { ReadOnlyReason } from "~/domain/policies/documents";
import type { Connection, SharedDocument } from "./shared-document";

/** Why something a client sent was refused: told to the client (see protocol.ts, encodeNotice). */
export type RefusalReason = "readOnly" | "invalid" | "tooLarge" | "rateLimited" | "tooManyConnections" | "unauthenticated" | "forbidden";

export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    /** Close code, or null to refuse the message and keep the connection open. */
    readonly closeCode: number | null,
  ) {
    super(reason);
  }
}

export interface ClientConnection extends Connection {
  readonly socket: WebSocket;
  readonly documentId: string;
  readonly request: IncomingMessage;
  /** Set by authentication (the access extension). */
  user: Actor | null;
  userId: string;
  sessionId: string;
  access: DocumentAccess;
  readOnlyReason: ReadOnlyReason | null;
  /** Per-extension state (token buckets, counters), keyed by the extension's name. */
  readonly state: Map<string, unknown>;
}

export interface CollabExtension {
  readonly name: string;
  /** A new connection, before its document is opened. Throw a Refusal to close it. */
  onConnect?(connection: ClientConnection): Promise<void> | void;
  /** Every raw message of an accepted connection, before it is parsed. */
  onMessage?(connection: ClientConnection, data: Uint8Array): void;
  /** A client's update, before it is validated and stored. Throw a Refusal to refuse it. */
  beforeUpdate?(connection: ClientConnection, update: Uint8Array): void;
  /** The document is about to load (follow other instances first: nothing is missed). */
  beforeLoad?(document: SharedDocument): Promise<void>;
  /** Loads the stored state into the document (the storage extension). */
  onLoad?(document: SharedDocument): Promise<void>;
  /** Write-ahead storage of one validated update; resolves once it would survive a crash. */
  store?(document: SharedDocument, update: Uint8Array): Promise<void>;
  /** A change was applied (after it was stored): a client's, another instance's or the server's. */
  onChange?(document: SharedDocument, update: Uint8Array, origin: unknown): void;
  onAwareness?(document: SharedDocument, update: Uint8Array, origin: unknown): void;
  /** A connection joined its document (all onConnect hooks passed, document loaded). */
  onJoin?(connection: ClientConnection, document: SharedDocument): void;
  /** A socket closed, whether or not it was ever accepted. */
  onClose?(connection: ClientConnection, document: SharedDocument | null, code: number): void;
  /** An update was refused (reported to its sender). */
  onRefused?(connection: ClientConnection, reason: RefusalReason): void;
  /** The document leaves memory (hooks run in reverse order: last added, first torn down). */
  onUnload?(document: SharedDocument): Promise<void>;
  onDestroy?(): Promise<void>;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
