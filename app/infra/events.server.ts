// Domain events: the domain announces what changed after it committed; the realtime and
// collaboration servers listen and tell the right sockets. Domain code never imports server/.
import { EventEmitter } from "node:events";
import type { Principal } from "~/domain/permissions";
import type { ThreadAudience } from "~/domain/policies/threads";

export interface DomainEvents {
  /** These sessions ended (sign-out, revocation, password change): close their live connections. */
  "sessions.ended": { userId: string; sessionIds: string[] | "all" };
  /** A member's roles or group memberships changed: their connections must re-authorise. */
  "access.changed": { userId: string };
  /** MEL approved a group's workplan or asked for changes; `audience`: who may read the workplan. */
  "workplan.reviewed": { groupId: string; decision: "approved" | "changes-requested"; audience: Principal[] };
  /** A lead finalised or reopened a group's learning questions; `audience`: who may read them. */
  "learningQuestions.changed": { groupId: string; state: "finalised" | "draft"; audience: Principal[] };
  /**
   * A check-in changed (submitted, commented, advised, follow-up added): pages showing it offer
   * a refresh. `audience`: who may read the check-in, from its policy.
   */
  "checkin.changed": { groupId: string; checkInId: string; audience: Principal[] };
  /**
   * A thread was started, or pinned, locked, hidden (or the reverse). groupId null = community.
   * `audience` is who may receive it, from the thread policy: "space" (the space's room) or principals.
   */
  "discussion.thread": { change: "created" | "updated"; threadId: string; groupId: string | null; title: string; authorId: string; audience: ThreadAudience };
  /** A post was written, edited, deleted or hidden; `post` is what every reader of the thread may see. */
  "discussion.post": {
    audience: ThreadAudience;
    change: "created" | "edited" | "deleted" | "hidden" | "shown";
    threadId: string;
    groupId: string | null;
    postId: string;
    seq: number;
    authorId: string;
    post: import("~/domain/discussion-types").LivePost | null;
  };
  /** A member read a thread up to seq (their other devices clear its unread mark). */
  "discussion.read": { userId: string; threadId: string; seq: number };
  /** A member got a notification (not sent while they rest). */
  "notification.created": { userId: string; notificationId: string; kind: "mention" | "reply"; threadId: string; postId: string; unread: number };
  /** A member's unread notification count changed (read elsewhere, on another device). */
  "notification.count": { userId: string; unread: number };
  /** A meeting's agenda or minutes was published (version N): these members were notified. */
  "meeting.published": { meetingId: string; kind: "agenda" | "minutes"; version: number; userIds: string[] };
  /**
   * A decision got a vote, closed or got its outcome. `audience` from the decisions policy (its
   * space's room); `counts` only when its results are shown live (keys as the page's), else null;
   * `voted` is how many have voted (-1: unchanged).
   */
  "decision.changed": { decisionId: string; groupId: string | null; audience: ThreadAudience; voted: number; counts: Record<string, string> | null; closed?: boolean };
  /** The server changed a co-edited document (restore, template, form post): already stored. */
  "document.changed": { documentId: string; update: Uint8Array };
  /** Who may edit this document changed (e.g. a workplan went to review): re-check open connections. */
  "document.accessChanged": { documentId: string };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function publish<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
  emitter.emit(event, payload);
}

export function subscribe<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}
