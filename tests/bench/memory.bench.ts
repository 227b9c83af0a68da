// Memory of the production server as `npm start` runs it (compiled launcher, no TypeScript
// loader): resident set size idle after a first start that seeds the demo community, idle after
// a restart, with 50 editors typing on one document, and after 600 page views by a signed-in
// member; the reference y-websocket server (tests/bench/servers/reference.ts) measured the same
// way beside it. Targets: idle ≤ 200 MB and ≤ 300 MB with the 50 editors, so an NGO can run
// Praxis beside PostgreSQL on a 1 GB virtual server. Also what one open document holds: ~160 KB
// documents (the size of the Yjs B4 trace's), stored, then each opened by one editor (target
// ≤ 5 MB each). Figures, never a pass or fail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startPraxisProcess, type RunningPraxis } from "../support/server";
import * as Y from "yjs";
import { createDocument, signIn, startBenchServer, stopChild, typeInto, yWebsocketClient, type BenchClient } from "./clients";
import { rssMegabytes } from "./process-stats";

const IDLE_SECONDS = 15;
/** Documents opened at once to measure what one open document holds (target ≤ 5 MB each). */
const OPEN_DOCUMENTS = 30;
/** About the size of the Yjs B4 editing trace's final document. */
const DOCUMENT_BYTES = 160 * 1024;
const EDITORS = 50;
const EDITING_SECONDS = 20;
const EDITS_PER_SECOND = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Every y-websocket provider adds a process "exit" listener.
process.setMaxListeners(0);

async function idle(pid: number): Promise<number> {
  // A benchmark may wait: the figure is what an idle server holds once start-up work is done.
  await sleep(IDLE_SECONDS * 1000);
  return rssMegabytes(pid);
}

interface EditingFigures {
  connected: number;
  peak: number;
  end: number;
  edits: number;
}

/** EDITORS clients on one document, typing for EDITING_SECONDS; RSS sampled every 250 ms. */
async function editOneDocument(pid: number, connect: () => BenchClient): Promise<EditingFigures> {
  const clients = Array.from({ length: EDITORS }, connect);
  await Promise.all(clients.map((client) => client.ready));
  const connected = rssMegabytes(pid);
  let peak = connected;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(pid))), 250);
  const typing = typeInto(clients, EDITS_PER_SECOND);
  await sleep(EDITING_SECONDS * 1000);
  typing.stop();
  const end = rssMegabytes(pid);
  clearInterval(sampler);
  for (const client of clients) client.destroy();
  return { connected, peak: Math.max(peak, end), end, edits: typing.edits() };
}

