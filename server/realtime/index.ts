// Socket.IO: authenticated by the session cookie, one room per working group the member
// belongs to plus personal rooms. Closes a member's sockets when their session or access ends.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { principalsOf } from "~/domain/permissions";
import { getSessionUser } from "~/domain/sessions.server";
import { subscribe } from "~/infra/events.server";
import { log } from "~/infra/log.server";
import { isSameOriginUpgrade } from "../http/origin";
import { forwardDiscussionEvents, registerDiscussionHandlers } from "./discussions";
import { limitEvents } from "./limits";
import { connectRedis, type RedisClient } from "../redis";
import { rooms, type RealtimeServer } from "./events";

export async function attachRealtime(httpServer: HttpServer, options: { redisUrl?: string; redisPrefix: string; websocketOnly?: boolean }) {
  const io: RealtimeServer = new Server(httpServer, {
    // Long-polling sends each request of one connection anew, which several processes on one
    // port would hand to different processes; a websocket stays on the one it opened on.
    ...(options.websocketOnly ? { transports: ["websocket" as const] } : {}),
    // Leave other upgrades (/yjs, Vite's HMR) alone instead of closing them after a second.
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    allowRequest: (req, callback) => callback(null, isSameOriginUpgrade(req)),
  });

  const redisClients: RedisClient[] = [];
  if (options.redisUrl) {
    const pub = await connectRedis(options.redisUrl, "socketio-pub");
    const sub = await connectRedis(options.redisUrl, "socketio-sub");
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix}:socket.io` }));
  }

  io.use(async (socket, next) => {
    try {
      const found = await getSessionUser(socket.request.headers.cookie);
      if (!found) return next(new Error("unauthorized"));
      // A session that must enrol a second factor first opens nothing live either.
      if (found.session.mustEnrol) return next(new Error("forbidden"));
      socket.data.userId = found.user.id;
      socket.data.sessionId = found.session.id;
      socket.data.displayName = found.user.displayName;
      const joined = [
        rooms.user(found.user.id),
        rooms.session(found.session.id),
        rooms.community,
        ...found.user.memberships.map((m) => rooms.group(m.groupId)),
        ...principalsOf(found.user).map(rooms.principal),
      ];
      await socket.join(joined);
      next();
    } catch (error) {
      log("error", "socket auth failed", { error: error instanceof Error ? error.message : String(error) });
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    limitEvents(socket);
    socket.emit("session:ready", { userId: socket.data.userId, rooms: [...socket.rooms].filter((r) => r !== socket.id) });
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ at: new Date().toISOString() });
    });
    registerDiscussionHandlers(socket);
  });

  // Through the Redis adapter these reach the member's sockets on every instance.
  const unsubscribers = [
    subscribe("sessions.ended", ({ userId, sessionIds }) => {
      if (sessionIds === "all") io.in(rooms.user(userId)).disconnectSockets(true);
      else for (const id of sessionIds) io.in(rooms.session(id)).disconnectSockets(true);
    }),
    // Rooms follow memberships: reconnecting re-authorises and joins the new set.
    subscribe("access.changed", ({ userId }) => io.in(rooms.user(userId)).disconnectSockets(true)),
    ...forwardDiscussionEvents(io),
    subscribe("meeting.published", ({ meetingId, kind, version, userIds }) => {
      if (userIds.length) io.to(userIds.map(rooms.user)).emit("meeting:published", { meetingId, kind, version });
    }),
    // Only to the rooms of the principals the policy named; an empty audience reaches nobody
    // (Socket.IO would send to everyone given no room at all).
    subscribe("workplan.reviewed", ({ audience, ...event }) => {
      if (audience.length) io.to(audience.map(rooms.principal)).emit("workplan:reviewed", event);
    }),
    subscribe("learningQuestions.changed", ({ audience, ...event }) => {
      if (audience.length) io.to(audience.map(rooms.principal)).emit("learning-questions:changed", event);
    }),
    subscribe("checkin.changed", ({ audience, ...event }) => {
      if (audience.length) io.to(audience.map(rooms.principal)).emit("checkin:changed", event);
    }),
  ];

  return {
    io,
    async close() {
      unsubscribers.forEach((off) => off());
      // Say why, then drop the transports: clients reconnect from "transport close" (to another
      // instance, or this one restarted), which they would not after a server-side disconnect.
      io.local.emit("server:restarting");
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
