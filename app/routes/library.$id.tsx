import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.$id";
import { orNotFound, requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { EXTENSION_FOR } from "~/infra/file-type";
import { formatBytes } from "~/domain/library";
import {
  addToCollection, collectionsForResource, createShareLink, deleteResource, getResource, learningQuestions,
  linkToQuestion, listShareLinks, questionLinksOf, revokeShareLink, unlinkQuestion,
} from "~/domain/library.server";
import { ensureSubjectThread } from "~/domain/discussions.server";
import { handleThreadAction, loadThreadPage } from "~/web/discussions.server";
import { can } from "~/domain/permissions";
import { ThreadView } from "~/ui/discussion/thread-view";
import { FormAlert, text } from "~/ui/forms";
import * as libraryPolicy from "~/domain/policies/library";
import { refuse, type Refusal } from "~/domain/result";
import { libraryMeta } from "~/ui/library/meta";
import { ResourceTagLinks } from "~/ui/library/resource-summary";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { env } from "~/infra/env.server";
import { isPinned, pinResource } from "~/domain/offline-pack.server";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.read");
  const resource = orNotFound(await getResource(user, params.id));
  const language = user.locale === "fr" ? "fr" : "en";
  const [groups, questions, questionLinks, collections] = await Promise.all([
    listGroupNames(),
    learningQuestions(language),
    questionLinksOf(resource.id),
    collectionsForResource(user, resource.id),
  ]);
  const isManager = libraryPolicy.allow(user, "manage", resource);
  // Reflections: the discussion component, on a thread that belongs to this resource and is only
  // reached through this page (getResource above already checked who may open it).
  const reflections = await loadThreadPage(request, (await reflectionThread(resource)).threadId, new URL(request.url), reflectionSubject(resource.id));
  return {
    reflections,
    resource,
    groups,
    questions: questions.map((g) => ({ ...g, canCurate: can(user, "library.curate", { groupId: g.id }) })),
    questionLinks,
    collections,
    isManager,
    shareLinks: isManager && resource.isShareable ? await listShareLinks(resource.id) : [],
    pinned: await isPinned(user.id, resource.id),
  };
}

const LIBRARY_INTENTS = new Set(["delete", "share", "revoke-share", "link-question", "unlink-question", "collect", "pack-pin", "pack-unpin"]);

function reflectionSubject(resourceId: string) {
  return { subjectType: "resource", subjectId: resourceId };
}

/** Who may reflect follows who may read: everyone for a community resource, else its group. */
function reflectionThread(resource: { id: string; title: string; groupId: string | null; visibility: string }) {
  const groupId = resource.visibility === "community" ? null : resource.groupId;
  return ensureSubjectThread({ ...reflectionSubject(resource.id), title: resource.title, groupId });
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "library.read");
  const resource = orNotFound(await getResource(user, params.id));
  const form = await request.clone().formData();
  const intent = text(form, "intent");
  if (!LIBRARY_INTENTS.has(intent)) {
    return handleThreadAction(request, (await reflectionThread(resource)).threadId, reflectionSubject(resource.id));
  }
  const done = (extra: Record<string, unknown> = {}) => data({ intent, error: null as string | null, ...extra });
  const failed = (refusal: Refusal) => data({ intent, error: refusal.error }, { status: refusal.status });
  switch (intent) {
    case "delete": {
      const result = await deleteResource(user, resource.id);
      if (!result.ok) return failed(result);
      throw redirect("/library?deleted=1", { status: 303 });
    }
    case "share": {
      const result = await createShareLink(user, resource.id);
      if (!result.ok) return failed(result);
      const origin = env().PUBLIC_URL ?? new URL(request.url).origin;
      return done({ shareUrl: `${origin}/share/${result.value.token}` });
    }
    case "revoke-share": {
      const result = await revokeShareLink(user, text(form, "linkId"));
      return result.ok ? done() : failed(result);
    }
    case "link-question":
    case "unlink-question": {
      const [groupId, number] = text(form, "question").split(":");
      const fn = intent === "link-question" ? linkToQuestion : unlinkQuestion;
      const result = await fn(user, resource.id, groupId ?? "", Number(number));
      return result.ok ? done() : failed(result);
    }
    case "collect": {
      const result = await addToCollection(user, text(form, "collectionId"), resource.id);
      return result.ok ? done() : failed(result);
    }
    // Not "pin": that intent pins the reflections thread (moderation), handled with the thread's.
    case "pack-pin":
    case "pack-unpin": {
      const result = await pinResource(user, resource.id, intent === "pack-pin");
      return result.ok ? done() : failed(result);
    }
    default:
      return failed(refuse.invalid("common:errors.invalidValue"));
  }
}

