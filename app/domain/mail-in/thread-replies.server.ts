// A reply by email to a thread ("thread": its opening post) or to one post ("post"): posted as
// the member through replyToThread, rendered by the same Markdown subset as a reply on the web.
// Attached files are refused, unless the member chose to have them put into the library: then
// each goes through addFileResource (typed, cleaned, size-limited like any upload) as a resource
// for the thread's group only, and the reply links to them. Nothing stays if any step is refused.
import { db } from "~/infra/db.server";
import { linkBaseUrl } from "~/infra/env.server";
import { isSupportedLanguage } from "~/infra/i18n";
import { idempotencyKeyOf, postMadeWith, replyToThread } from "../discussions.server";
import { addFileResource, deleteResource } from "../library.server";
import type { InboundReply, ReplyHandler, ReplyMember, ReplyOutcome } from "./reply";

async function threadAndParent(objectId: string): Promise<{ threadId: string; parentId: string | null } | null> {
  const post = await db().post.findUnique({ where: { id: objectId }, select: { threadId: true } });
  if (post) return { threadId: post.threadId, parentId: objectId };
  return { threadId: objectId, parentId: null };
}

function titleOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  return base.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[_-]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "Attachment";
}

async function toLibrary(member: ReplyMember, threadId: string, reply: InboundReply, introduction: string): Promise<{ ok: true; links: string[]; ids: string[] } | { ok: false; error: string }> {
  const thread = await db().thread.findUnique({ where: { id: threadId }, select: { groupId: true, subjectType: true } });
  const group = thread?.groupId && !thread.subjectType ? await db().workingGroup.findUnique({ where: { id: thread.groupId }, select: { slug: true } }) : null;
  if (!group) return { ok: false, error: "mail:refusals.attachmentsCommunity" };
  const ids: string[] = [];
  const links: string[] = [introduction];
  for (const file of reply.files) {
    const title = titleOf(file.fileName);
    const added = await addFileResource(
      member,
      { title, description: "", language: isSupportedLanguage(member.locale) ? member.locale : "other", type: "other", themes: [], tags: [], visibility: "group", groupSlug: group.slug, isShareable: false },
      { fileName: file.fileName, bytes: file.bytes },
    );
    if (!added.ok) {
      for (const id of ids) await deleteResource(member, id);
      return { ok: false, error: added.error };
    }
    ids.push(added.value.id);
    links.push(`- [${title.replace(/[[\]]/g, "")}](${linkBaseUrl()}/library/${added.value.id})`);
  }
  return { ok: true, links, ids };
}

export const threadReplies: ReplyHandler = {
  needsContentInMail: true,
  async handle(member: ReplyMember, objectId: string, reply: InboundReply): Promise<ReplyOutcome> {
    if (reply.attachmentCount > 0 && !reply.attachmentsToLibrary) return { ok: false, error: "mail:refusals.attachments" };
    if (!reply.text && reply.attachmentCount === 0) return { ok: false, error: "mail:refusals.empty" };
    const target = await threadAndParent(objectId);
    if (!target) return { ok: false, error: "discussions:errors.noSuchThread" };
    // Already posted from this message (a retry after a failure): its files are in the library already too.
    if (await postMadeWith(member.id, idempotencyKeyOf(reply.key))) return { ok: true };
    let body = reply.text;
    let added: string[] = [];
    if (reply.attachmentCount > 0) {
      const { translatorFor } = await import("~/infra/i18n.server");
      const t = await translatorFor(isSupportedLanguage(member.locale) ? member.locale : "en");
      const stored = await toLibrary(member, target.threadId, reply, t("mail:reply.attached"));
      if (!stored.ok) return stored;
      added = stored.ids;
      body = [reply.text, stored.links.join("\n")].filter(Boolean).join("\n\n");
    }
    // Keyed by the message: delivered again after a failure, it answers with the post already made.
    const result = await replyToThread(member, { threadId: target.threadId, parentId: target.parentId, body, idempotencyKey: reply.key });
    if (!result.ok) for (const id of added) await deleteResource(member, id);
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  },
};
