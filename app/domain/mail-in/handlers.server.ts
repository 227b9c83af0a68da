// What a reply by email does, per kind of object its reply address names. One entry per kind;
// each handler calls the same domain verb the web uses, so policies, rate limits, mentions and
// live fan-out apply exactly as they do there. A new kind is one more handler in HANDLERS and a
// call to issueReplyAddress(userId, kind, id) where its mail is sent.
import { decisionReplies } from "./decision-replies.server";
import { meetingReplies } from "./meeting-replies.server";
import { threadReplies } from "./thread-replies.server";
import type { ReplyHandler } from "./reply";

const HANDLERS: Record<string, ReplyHandler> = {
  thread: threadReplies,
  post: threadReplies,
  meeting: meetingReplies,
  decision: decisionReplies,
};

export function replyHandlerFor(kind: string): ReplyHandler | null {
  return Object.hasOwn(HANDLERS, kind) ? HANDLERS[kind] : null;
}
