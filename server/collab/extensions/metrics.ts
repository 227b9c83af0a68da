// Metrics: what the collaboration server is doing, for /healthz-style probes, benchmarks and
// logs: open connections and documents, updates stored, refusals and closes by reason.
import type { CollabExtension } from "../extension";

export interface CollabMetrics {
  connections: number;
  documents: number;
  updates: number;
  refused: Record<string, number>;
  closes: Record<string, number>;
}

export function metrics(): CollabExtension & { snapshot(): CollabMetrics } {
  const state: CollabMetrics = { connections: 0, documents: 0, updates: 0, refused: {}, closes: {} };
  const count = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);
  return {
    name: "metrics",
    onJoin() {
      state.connections++;
    },
    onClose(_connection, document, code) {
      if (document) state.connections--;
      count(state.closes, String(code));
    },
    async onLoad() {
      state.documents++;
    },
    async onUnload() {
      state.documents--;
    },
    onChange(_document, _update, origin) {
      if (typeof origin === "object" && origin !== null) state.updates++;
    },
    onRefused(_connection, reason) {
      count(state.refused, reason);
    },
    snapshot: () => structuredClone(state),
  };
}
