// Real y-websocket clients for tests and benchmarks: a WebsocketProvider speaking to /yjs with
// the member's session cookie, as a browser would.
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the first sync with the server completed. */
  synced: Promise<void>;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  /** Praxis notices (access changes, refusals) the server sent, in order (server/collab/protocol.ts). */
  notices: Array<{ type: string; access?: string; reason?: string | null }>;
  text(): string;
  destroy(): void;
}

function socketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
}

export function connectDocument(baseUrl: string, documentId: string, cookie: string, options: { connect?: boolean } = {}): YClient {
  const doc = new Y.Doc();
  const closeCodes: number[] = [];
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/yjs", documentId, doc, {
    WebSocketPolyfill: socketWithCookie(cookie) as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  const notices: YClient["notices"] = [];
  // y-websocket's "permission denied" auth message carries Praxis's notices as JSON.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) notices.push(JSON.parse(decoding.readVarString(decoder)));
  };
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once("sync", (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    closeCodes,
    notices,
    text: () => doc.getText("t").toString(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` passes (polling), or fails with the last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Sends one raw frame on a fresh socket (malformed and oversized message tests). */
export function rawSocket(baseUrl: string, documentId: string, cookie: string): Promise<WebSocket> {
  const socket = new WebSocket(baseUrl.replace(/^http/, "ws") + "/yjs/" + documentId, { headers: { cookie } });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}
