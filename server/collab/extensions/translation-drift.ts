// Translation drift: a change to one language of an agenda or minutes is looked at soon after it
// is stored, so "needs update" flags are raised (and cleared) in the order changes happen, not only
// when someone next opens the writing page. Debounced per document while someone is typing.
import { noteMeetingTextChanged } from "~/domain/minutes.server";
import { log } from "~/infra/log.server";
import { describeError, type CollabExtension } from "../extension";
import { REMOTE } from "../shared-document";

const MEETING_TEXT = /^(agenda|minutes)\.[a-z0-9-]{1,64}\.(en|fr)$/;

export function translationDrift(delayMs = 400): CollabExtension {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const run = (documentId: string) => {
    pending.delete(documentId);
    return noteMeetingTextChanged(documentId).catch((error) => log("error", "translation drift not noted", { document: documentId, error: describeError(error) }));
  };
  return {
    name: "translation-drift",
    onChange(document, _update, origin) {
      // Another instance notes what its own clients changed.
      if (origin === REMOTE || !MEETING_TEXT.test(document.id)) return;
      clearTimeout(pending.get(document.id));
      pending.set(document.id, setTimeout(() => void run(document.id), delayMs));
    },
    async onUnload(document) {
      if (!pending.has(document.id)) return;
      clearTimeout(pending.get(document.id));
      await run(document.id);
    },
    async onDestroy() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
