// Hydrated pages follow a few server events ("this changed elsewhere") through the live island's
// connection rather than a second one of their own: the island passes these on as DOM events.

/** The Socket.IO events the island passes on to the page. */
export const RELAYED_EVENTS = ["workplan:reviewed", "learning-questions:changed", "checkin:changed"] as const;

export type RelayedEventName = (typeof RELAYED_EVENTS)[number];

/** The DOM event on `document` that carries one of them. */
export const LIVE_RELAY_EVENT = "praxis:live";

export interface RelayedEvent {
  event: RelayedEventName;
  payload: { groupId?: string; checkInId?: string };
}
