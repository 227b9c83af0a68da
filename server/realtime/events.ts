// The Socket.IO event contract between server and browser. Later features add their events here.

export interface ServerToClientEvents {
  /** Sent once after connecting: who the server thinks you are (a sanity check for clients). */
  "session:ready": (payload: { userId: string; rooms: string[] }) => void;
  /** A meeting's agenda or minutes you are invited to was published (in-app notice, live). */
  "meeting:published": (payload: { meetingId: string; kind: "agenda" | "minutes"; version: number }) => void;
}

export interface ClientToServerEvents {
  /** Round trip used by health checks and tests. */
  "ping": (ack: (reply: { at: string }) => void) => void;
}

export interface InterServerEvents {}

export interface SocketData {
  userId: string;
  sessionId: string;
}

/** Room names: one per member, one per session (for revocation), one per group, one for all. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  group: (groupId: string) => `group:${groupId}`,
  community: "community",
} as const;
