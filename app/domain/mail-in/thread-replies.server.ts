// A reply by email to a thread ("thread": its opening post) or to one post ("post"): posted as
// the member through replyToThread, rendered by the same Markdown subset as a reply on the web.
import { db } from "~/infra/db.server";
import { replyToThread } from "../discussions.server";
import type { InboundReply, ReplyHandler, ReplyMember, ReplyOutcome } from "./handlers.server";

async function threadAndParent(objectId: string): Promise<{ threadId: string; parentId: string | null } | null> {
  const post = await db().post.findUnique({ where: { id: objectId }, select: { threadId: true } });
  if (post) return { threadId: post.threadId, parentId: objectId };
  return { threadId: objectId, parentId: null };
}

export const threadReplies: ReplyHandler = {
  needsContentInMail: true,
  async handle(member: ReplyMember, objectId: string, reply: InboundReply): Promise<ReplyOutcome> {
    if (reply.attachmentCount > 0) return { ok: false, error: "mail:refusals.attachments" };
    if (!reply.text) return { ok: false, error: "mail:refusals.empty" };
    const target = await threadAndParent(objectId);
    if (!target) return { ok: false, error: "discussions:errors.noSuchThread" };
    const result = await replyToThread(member, { threadId: target.threadId, parentId: target.parentId, body: reply.text });
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  },
};
