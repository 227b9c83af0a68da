// Simulated clients and opponent servers the benchmarks share: signing in as a demo member,
// creating a document, a y-websocket editor that counts the bytes it moves (and can carry a
// session cookie), typing, and the benchmark servers in tests/bench/servers/ as child processes.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Signs in as a demo member (password praxis-demo); returns the Cookie header. */
export async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ username, password: "praxis-demo" }), redirect: "manual" });
  if (response.status !== 303) throw new Error(`sign-in as ${username} answered ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

/** A new free document in the group, through the group page's form; returns its Yjs name. */
export async function createDocument(url: string, cookie: string, groupSlug: string, title: string): Promise<string> {
  const response = await fetch(`${url}/groups/${groupSlug}/docs`, { method: "POST", body: new URLSearchParams({ title }), redirect: "manual", headers: { cookie } });
  const location = response.headers.get("location") ?? "";
  if (response.status !== 303 || !location.includes("/docs/")) throw new Error(`creating a document answered ${response.status}`);
  return location.split("/docs/")[1]!;
}

export interface ByteCounter {
  received: number;
  sent: number;
}

export interface BenchClient {
  doc: Y.Doc;
  ready: Promise<void>;
  destroy(): void;
}

function countingSocket(counter: ByteCounter, headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      this.on("message", (data: Buffer) => (counter.received += data.byteLength));
    }
    override send(data: Parameters<WebSocket["send"]>[0], ...rest: unknown[]) {
      counter.sent += (data as Uint8Array).byteLength ?? 0;
      // @ts-expect-error forwarding the optional arguments as given
      return super.send(data, ...rest);
    }
  };
}

/** An editor on `url/<documentId>`; `onClose` hears every close code (it reconnects after). */
export function yWebsocketClient(url: string, documentId: string, counter: ByteCounter, cookie: string, onClose?: (code: number) => void): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, documentId, doc, {
    WebSocketPolyfill: countingSocket(counter, cookie ? { cookie } : {}) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  if (onClose) provider.on("connection-close", (event: { code: number } | null) => onClose(event?.code ?? 0));
  const ready = new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  return {
    doc,
    ready,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Starts a tests/bench/servers/ script, which prints `READY <port> <version>` when it listens. */
export async function startBenchServer(script: string): Promise<{ child: ChildProcess; port: number; version: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 30_000);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY .*/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
  });
  const [, port, version] = line.split(" ");
  return { child, port: Number(port), version };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Every editor inserts one character `perSecond` times a second at a random place, spread over
 *  the interval so they do not all type in the same millisecond. Returns a stop function and
 *  the running count of edits made. */
export function typeInto(clients: BenchClient[], perSecond: number): { stop(): void; edits(): number } {
  let edits = 0;
  const interval = 1000 / perSecond;
  const timers: NodeJS.Timeout[] = clients.map((client, index) => {
    const text = client.doc.getText("t");
    return setTimeout(() => {
      timers[index] = setInterval(() => {
        text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + (edits % 26)));
        edits++;
      }, interval);
    }, (index * interval) / clients.length);
  });
  return {
    stop() {
      for (const timer of timers) {
        clearTimeout(timer);
        clearInterval(timer);
      }
    },
    edits: () => edits,
  };
}
