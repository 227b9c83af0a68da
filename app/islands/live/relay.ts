// Hands the page the events its React parts follow (ui/live-notice), so a hydrated page needs
// neither its own Socket.IO connection nor a second copy of the client.
import type { Socket } from "socket.io-client";
import { LIVE_RELAY_EVENT, RELAYED_EVENTS, type RelayedEvent } from "~/ui/live-relay";

export function relayToPage(socket: Socket): void {
  for (const event of RELAYED_EVENTS) {
    socket.on(event, (payload: RelayedEvent["payload"]) => {
      document.dispatchEvent(new CustomEvent<RelayedEvent>(LIVE_RELAY_EVENT, { detail: { event, payload } }));
    });
  }
}
