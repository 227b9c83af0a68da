// A thread as members read it: the opening post, top-level replies with one level of nested
// replies, pages, moderation, and the reply form. Plain forms, rendered on the server; the live
// island (app/islands/live/thread.ts) announces new replies from others ("n new replies")
// instead of moving the page, shows who is typing, and catches up after a reconnect.
// Used by the space thread routes and by other features' subject threads (see discussions.server).
import { useTranslation } from "react-i18next";
import { Form, useSearchParams } from "react-router";
import { Link } from "~/ui/link";
import type { PostView } from "~/domain/discussion-types";
import { spaceKey } from "~/domain/discussion-types";
import type { ThreadActionData, ThreadPageData } from "~/web/discussions.server";
import { FormAlert } from "../forms";
import { liveStrings } from "../live-strings";
import { LocalTime } from "../time";
import { BodyField } from "./body-field";

export function ThreadView({
  page,
  actionData,
  backLink,
  embedded = false,
}: {
  page: ThreadPageData;
  actionData?: ThreadActionData;
  backLink?: { href: string; label: string };
  /** Inside another page (a library resource's reflections): that page owns the title. */
  embedded?: boolean;
}) {
  const { t, i18n } = useTranslation("discussions");
  const { thread } = page;
  const [params] = useSearchParams();

  const replyTo = params.get("replyTo");
  const editing = params.get("edit");
  const allPosts = [...(page.opening ? [page.opening] : []), ...page.branches.flatMap((b) => [b.post, ...b.replies])];
  const replyTarget = replyTo ? allPosts.find((p) => p.id === replyTo && p.seq > 0) : undefined;
  const language = i18n.language === "fr" ? "fr" : "en";
  const defaultLanguage = page.viewerLanguage ?? language;
  const replyErrors = actionData?.intent === "reply" ? actionData : undefined;
  const pageHref = (n: number) => `${page.path}${n > 1 ? `?page=${n}` : ""}`;
  const replyHref = (postId: string) => `${page.path}?${new URLSearchParams({ ...(page.page > 1 ? { page: String(page.page) } : {}), replyTo: postId })}#reply`;
  const editHref = (postId: string) => `${page.path}?${new URLSearchParams({ ...(page.page > 1 ? { page: String(page.page) } : {}), edit: postId })}#post-${postId}`;

  const postProps = { page, editing, replyHref, editHref, actionData, firstUnreadSeq: page.firstUnreadSeq, language: defaultLanguage };

  return (
    <article
      className="thread"
      aria-labelledby={embedded ? undefined : "thread-title"}
      data-live="offline"
      data-live-thread={thread.id}
      data-space={spaceKey(thread.groupId)}
      data-viewer={page.viewerId}
      data-after-seq={thread.lastSeq}
      data-unread={page.unreadNotifications}
      data-last-page={page.page < page.pageCount ? pageHref(page.pageCount) : ""}
      data-strings={liveStrings(i18n, { newReplies: "discussions:live.newReplies", changed: "discussions:live.changed", typing: "discussions:live.typing" })}
    >
      {embedded ? (
        page.canModerate ? <ModerationBar page={page} /> : null
      ) : (
      <header className="page-header">
        {backLink ? (
          <p className="small">
            <Link to={backLink.href}>← {backLink.label}</Link>
          </p>
        ) : null}
        <h1 id="thread-title" lang={thread.language}>
          {thread.title}
          {thread.isPinned ? <span className="tag">{t("thread.pinned")}</span> : null}
          {thread.isLocked ? <span className="tag tag--muted">{t("thread.locked")}</span> : null}
          {thread.isHidden ? <span className="tag tag--muted">{t("thread.hidden")}</span> : null}
        </h1>
        <p className="muted small">
          {t("thread.replies", { count: thread.replyCount })} · <span className="tag tag--muted">{t(`language.${thread.language === "fr" ? "fr" : "en"}`)}</span>
        </p>
        {page.canModerate ? <ModerationBar page={page} /> : null}
      </header>
      )}

      {actionData?.error && (actionData.intent !== "reply" || !page.canReply) ? <FormAlert focus message={actionData.error} /> : null}

      {page.opening ? <PostItem post={page.opening} {...postProps} /> : null}

      {page.pageCount > 1 ? <Pager page={page.page} count={page.pageCount} href={pageHref} /> : null}

      <ol className="thread__replies" aria-label={t("thread.repliesLabel")}>
        {page.branches.map((branch) => (
          <li key={branch.post.id}>
            <PostItem post={branch.post} {...postProps} />
            {branch.replies.length > 0 ? (
              <ol className="thread__nested">
                {branch.replies.map((reply) => (
                  <li key={reply.id}>
                    <PostItem post={reply} {...postProps} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>

      {page.pageCount > 1 ? <Pager page={page.page} count={page.pageCount} href={pageHref} /> : null}

      <div className="thread__live" aria-live="polite" data-live-region />

      {page.canReply ? (
        <section className="panel" aria-labelledby="reply-heading" id="reply">
          <h2 id="reply-heading">{replyTarget ? t("reply.toPost", { name: replyTarget.author.displayName }) : t("reply.heading")}</h2>
          {replyErrors?.error ? <FormAlert focus message={replyErrors.error} /> : null}
          <Form method="post" className="stack" preventScrollReset>
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="idempotencyKey" value={page.formKey} />
            {replyTarget ? <input type="hidden" name="parentId" value={replyTarget.id} /> : null}
            <BodyField
              id="reply-body"
              key={`reply-${thread.lastSeq}`}
              label={t("reply.body")}
              defaultValue={replyErrors?.values.body}
              error={replyErrors?.fieldErrors.body}
              language={replyErrors?.values.language || defaultLanguage}
            />
            <div className="row">
              <button type="submit" className="button button--primary">{t("reply.submit")}</button>
              {replyTarget ? <Link to={pageHref(page.page)}>{t("reply.cancel")}</Link> : null}
            </div>
          </Form>
        </section>
      ) : (
        <p className="callout">{thread.isLocked ? t("reply.lockedNote") : t("reply.readOnlyNote")}</p>
      )}
    </article>
  );
}

function Pager({ page, count, href }: { page: number; count: number; href: (n: number) => string }) {
  const { t } = useTranslation("discussions");
  const shown = [...new Set([1, page - 1, page, page + 1, count])].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
  return (
    <nav className="pager" aria-label={t("thread.pages")}>
      {page > 1 ? <Link to={href(page - 1)} rel="prev">{t("thread.previous")}</Link> : null}
      {shown.map((n) => (n === page ? <span key={n} aria-current="page" className="pager__current">{n}</span> : <Link key={n} to={href(n)}>{n}</Link>))}
      {page < count ? <Link to={href(page + 1)} rel="next">{t("thread.next")}</Link> : null}
    </nav>
  );
}

function ModerationBar({ page }: { page: ThreadPageData }) {
  const { t } = useTranslation("discussions");
  const { thread } = page;
  const toggles = [
    { on: thread.isPinned, intent: thread.isPinned ? "unpin" : "pin" },
    { on: thread.isLocked, intent: thread.isLocked ? "unlock" : "lock" },
    { on: thread.isHidden, intent: thread.isHidden ? "show-thread" : "hide-thread" },
  ];
  return (
    <div className="row moderation" role="group" aria-label={t("moderation.label")}>
      {toggles.map((toggle) => (
        <Form method="post" key={toggle.intent} className="inline-form">
          <input type="hidden" name="intent" value={toggle.intent} />
          <button type="submit" className="button button--quiet">{t(`moderation.${toggle.intent}`)}</button>
        </Form>
      ))}
    </div>
  );
}

function PostItem({
  post,
  page,
  editing,
  replyHref,
  editHref,
  actionData,
  firstUnreadSeq,
  language,
}: {
  post: PostView;
  page: ThreadPageData;
  editing: string | null;
  replyHref: (id: string) => string;
  editHref: (id: string) => string;
  actionData?: ThreadActionData;
  firstUnreadSeq: number | null;
  language: string;
}) {
  const { t } = useTranslation("discussions");
  const isEditing = editing === post.id && post.isOwn && post.state === "visible" && page.canReply;
  const editErrors = actionData?.intent === "edit" && actionData.values.postId === post.id ? actionData : undefined;
  const isNew = firstUnreadSeq !== null && post.seq >= firstUnreadSeq && !post.isOwn;
  return (
    // Focusable (not in the Tab order): after a reply the page opens at #post-…, and focus lands
    // on the new post itself, where a keyboard or screen-reader user continues.
    <div className={`post${isNew ? " post--unread" : ""}${post.seq === 0 ? " post--opening" : ""}`} id={`post-${post.id}`} tabIndex={-1}>
      {firstUnreadSeq !== null && post.seq === firstUnreadSeq ? <p className="unread-divider">{t("thread.newSinceVisit")}</p> : null}
      <p className="post__meta small">
        <strong>{post.author.displayName || t("common:formerMember")}</strong>
        {post.author.isResting ? <span className="tag tag--rest" title={t("rest.explain")}>{t("rest.mark")}</span> : null}
        {" · "}
        <a href={`#post-${post.id}`} className="muted"><LocalTime value={post.createdAt} /></a>
        {post.replyingTo ? (
          <>
            {" · "}
            <a href={`#post-${post.replyingTo.postId}`}>{t("post.replyingTo", { name: post.replyingTo.authorName })}</a>
          </>
        ) : null}
        {post.editedAt ? <span className="muted"> · {t("post.edited")}</span> : null}
        {post.state === "visible" ? <span className="tag tag--muted" lang={post.language}>{post.language.toUpperCase()}</span> : null}
        {isNew ? <span className="tag">{t("post.new")}</span> : null}
      </p>
      {post.state === "deleted" ? (
        <p className="post__tombstone muted">{t("post.deleted")}</p>
      ) : post.state === "hidden" ? (
        <>
          <p className="post__tombstone muted">{t("post.hidden")}</p>
          {post.moderatorHtml ? (
            <details className="small">
              <summary>{t("moderation.showHidden")}</summary>
              <div className="post__body" lang={post.language} dangerouslySetInnerHTML={{ __html: post.moderatorHtml }} />
            </details>
          ) : null}
        </>
      ) : isEditing ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="postId" value={post.id} />
          {editErrors?.error ? <FormAlert focus message={editErrors.error} /> : null}
          <BodyField id={`edit-${post.id}`} label={t("post.editBody")} defaultValue={editErrors?.values.body ?? post.source ?? ""} error={editErrors?.fieldErrors.body} language={post.language || language} />
          <div className="row">
            <button type="submit" className="button button--primary">{t("post.save")}</button>
            <Link to={`${page.path}${page.page > 1 ? `?page=${page.page}` : ""}#post-${post.id}`}>{t("post.cancel")}</Link>
          </div>
        </Form>
      ) : (
        <div className="post__body" lang={post.language} dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
      )}
      {post.revisions.length > 0 ? (
        <details className="small post__history">
          <summary>{t("moderation.history", { count: post.revisions.length })}</summary>
          <ol>
            {post.revisions.map((revision) => (
              <li key={revision.id}>
                <p className="muted">{t("moderation.replacedAt")} <LocalTime value={revision.replacedAt} /></p>
                <div className="post__body" dangerouslySetInnerHTML={{ __html: revision.html }} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {!isEditing ? (
        <div className="post__actions row small">
          {page.canReply && post.seq > 0 && post.state !== "deleted" ? <Link to={replyHref(post.id)}>{t("post.reply")}</Link> : null}
          {post.isOwn && post.state === "visible" && page.canReply ? <Link to={editHref(post.id)}>{t("post.edit")}</Link> : null}
          {post.isOwn && post.state !== "deleted" ? (
            <details className="post__confirm">
              <summary>{t("post.delete")}</summary>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className="button button--danger">{t("post.confirmDelete")}</button>
              </Form>
            </details>
          ) : null}
          {page.canModerate && post.state !== "deleted" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value={post.state === "hidden" ? "show-post" : "hide-post"} />
              <input type="hidden" name="postId" value={post.id} />
              <button type="submit" className="button button--quiet">{t(post.state === "hidden" ? "moderation.showPost" : "moderation.hidePost")}</button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
