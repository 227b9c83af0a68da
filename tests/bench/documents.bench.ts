// Co-editing benchmark, side by side on this machine with the same simulated clients:
//   Praxis (/yjs: session auth, every update committed to SQLite before it is relayed)
//   @hocuspocus/server (in memory, its own protocol, its defaults)
//   the reference y-websocket server (@y/websocket-server 0.1.1 setupWSConnection, in memory)
// Scenarios: 50 editors on one document, and 200 documents with 5 editors each; every editor
// inserts 5 characters a second. Printed per server: time until all replicas are identical after
// the last edit, server CPU seconds, peak RSS, and bytes the server sent per update.
// Default run: 20 s and 10 s of editing (a few minutes in all). BENCH_FULL=1: 60 s each.
// Everything is on 127.0.0.1; every loop is bounded by the scenario's duration or a timeout.
import { readFileSync } from "node:fs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess } from "../support/server";
import { startBenchServer, stopChild, yWebsocketClient, type BenchClient, type ByteCounter } from "./clients";
import { rssMegabytes } from "./process-stats";

const FULL = process.env.BENCH_FULL === "1";
const EDITS_PER_SECOND = 5;
const CONVERGENCE_TIMEOUT_MS = 120_000;

interface Scenario {
  name: string;
  documents: number;
  editorsPerDocument: number;
  seconds: number;
}

// Every y-websocket provider adds a process "exit" listener; a thousand are expected here.
process.setMaxListeners(0);

const SCENARIOS: Scenario[] = [
  { name: "50 editors × 1 document", documents: 1, editorsPerDocument: 50, seconds: FULL ? 60 : 20 },
  { name: "200 documents × 5 editors", documents: 200, editorsPerDocument: 5, seconds: FULL ? 60 : 10 },
];

interface Target {
  label: string;
  pid: number;
  /** Document ids to use, one per simulated document. */
  documentIds: string[];
  connect(documentId: string, counter: ByteCounter): BenchClient;
  stop(): Promise<void>;
}

// --- clients -----------------------------------------------------------------------------------

/** A minimal Hocuspocus-protocol client: every message is prefixed with the document name. */
function hocuspocusClient(url: string, documentId: string, counter: ByteCounter): BenchClient {
  const doc = new Y.Doc();
  const socket = new WebSocket(url);
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentId);
    write(encoder);
    const data = encoding.toUint8Array(encoder);
    counter.sent += data.byteLength;
    if (socket.readyState === WebSocket.OPEN) socket.send(data);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === socket) return;
    send((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
  };
  doc.on("update", onUpdate);
  socket.on("open", () => {
    send((e) => {
      encoding.writeVarUint(e, 2); // Auth
      encoding.writeVarUint(e, 0); // Token
      encoding.writeVarString(e, "bench");
    });
    send((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
  });
  socket.on("message", (data: Buffer) => {
    counter.received += data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === 0 || type === 4) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, documentId);
      encoding.writeVarUint(encoder, 0);
      const before = encoding.length(encoder);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, socket);
      if (syncType === syncProtocol.messageYjsSyncStep2) resolveReady();
      if (encoding.length(encoder) > before) {
        const reply = encoding.toUint8Array(encoder);
        counter.sent += reply.byteLength;
        socket.send(reply);
      }
    }
  });
  return {
    doc,
    ready,
    destroy() {
      doc.off("update", onUpdate);
      socket.close();
      doc.destroy();
    },
  };
}

// --- servers -----------------------------------------------------------------------------------

