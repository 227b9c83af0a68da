// A read-only window onto the co-edited documents the collaboration server holds, so domain
// code can read a text's current state without importing server/. The collaboration server
// registers its opener at start; in a process without one (seed, scripts) nothing is live.
import type * as Y from "yjs";

type Opener = (documentId: string) => Promise<Y.Doc>;
let opener: Opener | null = null;

export function provideLiveDocuments(open: Opener | null): void {
  opener = open;
}

/** The document's current state (loaded from storage when needed), or null when none is served here. */
export async function openLiveDocument(documentId: string): Promise<Y.Doc | null> {
  return opener ? opener(documentId) : null;
}
