// The unread-notification badge in the navigation, kept right while the page is open.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";

/** Pages that hydrate own their badge: they hear the count through this window event. */
export const NOTIFICATION_COUNT_EVENT = "praxis:notifications";

/** Shows this count of unread notifications in the navigation. */
export function showUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent(NOTIFICATION_COUNT_EVENT, { detail: unread }));
  if (document.documentElement.dataset.hydrates !== undefined) return;
  // The menu's summary carries the badge too, so that it shows while the menu is closed.
  for (const badge of document.querySelectorAll<HTMLElement>("[data-live-badge]")) {
    const count = badge.querySelector<HTMLElement>("[data-count]");
    if (!count) continue;
    count.textContent = String(unread);
    badge.hidden = unread <= 0;
  }
}

export function wireBadge(socket: Socket): LivePart | null {
  socket.on("notification:new", ({ unread }: { unread: number }) => showUnread(unread));
  socket.on("notification:count", ({ unread }: { unread: number }) => showUnread(unread));
  return null;
}
