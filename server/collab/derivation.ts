// Keeps the tables derived from documents (milestones, budget, questions, outcome) up to date:
// after a change, once the document has been quiet for a moment, and at least every few seconds
// while it is busy, so pages that read the tables are never far behind.
import type * as Y from "yjs";
import { deriveFromDocument, parseDocumentId } from "~/domain/documents.server";
import { log } from "~/infra/log.server";

const QUIET_MS = 800;
const MAX_WAIT_MS = 4_000;
const DERIVED_KINDS = new Set(["workplan", "learning-questions", "learning-outcome"]);

export function createDerivation() {
  const pending = new Map<string, { timer: NodeJS.Timeout; firstAt: number; doc: Y.Doc }>();
  const running = new Map<string, Promise<void>>();

  async function run(documentId: string, doc: Y.Doc) {
    pending.delete(documentId);
    // One derivation per document at a time; a later one sees the later state.
    await running.get(documentId);
    const step = deriveFromDocument(documentId, doc).catch((error) =>
      log("error", "derivation failed", { document: documentId, error: error instanceof Error ? error.message : String(error) }),
    );
    running.set(documentId, step);
    await step;
    if (running.get(documentId) === step) running.delete(documentId);
  }

  return {
    isDerived(documentId: string): boolean {
      const ref = parseDocumentId(documentId);
      return Boolean(ref && DERIVED_KINDS.has(ref.kind));
    },
    schedule(documentId: string, doc: Y.Doc) {
      const now = Date.now();
      const entry = pending.get(documentId);
      if (entry) clearTimeout(entry.timer);
      const firstAt = entry?.firstAt ?? now;
      const wait = Math.max(0, Math.min(QUIET_MS, firstAt + MAX_WAIT_MS - now));
      pending.set(documentId, { firstAt, doc, timer: setTimeout(() => void run(documentId, doc), wait) });
    },
    /** Runs a pending derivation now (before a document leaves memory, at shutdown). */
    async flush(documentId: string) {
      const entry = pending.get(documentId);
      if (entry) {
        clearTimeout(entry.timer);
        await run(documentId, entry.doc);
      }
      await running.get(documentId);
    },
    async flushAll() {
      await Promise.all([...pending.keys()].map((id) => this.flush(id)));
    },
  };
}
