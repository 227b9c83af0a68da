// Durable document storage in the database: every update is one committed row before it is
// applied or relayed; after COMPACT_EVERY updates, and when a document leaves memory, the rows
// are folded into a snapshot.
import * as Y from "yjs";
import { appendDocumentUpdate, compactDocument, loadDocumentState } from "~/domain/documents.server";
import { log } from "~/infra/log.server";
import { STORED, type Persistence } from "./persistence";

export const COMPACT_EVERY = 500;

export function databasePersistence(options: { compactEvery?: number } = {}): Persistence {
  const compactEvery = options.compactEvery ?? COMPACT_EVERY;
  const sinceCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<unknown>>();

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
      await appendDocumentUpdate(documentId, update);
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
