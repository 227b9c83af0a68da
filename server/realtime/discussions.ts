// Discussions over Socket.IO: watching a space, typing, catch-up after a reconnect, replying.
// Every event is re-checked on the server: who is asking comes from the session cookie (looked
// up again for each event), what they may do from the same policies the pages ask. Live events
// go only to the audience the thread policy names (see toAudience).
import { postsAfter, replyToThread } from "~/domain/discussions.server";
import * as spacePolicy from "~/domain/policies/spaces";
import * as threadPolicy from "~/domain/policies/threads";
import type { ThreadAudience } from "~/domain/policies/threads";
import { getSessionUser } from "~/domain/sessions.server";
import { threadWithFacts } from "~/domain/thread-facts.server";
import { db } from "~/infra/db.server";
import { subscribe } from "~/infra/events.server";
import { describeError, log } from "~/infra/log.server";
import { rooms, type RealtimeServer, type ReplyAck } from "./events";
import type { Socket as IoSocket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./events";

type Socket = IoSocket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const TYPING_INTERVAL_MS = 2_000;
const MAX_BODY_CHARS = 25_000;

function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 64 && /^[a-z0-9]+$/.test(value);
}

/** The largest sequence number a post can have (the column is a 32-bit integer). */
const MAX_SEQ = 2 ** 31 - 1;

/**
 * A catch-up's starting point: -1 (from the opening post) or a post's sequence number. Anything
 * else is bad input, answered as such: given to the database it failed there, as a fault.
 */
function isAfterSeq(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= -1 && (value as number) <= MAX_SEQ;
}

export function registerDiscussionHandlers(socket: Socket) {
  socket.on("space:watch", async (spaceKey, ack) => {
    try {
      const found = await getSessionUser(socket.request.headers.cookie);
      let ok = false;
      if (found && spaceKey === "community") ok = spacePolicy.allow(found.user, "read", { groupId: null });
      else if (found && isId(spaceKey)) {
        const group = await db().workingGroup.findUnique({ where: { id: spaceKey }, select: { id: true } });
        ok = Boolean(group) && spacePolicy.allow(found.user, "read", { groupId: spaceKey });
      }
      if (ok) await socket.join(spaceKey === "community" ? rooms.community : rooms.group(spaceKey));
      if (typeof ack === "function") ack({ ok });
    } catch (error) {
      log("error", "space:watch failed", describeError(error));
      if (typeof ack === "function") ack({ ok: false });
    }
  });

  socket.on("thread:typing", async (payload) => {
    const now = Date.now();
    if (!payload || !isId(payload.threadId) || now - (socket.data.lastTypingAt ?? 0) < TYPING_INTERVAL_MS) return;
    socket.data.lastTypingAt = now;
    try {
      const found = await getSessionUser(socket.request.headers.cookie);
      const thread = await threadWithFacts(payload.threadId);
      if (!found || !thread || !threadPolicy.allow(found.user, "reply", thread.facts)) return;
      const target = audienceRooms(threadPolicy.audience(thread.facts), thread.groupId);
      if (target.length) socket.to(target).emit("discussion:typing", { threadId: thread.id, userId: found.user.id, displayName: found.user.displayName });
    } catch (error) {
      log("error", "thread:typing failed", describeError(error));
    }
  });

  socket.on("thread:catchup", async (payload, ack) => {
    if (typeof ack !== "function") return;
    try {
      const found = await getSessionUser(socket.request.headers.cookie);
      if (!found || !payload || !isId(payload.threadId) || !isAfterSeq(payload.afterSeq)) return ack({ ok: false, error: "invalid" });
      const posts = await postsAfter(found.user, payload.threadId, payload.afterSeq);
      ack(posts ? { ok: true, posts } : { ok: false, error: "forbidden" });
    } catch (error) {
      log("error", "thread:catchup failed", describeError(error));
      ack({ ok: false, error: "unavailable" });
    }
  });

  socket.on("thread:reply", async (payload, ack) => {
    const reply = (answer: ReplyAck) => (typeof ack === "function" ? ack(answer) : undefined);
    try {
      const found = await getSessionUser(socket.request.headers.cookie);
      if (!found) return reply({ ok: false, error: "unauthorized" });
      if (!payload || !isId(payload.threadId) || typeof payload.body !== "string" || payload.body.length > MAX_BODY_CHARS) {
        return reply({ ok: false, error: "common:errors.invalidValue" });
      }
      const parentId = isId(payload.parentId) ? payload.parentId : null;
      const result = await replyToThread(found.user, { threadId: payload.threadId, parentId, body: payload.body, language: typeof payload.language === "string" ? payload.language : undefined });
      reply(result.ok ? { ok: true, postId: result.value.postId, seq: result.value.seq } : { ok: false, error: result.error });
    } catch (error) {
      log("error", "thread:reply failed", describeError(error));
      reply({ ok: false, error: "unavailable" });
    }
  });
}

/**
 * The rooms of an audience: a space thread's room (its group's members and whoever watches it
 * after a read check), or the rooms of the principals the policy named (every socket joins the
 * rooms of its member's principals). Never empty by accident: Socket.IO would send to everyone.
 */
function audienceRooms(audience: ThreadAudience, groupId: string | null): string[] {
  if (audience === "space") return [rooms.space(groupId)];
  return audience.map(rooms.principal);
}

/** Domain events → rooms. Through the Redis adapter these reach sockets on every instance. */
export function forwardDiscussionEvents(io: RealtimeServer): Array<() => void> {
  return [
    subscribe("discussion.post", ({ audience, ...event }) => {
      const target = audienceRooms(audience, event.groupId);
      if (target.length) io.to(target).emit("discussion:post", event);
    }),
    subscribe("discussion.thread", ({ audience, ...event }) => {
      const target = audienceRooms(audience, event.groupId);
      if (target.length) io.to(target).emit("discussion:thread", event);
    }),
    // Decisions go where their space's threads go (the decisions policy names the same audience).
    subscribe("decision.changed", ({ audience, closed, ...event }) => {
      const target = audienceRooms(audience, event.groupId);
      if (target.length) io.to(target).emit("decision:changed", { ...event, closed: Boolean(closed) });
    }),
    subscribe("discussion.read", ({ userId, threadId, seq }) => io.to(rooms.user(userId)).emit("discussion:read", { threadId, seq })),
    subscribe("notification.created", ({ userId, ...rest }) => io.to(rooms.user(userId)).emit("notification:new", rest)),
    subscribe("notification.count", ({ userId, unread }) => io.to(rooms.user(userId)).emit("notification:count", { unread })),
  ];
}
