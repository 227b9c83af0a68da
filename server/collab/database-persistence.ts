// Durable document storage in the database: every update is one committed row before it is
// applied or relayed; after COMPACT_EVERY updates, and when a document leaves memory, the rows
// are folded into a snapshot. Updates waiting to be stored are written together (group commit:
// one transaction for everything that arrived while the previous one was being written), in
// arrival order, by a single writer.
import * as Y from "yjs";
import { appendDocumentUpdates, compactDocument, loadDocumentState } from "~/domain/documents.server";
import { log } from "~/infra/log.server";
import { STORED, type Persistence } from "./persistence";

export const COMPACT_EVERY = 500;
/** Most updates written in one transaction. */
const MAX_BATCH = 1000;

interface Pending {
  documentId: string;
  update: Uint8Array;
  resolve(): void;
  reject(error: unknown): void;
}

export function databasePersistence(options: { compactEvery?: number } = {}): Persistence {
  const compactEvery = options.compactEvery ?? COMPACT_EVERY;
  const sinceCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<unknown>>();
  const waiting: Pending[] = [];
  /** A write is scheduled or running: a new update joins the next batch instead of starting one. */
  let writing = false;

  async function writeAll() {
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, MAX_BATCH);
        try {
          await appendDocumentUpdates(batch);
          batch.forEach((entry) => entry.resolve());
        } catch (error) {
          batch.forEach((entry) => entry.reject(error));
        }
      }
    } finally {
      writing = false;
    }
  }

  function append(documentId: string, update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      waiting.push({ documentId, update, resolve, reject });
      if (writing) return;
      writing = true;
      // Node runs the microtasks after every socket's data callback, and on SQLite a write is
      // nothing but microtasks: started right away, each write would take one update alone
      // (measured: batches of exactly 1 with 1000 editors). Waiting for the end of this turn of
      // the event loop lets every update read from the sockets in it share one transaction.
      setImmediate(() => void writeAll());
    });
  }

  function compact(documentId: string): Promise<unknown> {
    let running = compacting.get(documentId);
    if (!running) {
      running = compactDocument(documentId)
        .catch((error) => log("error", "compaction failed", { document: documentId, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => compacting.delete(documentId));
      compacting.set(documentId, running);
    }
    return running;
  }

  return {
    async load(documentId, doc) {
      const { state, pendingUpdates } = await loadDocumentState(documentId);
      Y.applyUpdate(doc, state, STORED);
      sinceCompaction.set(documentId, pendingUpdates);
      if (pendingUpdates >= compactEvery) void compact(documentId);
    },
    async store(documentId, update) {
      await append(documentId, update);
      const count = (sinceCompaction.get(documentId) ?? 0) + 1;
      sinceCompaction.set(documentId, count);
      if (count >= compactEvery) {
        sinceCompaction.set(documentId, 0);
        // In the background: storing the next update never waits for a compaction.
        void compact(documentId);
      }
    },
    async unload(documentId) {
      sinceCompaction.delete(documentId);
      await compact(documentId);
    },
  };
}
