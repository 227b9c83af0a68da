// A space's thread list: unread marks per thread and per space as replies arrive, and a
// "new threads — show" notice instead of reordering under the reader.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";
import { fill, readTemplates, type Templates } from "../strings";
import { refreshNotice } from "./notice";

interface PostEvent {
  change: string;
  threadId: string;
  groupId: string | null;
  seq: number;
  authorId: string;
}

const spaceOf = (groupId: string | null) => groupId ?? "community";

/** A count badge beside a link or row: created when missing, its base count kept in data-count. */
function bump(host: Element, testId: string, templates: Templates, key: string, by: number): void {
  let badge = host.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!badge) {
    badge = document.createElement("span");
    badge.className = "badge";
    badge.dataset.testid = testId;
    badge.dataset.count = "0";
    const anchor = host.querySelector(".thread-row__title, a");
    (anchor ?? host).after(badge);
  }
  const count = Number(badge.dataset.count ?? 0) + by;
  badge.dataset.count = String(count);
  badge.textContent = fill(templates, key, { count });
}

export function wireSpace(socket: Socket): LivePart | null {
  const space = document.querySelector<HTMLElement>("[data-live-space]");
  if (!space) return null;
  const key = space.dataset.liveSpace!;
  const viewer = space.dataset.viewer;
  const templates = readTemplates(space);
  const region = space.querySelector<HTMLElement>("[data-live-region]");
  const otherSpaces = new Map<string, Set<string>>();
  let newThreads = 0;
  const announce = () => {
    if (region) refreshNotice(region, newThreads > 0 ? fill(templates, "newThreads", { count: newThreads }) : fill(templates, "newActivity"));
  };

  socket.on("discussion:post", (event: PostEvent) => {
    if (event.authorId === viewer || event.change !== "created") return;
    const eventSpace = spaceOf(event.groupId);
    if (eventSpace === key) {
      const row = space.querySelector(`[data-thread-row="${CSS.escape(event.threadId)}"]`);
      if (event.seq > 0 && row) {
        row.classList.add("thread-row--unread");
        bump(row, `thread-unread-${event.threadId}`, templates, "unreadPosts", 1);
      }
      if (event.seq > 0) announce();
    } else {
      const seen = otherSpaces.get(eventSpace) ?? new Set<string>();
      if (seen.has(event.threadId)) return;
      seen.add(event.threadId);
      otherSpaces.set(eventSpace, seen);
      const link = space.querySelector(`[data-space-link="${CSS.escape(eventSpace)}"]`);
      if (link) bump(link, `space-unread-${eventSpace}`, templates, "unreadThreads", 1);
    }
  });
  socket.on("discussion:thread", (event: { change: string; groupId: string | null; authorId: string }) => {
    if (event.change !== "created" || event.authorId === viewer || spaceOf(event.groupId) !== key) return;
    newThreads += 1;
    announce();
  });
  // Read on another device: that thread's mark goes.
  socket.on("discussion:read", ({ threadId }: { threadId: string }) => {
    const row = space.querySelector(`[data-thread-row="${CSS.escape(threadId)}"]`);
    row?.classList.remove("thread-row--unread");
    row?.querySelector(`[data-testid="thread-unread-${CSS.escape(threadId)}"]`)?.remove();
  });

  return {
    connected(live, again) {
      space.dataset.live = "connected";
      live.emit("space:watch", key);
      if (again) announce();
    },
    disconnected() {
      space.dataset.live = "offline";
    },
  };
}
