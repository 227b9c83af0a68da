// What the Yjs server tells this editor beyond the sync protocol (server/collab/protocol.ts):
// its access when it becomes read-only, and each refusal of something it sent. The server
// carries them in y-websocket's "permission denied" auth message, as JSON.
import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";

export type ReadOnlyReason = "finalised" | "underReview" | "noEditRight";
export type RefusalReason = "readOnly" | "invalid" | "tooLarge" | "rateLimited" | "tooManyConnections";
export type Notice = { type: "access"; access: "edit" | "read"; reason: ReadOnlyReason | null } | { type: "refused"; reason: RefusalReason };

const MESSAGE_AUTH = 2;
const PERMISSION_DENIED = 0;

export function listenForNotices(provider: WebsocketProvider, onNotice: (notice: Notice) => void): void {
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== PERMISSION_DENIED) return;
    try {
      onNotice(JSON.parse(decoding.readVarString(decoder)) as Notice);
    } catch {
      // Not one of ours: nothing to show.
    }
  };
}

/** Paragraphs of `mine` that `theirs` does not hold (as often as they are missing): the text the server refused. */
export function missingParagraphs(mine: string, theirs: string): string {
  const left = new Map<string, number>();
  for (const line of theirs.split("\n")) left.set(line.trim(), (left.get(line.trim()) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of mine.split("\n")) {
    const key = line.trim();
    if (!key) continue;
    const count = left.get(key) ?? 0;
    if (count > 0) left.set(key, count - 1);
    else missing.push(line);
  }
  return missing.join("\n");
}
