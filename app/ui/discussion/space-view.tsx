// A space's threads (the community, or a working group's): unread marks per thread and per
// space, and the new-thread form, rendered on the server. The live island
// (app/islands/live/space.ts) adds marks as replies arrive and a "new activity" notice instead
// of reordering under the reader.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Link } from "~/ui/link";
import { spaceKey } from "~/domain/discussion-types";
import type { SpaceData, ThreadActionData } from "~/web/discussions.server";
import { Field, FormAlert } from "../forms";
import { liveStrings } from "../live-strings";
import { LocalTime } from "../time";
import { BodyField } from "./body-field";

export interface SpaceLink {
  key: string;
  href: string;
  name: string;
}

export function SpaceView({ space, actionData, spaces, headingId = "threads-heading" }: { space: SpaceData; actionData?: ThreadActionData; spaces: SpaceLink[]; headingId?: string }) {
  const { t, i18n } = useTranslation("discussions");
  const key = spaceKey(space.groupId);
  const newErrors = actionData?.intent === "new-thread" ? actionData : undefined;
  const language = space.viewerLanguage ?? (i18n.language === "fr" ? "fr" : "en");

  return (
    <div
      className="space"
      data-live="offline"
      data-live-space={key}
      data-viewer={space.viewerId}
      data-strings={liveStrings(i18n, {
        unreadPosts: "discussions:space.unreadPosts",
        unreadThreads: "discussions:space.unreadThreads",
        newThreads: "discussions:live.newThreads",
        newActivity: "discussions:live.newActivity",
      })}
    >
      <nav className="spaces" aria-label={t("space.spacesLabel")}>
        <ul className="plain-list spaces__list">
          {spaces.map((link) => {
            const count = space.unreadBySpace[link.key] ?? 0;
            return (
              <li key={link.key} data-space-link={link.key}>
                <Link to={link.href} aria-current={link.key === key ? "page" : undefined}>
                  {link.name}
                </Link>
                {count > 0 ? <span className="badge" data-testid={`space-unread-${link.key}`} data-count={count}>{t("space.unreadThreads", { count })}</span> : null}
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby={headingId}>
        <div className="row">
          <h2 id={headingId}>{t("space.threads")}</h2>
          {space.threads.some((thread) => thread.unread > 0) ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="mark-all-read" />
              <button type="submit" className="button button--quiet">{t("space.markAllRead")}</button>
            </Form>
          ) : null}
        </div>
        <div aria-live="polite" data-live-region />
        {space.threads.length === 0 ? (
          <p className="empty-state">{t("space.empty")}</p>
        ) : (
          <ul className="thread-list">
            {space.threads.map((thread) => {
              const unread = thread.unread;
              return (
                <li key={thread.id} className={`thread-row${unread > 0 ? " thread-row--unread" : ""}`} data-thread-row={thread.id}>
                  <Link to={thread.href} className="thread-row__title" lang={thread.language}>
                    {thread.title}
                  </Link>
                  {thread.isPinned ? <span className="tag">{t("thread.pinned")}</span> : null}
                  {thread.isLocked ? <span className="tag tag--muted">{t("thread.locked")}</span> : null}
                  {thread.isHidden ? <span className="tag tag--muted">{t("thread.hidden")}</span> : null}
                  {unread > 0 ? <span className="badge" data-testid={`thread-unread-${thread.id}`} data-count={unread}>{t("space.unreadPosts", { count: unread })}</span> : null}
                  <p className="muted small">
                    {thread.author.displayName || t("common:formerMember")}
                    {thread.author.isResting ? <span className="tag tag--rest">{t("rest.mark")}</span> : null}
                    {" · "}
                    {t("thread.replies", { count: thread.replyCount })} · {t("space.lastActivity")} <LocalTime value={thread.lastPostAt} />
                    {" · "}
                    <span lang={thread.language}>{thread.language.toUpperCase()}</span>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        {space.pageCount > 1 ? (
          <nav className="pager" aria-label={t("thread.pages")}>
            {space.page > 1 ? <Link to={`?page=${space.page - 1}`}>{t("thread.previous")}</Link> : null}
            <span className="pager__current">{t("space.pageOf", { page: space.page, count: space.pageCount })}</span>
            {space.page < space.pageCount ? <Link to={`?page=${space.page + 1}`}>{t("thread.next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      {space.canPost ? (
        <section className="panel" aria-labelledby="new-thread-heading" id="new-thread">
          <h2 id="new-thread-heading">{t("compose.newThread")}</h2>
          {newErrors?.error ? <FormAlert focus message={newErrors.error} /> : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="new-thread" />
            <input type="hidden" name="idempotencyKey" value={space.formKey} />
            <Field name="title" label={t("compose.title")} defaultValue={newErrors?.values.title} error={newErrors?.fieldErrors.title} required maxLength={200} />
            <BodyField id="new-thread-body" label={t("compose.body")} defaultValue={newErrors?.values.body} error={newErrors?.fieldErrors.body} language={newErrors?.values.language || language} />
            <button type="submit" className="button button--primary">{t("compose.start")}</button>
          </Form>
        </section>
      ) : (
        <p className="callout">{t("space.readOnlyNote")}</p>
      )}
    </div>
  );
}
