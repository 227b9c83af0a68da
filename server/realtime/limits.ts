// Per-connection and per-member limits on every client event (catch-ups, replies, typing,
// watching, pings), so one socket, or one member with many, cannot slow everyone else down.
// Each is a short window with a burst allowance (rate-limiter-flexible's BurstyRateLimiter, its
// token-bucket equivalent). The connection's count lives here; the member's is shared through
// Redis when REDIS_URL is set. Excess events are answered at once with an ack error, no work done.
import type { Socket } from "socket.io";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { describeError, log } from "~/infra/log.server";

const perConnection = createRateLimiter({ name: "socket-connection", limit: 5, windowMs: 1000, burst: { limit: 15, windowMs: 10_000 }, shared: false });
const perMember = createRateLimiter({ name: "socket-member", limit: 10, windowMs: 1000, burst: { limit: 40, windowMs: 10_000 } });

export const SLOW_DOWN = "common:errors.slowDown";

/** A socket that goes on sending after this many refusals is disconnected: answering a flood costs too. */
const REFUSALS_BEFORE_DISCONNECT = 100;

export function limitEvents(socket: Socket) {
  let refusals = 0;
  socket.use((packet, next) => {
    const ack = packet[packet.length - 1];
    if (socket.disconnected) return;
    void (async () => {
      const verdict = await perConnection.hit([socket.id]);
      const overall = verdict.allowed ? await perMember.hit([`user:${socket.data.userId}`]) : verdict;
      if (overall.allowed) {
        refusals = 0;
        return next();
      }
      if (typeof ack === "function") ack({ ok: false, error: SLOW_DOWN, retryAfterSeconds: overall.retryAfterSeconds });
      if (++refusals === REFUSALS_BEFORE_DISCONNECT) {
        log("warn", "socket disconnected for flooding", { userId: socket.data.userId });
        socket.disconnect(true);
      }
    })().catch((error) => {
      log("error", "socket limit failed", describeError(error));
      if (typeof ack === "function") ack({ ok: false, error: "unavailable" });
    });
  });
  socket.on("disconnect", () => void perConnection.reset(socket.id).catch(() => undefined));
}