export default function ResourcePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const { resource, questions, questionLinks, collections, isManager, shareLinks } = loaderData;
  const groupName = (slugOrId: string) => {
    const group = loaderData.groups.find((g) => g.slug === slugOrId || g.id === slugOrId);
    return group ? (i18n.language === "fr" ? group.nameFr : group.nameEn) : "";
  };
  const linkedKeys = new Set(questionLinks.map((l) => `${l.groupId}:${l.questionNumber}`));
  const linkable = questions.filter((g) => g.canCurate).flatMap((g) => g.questions.map((q, i) => ({ key: `${g.id}:${i + 1}`, label: t("questions.option", { group: g.name, number: i + 1, question: q }) }))).filter((o) => !linkedKeys.has(o.key));
  const shareUrl = actionData && "shareUrl" in actionData ? (actionData.shareUrl as string) : null;
  const extension = resource.fileMime ? (EXTENSION_FOR[resource.fileMime] ?? "").toUpperCase() : "";

  return (
    <>
      <p><Link to="/library">{t("actions.back")}</Link></p>
      <PageHeader title={resource.title}>
        <p className="muted">
          {t(`types.${resource.type}`)} · {t(`languages.${resource.language}`)} · {t("summary.addedBy", { name: resource.addedBy.displayName || t("common:formerMember") })},{" "}
          <LocalTime value={resource.createdAt} options={{ dateStyle: "long" }} />
        </p>
      </PageHeader>
      <FormAlert focus message={actionData?.error} />

      <section className="panel library-resource" aria-labelledby="resource-about">
        <h2 id="resource-about" className="visually-hidden">{t("resource.about")}</h2>
        {resource.description ? <p className="library-resource__description" lang={resource.language === "other" ? undefined : resource.language}>{resource.description}</p> : null}
        <p>
          <ResourceTagLinks themes={resource.themes} tags={resource.tags} groupName={groupName} />
        </p>
        <p className="muted small">
          {t(`visibility.${resource.visibility}.label`)}
          {resource.groupId ? ` — ${groupName(resource.groupId)}` : ""}
          {resource.isShareable ? ` · ${t("resource.shareable")}` : ""}
        </p>
        {resource.kind === "file" ? (
          <p>
            <a className="button button--primary" href={`/library/${resource.id}/file`} download={resource.fileName || undefined}>
              {t("resource.download", { type: extension, size: formatBytes(resource.fileSize ?? 0, i18n.language) })}
            </a>
          </p>
        ) : (
          <p>
            <a className="button button--primary" href={resource.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">{t("resource.openLink")}</a>
            <span className="muted small library-url"> {resource.url}</span>
          </p>
        )}
        {resource.kind === "file" ? (
          resource.uncleaned.length ? (
            <div className="callout">
              <h3>{t("uncleaned.heading")}</h3>
              <ul>{resource.uncleaned.map((key) => <li key={key}>{t(`uncleaned.${key}`)}</li>)}</ul>
            </div>
          ) : (
            <p className="muted small">{t("uncleaned.none")}</p>
          )
        ) : null}
      </section>

      <section className="panel" aria-labelledby="reflections-heading">
        <h2 id="reflections-heading">{t("reflections.heading")}</h2>
        <p className="muted">{t("reflections.explain")}</p>
        <ThreadView embedded page={loaderData.reflections} actionData={actionData && "fieldErrors" in actionData ? (actionData as never) : undefined} />
      </section>

      <section className="panel" aria-labelledby="resource-questions">
        <h2 id="resource-questions">{t("questions.heading")}</h2>
        {questionLinks.length === 0 ? <p className="muted">{t("questions.none")}</p> : (
          <ul className="plain-list">
            {questionLinks.map((link) => {
              const group = questions.find((g) => g.id === link.groupId);
              return (
                <li key={`${link.groupId}:${link.questionNumber}`} className="row">
                  <span>
                    <strong>{t("questions.informs", { group: group?.name ?? "", number: link.questionNumber })}</strong>{" "}
                    <span className="muted">{group?.questions[link.questionNumber - 1] ?? ""}</span>
                  </span>
                  {group?.canCurate ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="unlink-question" />
                      <input type="hidden" name="question" value={`${link.groupId}:${link.questionNumber}`} />
                      <button type="submit" className="button button--quiet button--danger">{t("questions.unlink")}</button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {linkable.length ? (
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="link-question" />
            <div className="field">
              <label htmlFor="resource-question">{t("questions.label")}</label>
              <select id="resource-question" name="question">
                {linkable.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
              </select>
            </div>
            <button type="submit" className="button">{t("questions.link")}</button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="resource-pin">
        <h2 id="resource-pin">{t("pack:pin.heading")}</h2>
        <p className="muted">{t(loaderData.pinned ? "pack:pin.pinned" : "pack:pin.explain")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={loaderData.pinned ? "pack-unpin" : "pack-pin"} />
          <button type="submit" className="button">{t(loaderData.pinned ? "pack:pin.unpin" : "pack:pin.pin")}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="resource-collections">
        <h2 id="resource-collections">{t("collections.title")}</h2>
        {collections.containing.length === 0 ? <p className="muted">{t("collections.notIn")}</p> : (
          <ul>
            {collections.containing.map((c) => <li key={c.id}><Link to={`/library/collections/${c.id}`}>{c.title}</Link> <span className="muted small">({groupName(c.groupId)})</span></li>)}
          </ul>
        )}
        {collections.addable.length ? (
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="collect" />
            <div className="field">
              <label htmlFor="resource-collection">{t("collections.addTo")}</label>
              <select id="resource-collection" name="collectionId">
                {collections.addable.map((c) => <option key={c.id} value={c.id}>{c.title} ({groupName(c.groupId)})</option>)}
              </select>
            </div>
            <button type="submit" className="button">{t("collections.add")}</button>
          </Form>
        ) : null}
      </section>

      {isManager ? (
        <section className="panel" aria-labelledby="resource-manage">
          <h2 id="resource-manage">{t("manage.heading")}</h2>
          <p><Link className="button" to={`/library/${resource.id}/edit`}>{t("manage.edit")}</Link></p>
          {resource.isShareable ? (
            <>
              <h3>{t("share.heading")}</h3>
              <p className="muted small">{t("share.explain")}</p>
              {shareUrl ? (
                <div className="alert alert--success" role="status">
                  <p>{t("share.created")}</p>
                  <p className="copyable">{shareUrl}</p>
                </div>
              ) : null}
              {shareLinks.length ? (
                <ul className="plain-list">
                  {shareLinks.map((link) => (
                    <li key={link.id} className="row">
                      <span>
                        {t("share.createdAt")} <LocalTime value={link.createdAt} />
                        {link.revokedAt ? <> · <span className="muted">{t("share.revokedAt")} <LocalTime value={link.revokedAt} /></span></> : <span className="tag">{t("share.active")}</span>}
                      </span>
                      {!link.revokedAt ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="revoke-share" />
                          <input type="hidden" name="linkId" value={link.id} />
                          <button type="submit" className="button button--danger">{t("share.revoke")}</button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="share" />
                <button type="submit" className="button">{t("share.create")}</button>
              </Form>
            </>
          ) : <p className="muted small">{t("share.notShareable")}</p>}
          <h3>{t("manage.deleteHeading")}</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button--danger">{t("manage.delete")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => libraryMeta(matches, "title", data?.resource.title);
