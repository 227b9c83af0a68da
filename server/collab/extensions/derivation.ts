// Derivation: the tables read from documents (milestones, budget, questions, outcome) follow
// every change made on this instance; a pending derivation runs before a document leaves memory.
import type { CollabExtension } from "../extension";
import { createDerivation } from "../derivation";
import { REMOTE } from "../shared-document";

export function derivation(): CollabExtension {
  const derive = createDerivation();
  return {
    name: "derivation",
    onChange(document, _update, origin) {
      // Another instance derives what its own clients changed.
      if (origin !== REMOTE && derive.isDerived(document.id)) derive.schedule(document.id, document.doc);
    },
    async onUnload(document) {
      await derive.flush(document.id);
    },
    async onDestroy() {
      await derive.flushAll();
    },
  };
}
