// Redis fan-out: each document's updates and awareness reach the other instances sharing
// REDIS_URL (a no-op alone). Instances follow a document before loading it, so nothing published
// meanwhile is missed; updates are published only after they were stored here.
import { log } from "~/infra/log.server";
import { describeError, type CollabExtension } from "../extension";
import type { Fanout } from "../fanout";
import { REMOTE } from "../shared-document";
import { STORED } from "../persistence";

export function fanoutExtension(fanout: Fanout): CollabExtension {
  return {
    name: "fanout",
    async beforeLoad(document) {
      await fanout.follow(document.id, {
        update: (update) =>
          void document.receiveUpdate(update, REMOTE).catch((error) => log("error", "yjs update from another instance failed", { document: document.id, error: describeError(error) })),
        awareness: (update) => {
          try {
            document.receiveAwareness(update, REMOTE);
          } catch (error) {
            log("warn", "yjs awareness from another instance refused", { document: document.id, error: describeError(error) });
          }
        },
      });
    },
    onChange(document, update, origin) {
      if (origin !== REMOTE && origin !== STORED) fanout.publishUpdate(document.id, update);
    },
    onAwareness(document, update, origin) {
      if (origin !== REMOTE) fanout.publishAwareness(document.id, update);
    },
    async onUnload(document) {
      await fanout.unfollow(document.id);
    },
    async onDestroy() {
      await fanout.close();
    },
  };
}