async function measurePraxis() {
  const dir = mkdtempSync(join(tmpdir(), "praxis-memory-"));
  const env = {
    DATABASE_URL: `file:${join(dir, "praxis.db")}`,
    FILES_DIR: join(dir, "files"),
    MAIL_OUTBOX_DIR: join(dir, "outbox"),
    PRAXIS_DEMO: "1",
    DISCUSSION_POSTS_PER_MINUTE: "1000",
    // The 50 editors are one demo member on 50 connections.
    COLLAB_CONNECTIONS_PER_MEMBER: String(EDITORS * 2),
    // Passed on when set, to compare with V8's own heap growth (0).
    HEAP_GROWTH_PERCENT: process.env.HEAP_GROWTH_PERCENT,
  };
  let praxis: RunningPraxis | undefined;
  try {
    praxis = await startPraxisProcess(env);
    const firstStart = await idle(praxis.process.pid!);
    await praxis.stop();
    praxis = await startPraxisProcess(env);
    const pid = praxis.process.pid!;
    const restart = await idle(pid);
    const editorCookie = await signIn(praxis.url, "lead.care");
    const documentId = await createDocument(praxis.url, editorCookie, "rooting-care", "Memory benchmark");
    const yjsUrl = `${praxis.url.replace("http", "ws")}/yjs`;
    const counter = { received: 0, sent: 0 };
    const editing = await editOneDocument(pid, () => yWebsocketClient(yjsUrl, documentId, counter, editorCookie));
    const cookie = await signIn(praxis.url, "member.care");
    for (const path of ["/", "/groups/rooting-care", "/library", "/meetings"]) {
      await autocannon({ url: `${praxis.url}${path}`, connections: 4, amount: 150, headers: { cookie } });
    }
    const afterViews = rssMegabytes(pid);
    const afterIdle = await idle(pid);
    return { firstStart, restart, editing, afterViews, afterIdle };
  } finally {
    await praxis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A document grown by many small edits (inserts and deletions at random places, as a person
 * writes) until its encoded state is about `bytes`: its history, not only its text, is in it.
 */
function grownDocument(bytes: number, seed: number): Y.Doc {
  const doc = new Y.Doc();
  const text = doc.getText("bench");
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const words = ["care ", "rest ", "collective ", "budget ", "learning ", "question ", "we ", "meet ", "monthly "];
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    doc.transact(() => {
      for (let i = 0; i < 200; i++) {
        const at = Math.floor(random() * (text.length + 1));
        if (random() < 0.2 && text.length > 10) text.delete(Math.min(at, text.length - 5), 5);
        else text.insert(at, words[Math.floor(random() * words.length)]!);
      }
    });
  }
  return doc;
}

/** Stored documents of ~DOCUMENT_BYTES, then each opened by one editor after a restart: RSS per open document. */
async function measureOpenDocuments() {
  const dir = mkdtempSync(join(tmpdir(), "praxis-documents-"));
  const env = { DATABASE_URL: `file:${join(dir, "praxis.db")}`, FILES_DIR: join(dir, "files"), MAIL_OUTBOX_DIR: join(dir, "outbox"), PRAXIS_DEMO: "1", COLLAB_CONNECTIONS_PER_MEMBER: String(OPEN_DOCUMENTS * 2) };
  let praxis: RunningPraxis | undefined;
  try {
    praxis = await startPraxisProcess(env);
    let cookie = await signIn(praxis.url, "lead.care");
    const documentIds: string[] = [];
    let stateBytes = 0;
    for (let i = 0; i < OPEN_DOCUMENTS; i++) {
      const documentId = await createDocument(praxis.url, cookie, "rooting-care", `Long document ${i + 1}`);
      const local = grownDocument(DOCUMENT_BYTES, i + 1);
      stateBytes = Y.encodeStateAsUpdate(local).byteLength;
      // The editor connects with the whole document and hands it over in its first sync.
      const counter = { received: 0, sent: 0 };
      const writer = yWebsocketClient(`${praxis.url.replace("http", "ws")}/yjs`, documentId, counter, cookie);
      await writer.ready;
      Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(local));
      // Stored once a fresh reader gets it all back.
      const expected = local.getText("bench").length;
      for (;;) {
        const reader = yWebsocketClient(`${praxis.url.replace("http", "ws")}/yjs`, documentId, counter, cookie);
        await reader.ready;
        const length = reader.doc.getText("bench").length;
        reader.destroy();
        if (length === expected) break;
        await sleep(200);
      }
      writer.destroy();
      local.destroy();
      documentIds.push(documentId);
    }
    await praxis.stop();
    praxis = await startPraxisProcess(env);
    const pid = praxis.process.pid!;
    cookie = await signIn(praxis.url, "lead.care");
    const before = await idle(pid);
    const counter = { received: 0, sent: 0 };
    const editors = documentIds.map((documentId) => yWebsocketClient(`${praxis!.url.replace("http", "ws")}/yjs`, documentId, counter, cookie));
    await Promise.all(editors.map((editor) => editor.ready));
    const open = await idle(pid);
    for (const editor of editors) editor.destroy();
    return { stateKb: stateBytes / 1024, before, open, perDocument: (open - before) / OPEN_DOCUMENTS };
  } finally {
    await praxis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureReference() {
  const { child, port, version } = await startBenchServer("tests/bench/servers/reference.ts");
  try {
    const start = await idle(child.pid!);
    const counter = { received: 0, sent: 0 };
    const editing = await editOneDocument(child.pid!, () => yWebsocketClient(`ws://127.0.0.1:${port}`, "memory-bench", counter, ""));
    return { version, start, editing };
  } finally {
    await stopChild(child);
  }
}

export async function run(): Promise<void> {
  const praxis = await measurePraxis();
  const documents = await measureOpenDocuments();
  const reference = await measureReference();
  const line = (label: string, mb: number, target: number, referenceMb?: number) =>
    process.stdout.write(
      `${label.padEnd(52)} ${mb.toFixed(0).padStart(5)} MB  (${(mb / target).toFixed(2)} × the ${target} MB target` +
        (referenceMb ? `; ${(mb / referenceMb).toFixed(2)} × the reference's ${referenceMb.toFixed(0)} MB)\n` : ")\n"),
    );
  const editingLabel = `${EDITORS} editors on one document, ${EDITS_PER_SECOND} chars/s each`;
  process.stdout.write(`Praxis (demo community, SQLite):\n`);
  line(`idle ${IDLE_SECONDS} s after first start (demo seeded)`, praxis.firstStart, 200, reference.start);
  line(`idle ${IDLE_SECONDS} s after a restart`, praxis.restart, 200, reference.start);
  line(`${EDITORS} editors connected (one document)`, praxis.editing.connected, 300, reference.editing.connected);
  line(`peak while ${EDITING_SECONDS} s of typing`, praxis.editing.peak, 300, reference.editing.peak);
  line("right after 600 page views", praxis.afterViews, 300);
  line(`idle ${IDLE_SECONDS} s later`, praxis.afterIdle, 300);
  process.stdout.write(`  (${editingLabel}: ${praxis.editing.edits} edits made on Praxis, ${reference.editing.edits} on the reference)\n`);
  process.stdout.write(
    `Open documents: ${OPEN_DOCUMENTS} stored documents of ${documents.stateKb.toFixed(0)} KB each (encoded Yjs state), one editor on each after a restart: ` +
      `${documents.before.toFixed(0)} → ${documents.open.toFixed(0)} MB, ${documents.perDocument.toFixed(2)} MB per open document (target ≤ 5 MB)\n`,
  );
  process.stdout.write(`Reference y-websocket server ${reference.version} (in memory):\n`);
  process.stdout.write(`  idle ${IDLE_SECONDS} s after start ${reference.start.toFixed(0)} MB; ${EDITORS} editors connected ${reference.editing.connected.toFixed(0)} MB; peak while typing ${reference.editing.peak.toFixed(0)} MB\n`);
}