async function praxisTarget(documents: number): Promise<Target> {
  const database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({ DATABASE_URL: database.url, COLLAB_CONNECTIONS_PER_MEMBER: "2000", COLLAB_CONNECTIONS_PER_DOCUMENT: "2000" });
  const { createCoordinator, groupIdFor } = await import("../factories");
  const { createFreeDocument } = await import("~/domain/documents.server");
  const { db } = await import("~/infra/db.server");
  const coordinator = await createCoordinator();
  const actor = { id: coordinator.id, role: "coordinator", memberships: [] };
  const groupId = await groupIdFor("rooting-care");
  const documentIds: string[] = [];
  for (let i = 0; i < documents; i++) {
    const created = await createFreeDocument(actor, groupId, `Bench ${i}`);
    if (!created.ok) throw new Error("could not create a bench document");
    documentIds.push(created.value.documentId);
  }
  const browser = new Browserless(server.url);
  await browser.signIn(coordinator.username, coordinator.password);
  const cookie = browser.sessionCookie;
  const url = server.url.replace("http", "ws") + "/yjs";
  return {
    label: "Praxis (SQLite, durable)",
    pid: server.process.pid!,
    documentIds,
    connect: (documentId, counter) => yWebsocketClient(url, documentId, counter, cookie),
    async stop() {
      await server.stop();
      await db().$disconnect();
      const { disconnectDb } = await import("~/infra/db.server");
      await disconnectDb();
      await database.drop();
    },
  };
}

async function hocuspocusTarget(documents: number): Promise<Target> {
  const { child, port, version } = await startBenchServer("tests/bench/servers/hocuspocus.ts");
  return {
    label: `@hocuspocus/server ${version} (memory)`,
    pid: child.pid!,
    documentIds: Array.from({ length: documents }, (_, i) => `bench-${i}`),
    connect: (documentId, counter) => hocuspocusClient(`ws://127.0.0.1:${port}`, documentId, counter),
    stop: () => stopChild(child),
  };
}

async function referenceTarget(documents: number): Promise<Target> {
  const { child, port, version } = await startBenchServer("tests/bench/servers/reference.ts");
  return {
    label: `@y/websocket-server ${version} (memory)`,
    pid: child.pid!,
    documentIds: Array.from({ length: documents }, (_, i) => `bench-${i}`),
    connect: (documentId, counter) => yWebsocketClient(`ws://127.0.0.1:${port}`, documentId, counter, ""),
    stop: () => stopChild(child),
  };
}

// --- measuring ---------------------------------------------------------------------------------

const CLOCK_TICKS = 100;

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result {
  label: string;
  convergedMs: number | null;
  cpu: number;
  /** CPU seconds of connecting every client (sign-in checks, loading documents, first sync). */
  connectCpu: number;
  peakRss: number;
  bytesPerUpdate: number;
  updates: number;
}

async function runScenario(target: Target, scenario: Scenario): Promise<Result> {
  const counter: ByteCounter = { received: 0, sent: 0 };
  const cpuBefore = cpuSeconds(target.pid);
  let peakRss = rssMegabytes(target.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMegabytes(target.pid))), 250);

  const groups: BenchClient[][] = [];
  for (const documentId of target.documentIds.slice(0, scenario.documents)) {
    const clients: BenchClient[] = [];
    for (let i = 0; i < scenario.editorsPerDocument; i++) clients.push(target.connect(documentId, counter));
    groups.push(clients);
    await Promise.all(clients.map((client) => client.ready));
  }
  const all = groups.flat();

  const receivedBefore = counter.received;
  const connectCpu = cpuSeconds(target.pid) - cpuBefore;
  let updates = 0;
  const interval = 1000 / EDITS_PER_SECOND;
  const timers = all.map((client, index) => {
    const type = client.doc.getText("t");
    // Spread the editors over the interval so they do not all type in the same millisecond.
    return setTimeout(() => {
      const repeat = setInterval(() => {
        type.insert(Math.floor(Math.random() * (type.length + 1)), String.fromCharCode(97 + (updates % 26)));
        updates++;
      }, interval);
      timers[index] = repeat;
    }, (index * interval) / all.length);
  });
  await sleep(scenario.seconds * 1000);
  timers.forEach((timer) => {
    clearTimeout(timer);
    clearInterval(timer);
  });
  const lastEditAt = performance.now();

  let convergedMs: number | null = null;
  while (performance.now() - lastEditAt < CONVERGENCE_TIMEOUT_MS) {
    const identical = groups.every((clients) => {
      const first = Y.encodeStateVector(clients[0].doc);
      return clients.every((client) => Buffer.compare(Buffer.from(Y.encodeStateVector(client.doc)), Buffer.from(first)) === 0);
    });
    if (identical) {
      convergedMs = performance.now() - lastEditAt;
      break;
    }
    await sleep(20);
  }
  const bytesPerUpdate = updates ? (counter.received - receivedBefore) / updates : 0;
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  clearInterval(sampler);
  all.forEach((client) => client.destroy());
  await sleep(500);
  return { label: target.label, convergedMs, cpu, connectCpu, peakRss, bytesPerUpdate, updates };
}

