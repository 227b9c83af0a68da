// Who contributed to a document, for their data export: each editor is recorded once per
// document, on their first stored change (a change is applied only after it was stored).
import { noteContributor } from "~/domain/documents.server";
import { log } from "~/infra/log.server";
import { describeError, type ClientConnection, type CollabExtension } from "../extension";

export function contributors(): CollabExtension {
  /** documentId → members already recorded while the document is open. */
  const noted = new Map<string, Set<string>>();
  return {
    name: "contributors",
    onChange(document, _update, origin) {
      const userId = (origin as Partial<ClientConnection> | null)?.userId;
      if (!userId || typeof origin !== "object") return;
      const seen = noted.get(document.id) ?? new Set<string>();
      if (seen.has(userId)) return;
      seen.add(userId);
      noted.set(document.id, seen);
      noteContributor(document.id, userId).catch((error: unknown) => log("error", "noting a contributor failed", { document: document.id, error: describeError(error) }));
    },
    async onUnload(document) {
      noted.delete(document.id);
    },
  };
}
