// The last line of defence: no exception raised while handling one request, upgrade or socket
// event may take the process (and every member's connections) down with it.
import type { Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { describeError, log } from "../../app/infra/log.server";

/** Wraps the server's own events so a listener that throws answers that one peer, not the process. */
export function guardServer(httpServer: HttpServer) {
  const emit = httpServer.emit.bind(httpServer) as (event: string | symbol, ...args: unknown[]) => boolean;
  httpServer.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== "upgrade" && event !== "request") return emit(event, ...args);
    try {
      return emit(event, ...args);
    } catch (error) {
      log("error", `unhandled ${event} error`, describeError(error));
      if (event === "upgrade") {
        const socket = args[1] as Duplex;
        if (!socket.destroyed) {
          socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
          socket.destroy();
        }
      } else {
        const res = args[1] as ServerResponse;
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
        res.end();
      }
      return true;
    }
  }) as typeof httpServer.emit;
}

/** Anything still escaping (a library's event handler, a forgotten promise) is logged, not fatal. */
export function guardProcess() {
  process.on("uncaughtException", (error) => log("error", "uncaught exception", describeError(error)));
  process.on("unhandledRejection", (error) => log("error", "unhandled rejection", describeError(error)));
}
