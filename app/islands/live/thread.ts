// A thread: "n new replies — show" instead of moving the page, who is typing, and a catch-up
// after a reconnect, so nothing posted while the phone was away is missed.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";
import { fill, readTemplates } from "../strings";
import { showUnread } from "./badge";
import { refreshNotice } from "./notice";

interface PostEvent {
  change: string;
  threadId: string;
  postId: string;
  seq: number;
  authorId: string;
}

const TYPING_SHOWN_MS = 6_000;
const TYPING_SENT_EVERY_MS = 2_000;

export function wireThread(socket: Socket): LivePart | null {
  const thread = document.querySelector<HTMLElement>("[data-live-thread]");
  if (!thread) return null;
  const threadId = thread.dataset.liveThread!;
  const space = thread.dataset.space!;
  const viewer = thread.dataset.viewer;
  // Replies to the last page's top level are shown there; elsewhere, reloading shows them.
  const lastPage = thread.dataset.lastPage || undefined;
  const templates = readTemplates(thread);
  const region = thread.querySelector<HTMLElement>("[data-live-region]")!;
  let seenSeq = Number(thread.dataset.afterSeq ?? 0);
  const fresh = new Set<string>();
  let changed = false;
  // The navigation counted before this page marked its notifications read.
  if (thread.dataset.unread !== undefined) showUnread(Number(thread.dataset.unread));

  const announce = () => {
    if (fresh.size > 0) refreshNotice(region, fill(templates, "newReplies", { count: fresh.size }), lastPage);
    else if (changed) refreshNotice(region, fill(templates, "changed"));
  };

  const typists = new Map<string, { name: string; until: number }>();
  let typingLine: HTMLElement | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const showTyping = () => {
    const now = Date.now();
    for (const [id, typist] of typists) if (typist.until <= now) typists.delete(id);
    const names = [...typists.values()].map((t) => t.name);
    if (names.length === 0) {
      typingLine?.remove();
      typingLine = null;
      return;
    }
    if (!typingLine) {
      typingLine = document.createElement("p");
      typingLine.className = "muted small typing";
      region.append(typingLine);
    }
    typingLine.textContent = fill(templates, "typing", { names: names.join(", "), count: names.length });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(showTyping, Math.max(250, Math.min(...[...typists.values()].map((t) => t.until)) - now));
  };

  socket.on("discussion:post", (event: PostEvent) => {
    if (event.threadId !== threadId) return;
    if (event.change === "created") {
      typists.delete(event.authorId);
      showTyping();
      if (event.authorId === viewer || event.seq <= seenSeq) return;
      seenSeq = event.seq;
      fresh.add(event.postId);
    } else {
      // Edits, deletions and hiding change posts in place: offered, never forced.
      changed = true;
    }
    announce();
  });
  socket.on("discussion:thread", (event: { threadId: string }) => {
    if (event.threadId !== threadId) return;
    changed = true;
    announce();
  });
  socket.on("discussion:typing", (event: { threadId: string; userId: string; displayName: string }) => {
    if (event.threadId !== threadId || event.userId === viewer) return;
    typists.set(event.userId, { name: event.displayName, until: Date.now() + TYPING_SHOWN_MS });
    showTyping();
  });

  let lastTypingSent = 0;
  thread.querySelector("#reply-body")?.addEventListener("input", () => {
    const now = Date.now();
    if (now - lastTypingSent < TYPING_SENT_EVERY_MS || !socket.connected) return;
    lastTypingSent = now;
    socket.emit("thread:typing", { threadId });
  });

  return {
    connected(live, again) {
      thread.dataset.live = "connected";
      live.emit("space:watch", space);
      if (!again) return;
      live.emit("thread:catchup", { threadId, afterSeq: seenSeq }, (reply: { ok: boolean; posts?: Array<{ id: string; seq: number; author: { id: string } }> }) => {
        if (!reply.ok || !reply.posts) return;
        for (const post of reply.posts) {
          seenSeq = Math.max(seenSeq, post.seq);
          if (post.author.id !== viewer) fresh.add(post.id);
        }
        announce();
      });
    },
    disconnected() {
      thread.dataset.live = "offline";
    },
  };
}
