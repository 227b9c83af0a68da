// Real Socket.IO and y-websocket clients, as a browser would open them, with a session cookie.
import { io, type Socket } from "socket.io-client";
import { expect } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export function connectSocket(baseUrl: string, cookie: string | null): Socket {
  return io(baseUrl, {
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves on connect; rejects with the server's connect_error message. */
export function whenConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
}

export function whenDisconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closes: number[];
  synced(): Promise<void>;
  destroy(): void;
}

export function yjsClient(baseUrl: string, cookie: string | null, documentId: string, options: { reconnect?: boolean } = {}): YjsClient {
  const closes: number[] = [];
  // y-websocket accepts a WebSocket class; this one presents the session cookie like a browser.
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
      this.on("close", (code: number) => closes.push(code));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/yjs", documentId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  if (options.reconnect === false) {
    provider.on("connection-close", () => {
      provider.shouldConnect = false;
    });
  }
  return {
    doc,
    provider,
    closes,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) return resolve();
        provider.once("sync", (isSynced: boolean) => isSynced && resolve());
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until the check passes or the time is up (then throws with the last failure). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw lastError;
}

/** A signed-in Socket.IO client, connected (rejects with the server's refusal). */
export async function connectedSocket(baseUrl: string, cookie: string): Promise<Socket> {
  const socket = connectSocket(baseUrl, cookie);
  await whenConnected(socket);
  return socket;
}

/** Every payload of an event this socket receives, in order (to check what did not arrive). */
export function recordEvents<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** The next payload of an event that matches, or a rejection after timeoutMs. */
export function nextEvent<T>(socket: Socket, event: string, filter: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Emits with an acknowledgement and resolves with the server's answer. */
export function emitWithAck<T>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve) => socket.emit(event, ...args, (reply: T) => resolve(reply)));
}

/** Two connected editors each type a phrase; resolves once both replicas hold one text with both. */
export async function typeAndConverge(one: YjsClient, two: YjsClient, first: string, second: string): Promise<void> {
  await Promise.all([one.synced(), two.synced()]);
  one.doc.getText("t").insert(0, first);
  two.doc.getText("t").insert(0, second);
  await eventually(() => {
    const text = one.doc.getText("t").toString();
    expect(text).toBe(two.doc.getText("t").toString());
    expect(text).toContain(first);
    expect(text).toContain(second);
  });
}