function perUpdateRatio(praxis: Result, other: Result, cpu: (r: Result) => number): string {
  return (cpu(praxis) / Math.max(praxis.updates, 1) / (Math.max(cpu(other), 0.01) / Math.max(other.updates, 1))).toFixed(2);
}

function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((cell, i) => String(cell).padEnd(widths[i])).join("  ");
}

export async function run(): Promise<void> {
  const maxDocuments = Math.max(...SCENARIOS.map((s) => s.documents));
  process.stdout.write(
    `Editors insert ${EDITS_PER_SECOND} characters/s each; ${FULL ? "full run (BENCH_FULL=1)" : "short run (BENCH_FULL=1 for 60 s scenarios)"}.\n` +
      "Clients run in this process; all servers on 127.0.0.1. Praxis commits every update to SQLite before relaying it; the others keep documents in memory.\n" +
      "\"updates\" is how many edits the clients managed to make: below the target when this machine is busy, so compare CPU per update.\n",
  );
  const results = new Map<string, Result[]>();
  // BENCH_PROFILE_DIR=<dir>: Praxis alone, with a CPU profile of its server written there.
  for (const start of process.env.BENCH_PROFILE_DIR ? [praxisTarget] : [praxisTarget, hocuspocusTarget, referenceTarget]) {
    const target = await start(maxDocuments);
    for (const scenario of SCENARIOS) {
      const result = await runScenario(target, scenario);
      results.set(scenario.name, [...(results.get(scenario.name) ?? []), result]);
    }
    await target.stop();
  }
  const widths = [38, 16, 8, 14, 22, 18, 12, 14, 9];
  for (const scenario of SCENARIOS) {
    process.stdout.write(`\n${scenario.name}, ${scenario.seconds} s of editing\n`);
    process.stdout.write(row(["server", "converged after", "CPU s", "CPU ms/100 upd", "of which connecting s", "editing ms/100 upd", "peak RSS MB", "bytes/update", "updates"], widths) + "\n");
    const list = results.get(scenario.name) ?? [];
    for (const r of list) {
      process.stdout.write(
        row(
          [
            r.label,
            r.convergedMs === null ? "timeout" : `${r.convergedMs.toFixed(0)} ms`,
            r.cpu.toFixed(2),
            ((r.cpu * 1000 * 100) / Math.max(r.updates, 1)).toFixed(1),
            r.connectCpu.toFixed(2),
            (((r.cpu - r.connectCpu) * 1000 * 100) / Math.max(r.updates, 1)).toFixed(1),
            r.peakRss.toFixed(0),
            r.bytesPerUpdate.toFixed(0),
            r.updates,
          ],
          widths,
        ) + "\n",
      );
    }
    const [praxis, ...others] = list;
    if (!praxis) continue;
    for (const other of others) {
      process.stdout.write(
        `  Praxis / ${other.label.split(" ")[0]}: CPU per update ×${perUpdateRatio(praxis, other, (r) => r.cpu)} (editing alone ×${perUpdateRatio(praxis, other, (r) => r.cpu - r.connectCpu)}), RSS ×${(praxis.peakRss / Math.max(other.peakRss, 1)).toFixed(2)}, bytes/update ×${(praxis.bytesPerUpdate / Math.max(other.bytesPerUpdate, 1)).toFixed(2)}\n`,
      );
    }
  }
}
