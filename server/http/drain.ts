// Graceful shutdown for HTTP: stop accepting connections, answer the requests already running
// (each with "Connection: close", so keep-alive clients go elsewhere), and say when none is left.
import type { Server as HttpServer } from "node:http";

export function trackRequests(httpServer: HttpServer) {
  let active = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  httpServer.on("request", (_req, res) => {
    active += 1;
    if (draining && !res.headersSent) res.setHeader("Connection", "close");
    res.once("close", () => {
      active -= 1;
      if (active === 0) idle?.();
    });
  });
  /** Resolves true once every request in flight has finished, false after timeoutMs. */
  return function drain(timeoutMs: number): Promise<boolean> {
    draining = true;
    httpServer.close();
    httpServer.closeIdleConnections();
    if (active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      idle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  };
}
