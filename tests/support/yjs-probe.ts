// What the Yjs endpoint lets one session do with one document, found out the way a client
// would: connect with the session cookie, send an edit, then ask for the server's whole state.
// The server answers a sync step 1 only after every update that connection sent before it was
// stored (or refused), so the answer says for certain whether the edit was taken: no waiting.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { randomBytes } from "node:crypto";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

export type SeenAccess = "none" | "read" | "edit";

const MESSAGE_SYNC = 0;
/** Where the probe writes: a shared type no editor reads, so a taken probe changes nothing shown. */
export const PROBE_TEXT = "policy-probe";

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * "none" when the server closes the connection (4401 without a session, 4403 without access),
 * "read" when it stays open but drops the edit, "edit" when the edit is in its state.
 */
export function probeDocument(baseUrl: string, documentId: string, cookie: string, timeoutMs = 10_000): Promise<SeenAccess> {
  const marker = `probe-${randomBytes(6).toString("hex")}`;
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/yjs/${encodeURIComponent(documentId)}`, { headers: cookie ? { cookie } : {} });
  return new Promise<SeenAccess>((resolve, reject) => {
    let phase: "connecting" | "asked" | "done" = "connecting";
    const finish = (outcome: SeenAccess | Error) => {
      if (phase === "done") return;
      phase = "done";
      clearTimeout(timer);
      socket.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error(`no answer from /yjs/${documentId} within ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (error) => finish(error));
    socket.on("close", (code) => {
      if (phase === "done") return;
      finish(code === 4401 || code === 4403 ? "none" : new Error(`/yjs/${documentId} closed with ${code}`));
    });
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness
      const kind = decoding.readVarUint(decoder);
      if (phase === "connecting" && kind === syncProtocol.messageYjsSyncStep1) {
        // Accepted and loaded: the server opens with its step 1. Edit, then ask for everything.
        phase = "asked";
        const edit = new Y.Doc();
        edit.getText(PROBE_TEXT).insert(0, marker);
        socket.send(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(edit))));
        socket.send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
        edit.destroy();
      } else if (phase === "asked" && kind === syncProtocol.messageYjsSyncStep2) {
        const state = new Y.Doc();
        Y.applyUpdate(state, decoding.readVarUint8Array(decoder));
        const taken = state.getText(PROBE_TEXT).toString().includes(marker);
        state.destroy();
        finish(taken ? "edit" : "read");
      }
    });
  });
}
