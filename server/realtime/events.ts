// The Socket.IO event contract between server and browser. Later features add their events here.
import type { Server } from "socket.io";
import type { LivePost } from "~/domain/discussion-types";

/** Discussion changes as readers of a space receive them (ids first; `post` is what all readers may see). */
export interface DiscussionPostEvent {
  change: "created" | "edited" | "deleted" | "hidden" | "shown";
  threadId: string;
  groupId: string | null;
  postId: string;
  seq: number;
  authorId: string;
  post: LivePost | null;
}

export type Ack<T> = (reply: T) => void;
export type ReplyAck = { ok: true; postId: string; seq: number } | { ok: false; error: string };

export interface ServerToClientEvents {
  /** Sent once after connecting: who the server thinks you are (a sanity check for clients). */
  "session:ready": (payload: { userId: string; rooms: string[] }) => void;
  "discussion:post": (payload: DiscussionPostEvent) => void;
  "discussion:thread": (payload: { change: "created" | "updated"; threadId: string; groupId: string | null; title: string; authorId: string }) => void;
  "discussion:typing": (payload: { threadId: string; userId: string; displayName: string }) => void;
  /** This member read a thread on another device. */
  "discussion:read": (payload: { threadId: string; seq: number }) => void;
  "notification:new": (payload: { notificationId: string; kind: "mention" | "reply"; threadId: string; postId: string; unread: number }) => void;
  "notification:count": (payload: { unread: number }) => void;
  /** A meeting's agenda or minutes you are invited to was published (in-app notice, live). */
  "meeting:published": (payload: { meetingId: string; kind: "agenda" | "minutes"; version: number }) => void;
  /** MEL decided on a group's workplan (sent to whoever may read it): its pages offer a refresh. */
  "workplan:reviewed": (payload: { groupId: string; decision: "approved" | "changes-requested" }) => void;
  /** A group's learning questions were finalised or reopened (sent to whoever may read them). */
  "learning-questions:changed": (payload: { groupId: string; state: "finalised" | "draft" }) => void;
  /** A check-in changed (sent to whoever may read it): its pages offer a refresh. */
  "checkin:changed": (payload: { groupId: string; checkInId: string }) => void;
  /** A decision in a space you read got a vote, closed or got its outcome (counts when shown live). */
  "decision:changed": (payload: { decisionId: string; groupId: string | null; voted: number; counts: Record<string, string> | null; closed: boolean }) => void;
  /** This instance is shutting down; the connection drops next and the client reconnects. */
  "server:restarting": () => void;
}

export interface ClientToServerEvents {
  /** Round trip used by health checks and tests. */
  "ping": (ack: (reply: { at: string }) => void) => void;
  /** Follow a space's live events ("community" or a group id) after a server-side read check. */
  "space:watch": (spaceKey: string, ack?: Ack<{ ok: boolean }>) => void;
  "thread:typing": (payload: { threadId: string }) => void;
  /** After a reconnect: the posts of a thread after the last seq the client saw. */
  "thread:catchup": (payload: { threadId: string; afterSeq: number }, ack: Ack<{ ok: true; posts: LivePost[] } | { ok: false; error: string }>) => void;
  /** Reply through the socket: the same domain path (and checks) as the form post. */
  "thread:reply": (payload: { threadId: string; parentId?: string | null; body: string; language?: string }, ack: Ack<ReplyAck>) => void;
}

export interface InterServerEvents {}

export interface SocketData {
  userId: string;
  sessionId: string;
  displayName: string;
  lastTypingAt?: number;
}

/** Room names: one per member, one per session (for revocation), one per group, one for all. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  group: (groupId: string) => `group:${groupId}`,
  community: "community",
  /** The live room of a space: a working group's room, or the community's. */
  space: (groupId: string | null) => (groupId ? `group:${groupId}` : "community"),
  /** The room of a principal (policies name audiences in principals; see permissions.ts). */
  principal: (principal: string) => `p:${principal}`,
} as const;

/** The Socket.IO server, typed by this contract. */
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
