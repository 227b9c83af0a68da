// Websocket upgrades carry cookies; refuse those a page on another site opened.
import type { IncomingMessage } from "node:http";

export function isSameOriginUpgrade(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: it must still present a valid session cookie
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
