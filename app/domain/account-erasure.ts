// Erasing one's own account: what pages and the server share (the rules are in account-erasure.server.ts).
export const ERASURE_UNDO_MS = 7 * 24 * 60 * 60 * 1000;
export const ERASURE_MODES = ["remove", "keep"] as const;
export type ErasureMode = (typeof ERASURE_MODES)[number];
