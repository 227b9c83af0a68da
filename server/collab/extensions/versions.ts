// Automatic versions, for people who never name one: after a stretch of editing (15 minutes of
// activity by default) and when the last editor leaves a document changed since the last one.
// Only stored state is kept (the document has settled). Older ones are thinned by the domain.
import type * as Y from "yjs";
import { encodeStateAsUpdate } from "yjs";
import { recordAutoVersion } from "~/domain/documents.server";
import { log } from "~/infra/log.server";
import { describeError, type CollabExtension } from "../extension";
import type { SharedDocument } from "../shared-document";

export interface VersionOptions {
  /** Editing activity after which an automatic version is kept. */
  activityMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
}

export const AUTO_VERSION_ACTIVITY_MS = 15 * 60_000;

export function versions(options: VersionOptions = {}): CollabExtension {
  const activityMs = options.activityMs ?? AUTO_VERSION_ACTIVITY_MS;
  const now = options.now ?? (() => new Date());
  /** Documents changed since their last automatic version: when that stretch began. */
  const changedSince = new Map<string, number>();
  const recording = new Map<string, Promise<void>>();

  function record(document: SharedDocument) {
    if (recording.has(document.id)) return;
    changedSince.delete(document.id);
    const step = (async () => {
      await document.settled();
      if (document.doc.isDestroyed) return;
      await recordAutoVersion(document.id, encodeStateAsUpdate(document.doc as Y.Doc), now());
    })()
      .catch((error) => log("error", "automatic version failed", { document: document.id, error: describeError(error) }))
      .finally(() => recording.delete(document.id));
    recording.set(document.id, step);
  }

  return {
    name: "versions",
    onChange(document, _update, origin) {
      // A client's edit (a connection object), not a change from storage or another instance.
      if (typeof origin !== "object" || origin === null) return;
      const at = now().getTime();
      const since = changedSince.get(document.id);
      if (since === undefined) changedSince.set(document.id, at);
      else if (at - since >= activityMs) record(document);
    },
    onClose(_connection, document) {
      if (document && document.connections.size === 0 && changedSince.has(document.id)) record(document);
    },
    async onUnload(document) {
      if (changedSince.has(document.id)) record(document);
      await recording.get(document.id);
    },
  };
}
