// Domain events: the domain announces what changed after it committed; the realtime and
// collaboration servers listen and tell the right sockets. Domain code never imports server/.
import { EventEmitter } from "node:events";

export interface DomainEvents {
  /** These sessions ended (sign-out, revocation, password change): close their live connections. */
  "sessions.ended": { userId: string; sessionIds: string[] | "all" };
  /** A member's roles or group memberships changed: their connections must re-authorise. */
  "access.changed": { userId: string };
  /** The server changed a co-edited document (restore, template, form post): already stored. */
  "document.changed": { documentId: string; update: Uint8Array };
  /** Who may edit this document changed (e.g. a workplan went to review): re-check open connections. */
  "document.accessChanged": { documentId: string };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function publish<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
  emitter.emit(event, payload);
}

export function subscribe<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}
