// Mailing-list mode (a member setting, off by default, and only with message text in mail):
// every new post in the spaces a member follows arrives as its own mail, threaded for mail
// clients with Message-ID / In-Reply-To / References made from the post ids, so replies by
// email (the Reply-To names the post) land under the right post. Each recipient is asked the
// notifications policy, as every surface is; resting members and quiet hours get no list mail
// (their digest or the thread itself tells them later).
import { db } from "~/infra/db.server";
import { linkBaseUrl } from "~/infra/env.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { ownMessageId, replyDomain } from "~/infra/mail.server";
import { issueReplyAddress, mayReplyByMail } from "./mail-in/tokens.server";
import { isQuietNow, isRestingNow, mailMember } from "./notifications.server";
import * as notificationPolicy from "./policies/notifications";
import { threadHref, threadWithFacts } from "./thread-facts.server";

async function translatorFor(language: Language) {
  const { translatorFor: load } = await import("~/infra/i18n.server");
  return load(language);
}

/** The stable Message-ID of a post's list mail. */
export function postMessageId(postId: string): string {
  return ownMessageId(`post.${postId}`);
}

/** Mails a new post to every member in mailing-list mode who may read it. */
export async function mailPostToList(postId: string, now = new Date()): Promise<number> {
  const post = await db().post.findUnique({ where: { id: postId }, select: { id: true, threadId: true, seq: true, authorId: true, parentId: true, branchId: true, bodySource: true, deletedAt: true, hiddenAt: true } });
  if (!post || post.deletedAt || post.hiddenAt) return 0;
  const thread = await threadWithFacts(post.threadId);
  if (!thread) return 0;
  const rows = await db().notificationSetting.findMany({ where: { mailingList: true, includeContent: true, email: { not: null }, emailMode: { not: "none" }, userId: { not: post.authorId } } });
  if (rows.length === 0) return 0;
  const users = await db().user.findMany({
    where: { id: { in: rows.map((row) => row.userId) }, deactivatedAt: null },
    select: { id: true, locale: true, timeZone: true, role: true, memberships: { select: { groupId: true, role: true } } },
  });
  const userById = new Map(users.map((user) => [user.id, user]));
  const [author, opening, group] = await Promise.all([
    db().user.findUnique({ where: { id: post.authorId }, select: { displayName: true } }),
    db().post.findFirst({ where: { threadId: post.threadId, seq: 0 }, select: { id: true } }),
    thread.groupId ? db().workingGroup.findUnique({ where: { id: thread.groupId }, select: { slug: true, nameEn: true, nameFr: true } }) : null,
  ]);
  // Threading: the opening post starts the thread; a reply answers its parent, under its branch.
  const chain = [...new Set([opening?.id, post.branchId, post.parentId].filter((id): id is string => Boolean(id) && id !== post.id))];
  const threading = post.seq === 0 || chain.length === 0 ? {} : { inReplyTo: postMessageId(post.parentId ?? chain.at(-1)!), references: chain.map(postMessageId) };
  const link = `${linkBaseUrl()}${await threadHref(thread)}#post-${post.id}`;
  let sent = 0;
  for (const row of rows) {
    const user = userById.get(row.userId);
    if (!user || !notificationPolicy.allowMailingList(user, thread.facts)) continue;
    if (isRestingNow(row.restUntil, now) || isQuietNow(row, user.timeZone, now)) continue;
    const language: Language = isSupportedLanguage(user.locale) ? user.locale : "en";
    const t = await translatorFor(language);
    const space = group ? (language === "fr" ? group.nameFr : group.nameEn) : t("discussions:space.community");
    const replyTo = mayReplyByMail(row) ? await issueReplyAddress(row.userId, "post", post.id, now) : undefined;
    await mailMember(
      { userId: row.userId, email: row.email!, language, includeContent: true, preferenceToken: row.preferenceToken },
      `${post.seq === 0 ? "" : "Re: "}[${space}] ${thread.title}`,
      [`${author?.displayName ?? ""}:`, "", post.bodySource, "", link],
      {
        messageId: postMessageId(post.id),
        ...threading,
        ...(replyTo ? { replyTo } : {}),
        headers: { "List-Id": `<${group?.slug ?? "community"}.${replyDomain()}>`, Precedence: "list" },
      },
      t("mail:list.footer"),
    );
    sent++;
  }
  return sent;
}
