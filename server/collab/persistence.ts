// Where document state lives between loads. A backend is two functions: load and store.
import type * as Y from "yjs";

/** Origin of state applied from storage: already stored, so neither stored nor fanned out again. */
export const STORED = Symbol("stored");

export interface Persistence {
  /** Applies the stored state of the document to the empty `doc` (with origin STORED). */
  load(documentId: string, doc: Y.Doc): Promise<void>;
  /** Stores one update durably; resolves only once it would survive a crash. */
  store(documentId: string, update: Uint8Array): Promise<void>;
  /** Called when a document leaves memory (a chance to compact). */
  unload?(documentId: string, doc: Y.Doc): Promise<void>;
}

/** Keeps nothing beyond the process (tests of the protocol alone); Praxis uses the database. */
export const memoryPersistence: Persistence = {
  async load() {},
  async store() {},
};
