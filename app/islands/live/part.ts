// What each part of the live island gives the island: hooks for the connection's life.
import type { Socket } from "socket.io-client";

export interface LivePart {
  /** Called after every (re)connect; `again` is false the first time. */
  connected?(socket: Socket, again: boolean): void;
  disconnected?(): void;
}
