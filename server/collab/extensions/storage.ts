// Write-ahead storage: a document's state is loaded from the persistence backend, and every
// validated update is stored there before it is applied or relayed (SharedDocument waits).
// When a document leaves memory the backend may compact it.
import type { CollabExtension } from "../extension";
import type { Persistence } from "../persistence";

export function storage(persistence: Persistence): CollabExtension {
  return {
    name: "storage",
    async onLoad(document) {
      await persistence.load(document.id, document.doc);
    },
    store(document, update) {
      return persistence.store(document.id, update);
    },
    async onUnload(document) {
      await document.settled();
      await persistence.unload?.(document.id, document.doc);
    },
  };
}
