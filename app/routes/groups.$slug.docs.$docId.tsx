// One co-edited document of a working group: the live editor for its members, the
// server-rendered text for everyone else (and without JavaScript), the plan actions (finalise,
// submit, outcome form), named versions and comments.
import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/ui/link";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug.docs.$docId";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { addComment, caretColour, documentIdForPage, parseDocumentId, readDocumentPage, resolveComment, saveVersion } from "~/domain/documents.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { finaliseLearningQuestions, reopenLearningQuestions } from "~/domain/learning-questions.server";
import { formatCents, MAX_QUESTIONS, MIN_QUESTIONS, OUTCOME_FORMS } from "~/domain/plans";
import type { Refusal } from "~/domain/result";
import { linesWithExpenses } from "~/domain/plan-items.server";
import { markNoticesAboutRead } from "~/domain/work-notices.server";
import { setOutcomeForm, startPlanDocument, submitWorkplan, workplanChangedSinceApproval, workplanOverview, workplanSmartCheck } from "~/domain/workplans.server";
import { translatorFor } from "~/infra/i18n.server";
import { CollaborativeEditor, ServerText } from "~/ui/editor/collaborative-editor";
import { SmartReport } from "~/ui/smart-report";
import { FormAlert, text } from "~/ui/forms";
import { LiveRefreshNotice } from "~/ui/live-notice";
import { learningQuestionsStatus } from "~/domain/learning-questions";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

async function loadContext(request: Request, params: { slug: string; docId: string }) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const documentId = orNotFound(await documentIdForPage(group, params.docId));
  return { user, group, documentId, kind: parseDocumentId(documentId)!.kind };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, group, documentId, kind } = await loadContext(request, params);
  let page = await readDocumentPage(user, documentId);
  if (!page.ok) throw data(null, { status: page.status });
  const t = await translatorFor(user.locale === "fr" ? "fr" : "en");
  // A core document opened for the first time by someone who can write it gets its headings in
  // both languages, the reader's first (everyone reads them, whoever opened it first); afterwards
  // they are ordinary text.
  if (page.value.access === "edit" && (kind === "workplan" || kind === "learning-questions")) {
    const [first, second] = await Promise.all(
      (user.locale === "fr" ? (["fr", "en"] as const) : (["en", "fr"] as const)).map((language) => translatorFor(language)),
    );
    const both = (key: string) => `${first(key)} / ${second(key)}`;
    const started = await startPlanDocument(user, group, kind, {
      workplan: {
        objectives: both("documents:templates.workplan.objectives"),
        steps: both("documents:templates.workplan.steps"),
        timeline: both("documents:templates.workplan.timeline"),
        results: both("documents:templates.workplan.results"),
        support: both("documents:templates.workplan.support"),
      },
      questionsIntro: both("documents:templates.questions.intro"),
    });
    if (started.ok && started.value) page = await readDocumentPage(user, documentId);
    if (!page.ok) throw data(null, { status: page.status });
  }
  const { access, can, title, html, anchors, comments } = page.value;
  const overview = await workplanOverview(group.id);
  const smart = kind === "workplan" ? await workplanSmartCheck(group.slug) : null;
  const changedSinceApproval = kind === "workplan" ? await workplanChangedSinceApproval(group) : null;
  const expensesByLine = kind === "workplan" && access === "edit" ? await linesWithExpenses(user, group) : {};
  // MEL's answer links here: reading the workplan reads the notices about it.
  const unreadAfterMarking = kind === "workplan" ? await markNoticesAboutRead(user.id, "workplan", [group.id]) : null;
  return {
    // The shell shows this count: its own was read before this page marked its notices.
    unreadNotifications: unreadAfterMarking,
    expensesByLine,
    changedSinceApproval,
    group: { id: group.id, slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr },
    members: [...group.leads, ...group.members],
    documentId,
    docParam: params.docId,
    kind,
    freeTitle: title,
    pageTitle: title ?? t(`documents:kinds.${kind}`),
    canEdit: access === "edit",
    canComment: can.comment,
    canFinalise: can.finalise,
    canSubmit: can.submit,
    me: { id: user.id, name: user.displayName, color: caretColour(user.id) },
    html,
    anchors,
    comments,
    overview: { ...overview, lines: overview.lines.map((l) => ({ ...l })), milestones: overview.milestones.map((m) => ({ ...m })) },
    smart,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, group, documentId, kind } = await loadContext(request, params);
  const form = await request.formData();
  const intent = text(form, "intent");
  const refused = (refusal: Pick<Refusal, "error" | "status" | "details">, fields: Record<string, string> = {}) =>
    data({ intent, error: refusal.error, values: refusal.details ?? null, fields }, { status: refusal.status });
  const done = (message: string) => data({ intent, error: null, values: null, fields: {}, message });
  const back = () => redirect(`/groups/${group.slug}/docs/${params.docId}#comments`, { status: 303 });

  switch (intent) {
    case "finalise": {
      if (kind !== "learning-questions") break;
      const result = await finaliseLearningQuestions(user, group);
      return result.ok ? done("documents:questions.finalised") : refused(result);
    }
    case "reopen": {
      if (kind !== "learning-questions") break;
      const result = await reopenLearningQuestions(user, group);
      return result.ok ? done("documents:questions.reopened") : refused(result);
    }
    case "submit": {
      if (kind !== "workplan") break;
      const result = await submitWorkplan(user, group, text(form, "versionName") || "");
      return result.ok ? done("documents:workplan.submitted") : refused(result);
    }
    case "outcome-form": {
      if (kind !== "learning-outcome") break;
      const result = await setOutcomeForm(user, group, text(form, "form"));
      return result.ok ? done("documents:outcome.saved") : refused(result);
    }
    case "save-version": {
      const name = text(form, "name");
      const result = await saveVersion(user, documentId, name);
      return result.ok ? done("documents:versions.saved") : refused(result, { name });
    }
    case "comment": {
      const body = text(form, "body");
      const anchor = text(form, "anchor");
      const result = await addComment(user, documentId, { anchor, body });
      return result.ok ? back() : refused(result, { body, anchor });
    }
    case "resolve-comment": {
      const result = await resolveComment(user, documentId, text(form, "commentId"));
      return result.ok ? back() : refused(result);
    }
  }
  return refused({ error: "common:errors.invalidValue", status: 400 });
}

function useDocumentTitle(loaderData: Route.ComponentProps["loaderData"]) {
  const { t } = useTranslation("documents");
  return loaderData.kind === "doc" ? (loaderData.freeTitle ?? "") : t(`kinds.${loaderData.kind}`);
}

export default function DocumentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("documents");
  const language = i18n.language;
  const title = useDocumentTitle(loaderData);
  const { group, overview, kind } = loaderData;
  const questionsStatus = learningQuestionsStatus(overview);
  const base = `/groups/${group.slug}/docs/${loaderData.docParam}`;
  const navigation = useNavigation();
  const isBusy = navigation.state !== "idle";
  const fields = (actionData?.fields ?? {}) as Record<string, string>;
  const [searchParams] = useSearchParams();
  // After a restore (the history page redirects here): say it happened and where the old text is.
  const restored = searchParams.get("restored") === "1" ? "documents:restore.done" : null;
  const message = actionData && "message" in actionData ? (actionData.message as string) : restored;

  return (
    <>
      <PageHeader title={title} lead={localized(group, "name", language)}>
        <p className="row">
          <Link to={`/groups/${group.slug}`}>{t("backToGroup")}</Link>
          <Link to={`${base}/history`}>{t("versions.link")}</Link>
          {kind === "learning-questions" ? <Link to="/learning-questions">{t("questions.copLink")}</Link> : null}
          {kind === "workplan" || kind === "learning-questions" ? <Link to={`${base}/items`}>{t(`plainForms.link.${kind}`)}</Link> : null}
        </p>
        {!loaderData.canEdit ? (
          <p className="muted">
            {kind === "workplan" && overview.status === "submitted"
              ? t("workplan.lockedForReview")
              : kind === "learning-questions" && questionsStatus.isFinalised
                ? t("questions.lockedFinalised")
                : t("readOnly")}
          </p>
        ) : null}
      </PageHeader>

      <FormAlert focus message={actionData?.error} values={actionData?.values ?? undefined} />
      <FormAlert focus message={message} tone="success" />
      {kind === "workplan" ? <LiveRefreshNotice topic={{ event: "workplan:reviewed", groupId: group.id }} message="documents:workplan.reviewedLive" /> : null}
      {kind === "learning-questions" ? <LiveRefreshNotice topic={{ event: "learning-questions:changed", groupId: group.id }} message="documents:questions.changedLive" /> : null}

      {kind === "learning-questions" ? (
        <section className="panel stack" aria-labelledby="questions-status">
          <h2 id="questions-status">{t("questions.statusTitle")}</h2>
          <p>
            <span className="tag" data-testid="questions-status">{t(questionsStatus.label)}</span>
            {questionsStatus.finalisedAt ? <> <LocalTime value={questionsStatus.finalisedAt} /></> : null}
          </p>
          <p className="muted">{t("questions.howTo", { min: MIN_QUESTIONS, max: MAX_QUESTIONS })}</p>
          {loaderData.canFinalise ? (
            <Form method="post">
              {questionsStatus.isFinalised ? (
                <button className="button" name="intent" value="reopen" disabled={isBusy}>{t("questions.reopen")}</button>
              ) : (
                <button className="button button--primary" name="intent" value="finalise" disabled={isBusy}>{t("questions.finalise")}</button>
              )}
            </Form>
          ) : null}
        </section>
      ) : null}

      {kind === "learning-outcome" ? (
        <section className="panel stack" aria-labelledby="outcome-form-heading">
          <h2 id="outcome-form-heading">{t("outcome.formTitle")}</h2>
          {loaderData.canEdit ? (
            <Form method="post" className="row">
              <label htmlFor="outcome-form">{t("outcome.formLabel")}</label>
              <select id="outcome-form" name="form" defaultValue={overview.outcomeForm ?? ""} key={overview.outcomeForm ?? ""}>
                <option value="">{t("outcome.notChosen")}</option>
                {OUTCOME_FORMS.map((form) => (
                  <option key={form} value={form}>{t(`outcome.forms.${form}`)}</option>
                ))}
              </select>
              <button className="button" name="intent" value="outcome-form" disabled={isBusy}>{t("outcome.save")}</button>
            </Form>
          ) : (
            <p>{overview.outcomeForm ? t(`outcome.forms.${overview.outcomeForm}`) : t("outcome.notChosen")}</p>
          )}
        </section>
      ) : null}

      {kind === "workplan" ? (
        <section className="panel stack" aria-labelledby="workplan-status">
          <h2 id="workplan-status">{t("workplan.statusTitle")}</h2>
          <p>
            <span className="tag">{t(`workplan.status.${overview.status}`)}</span>{" "}
            {loaderData.changedSinceApproval ? (
              <>
                <span className="tag tag--changed">{t("workplan.changedSinceApproval")}</span>{" "}
                <Link to={`${base}/history?version=${loaderData.changedSinceApproval.versionId}`}>{t("workplan.seeChanges")}</Link>{" "}
              </>
            ) : null}
            {overview.submittedAt ? (
              <span className="muted">
                {t("workplan.submittedAt")} <LocalTime value={overview.submittedAt} />
              </span>
            ) : null}
          </p>
          {loaderData.canSubmit && overview.status !== "submitted" ? (
            <Form method="post" className="row">
              <label htmlFor="version-name">{t("workplan.versionName")}</label>
              <input id="version-name" name="versionName" defaultValue={overview.status === "changes-requested" ? t("workplan.resubmissionName") : t("workplan.submissionName")} maxLength={120} />
              <button className="button button--primary" name="intent" value="submit" disabled={isBusy}>
                {overview.status === "changes-requested" || loaderData.changedSinceApproval ? t("workplan.resubmit") : t("workplan.submit")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <div className="document-layout">
        <article className="document-main" aria-label={title}>
          {loaderData.canEdit ? (
            <CollaborativeEditor
              documentId={loaderData.documentId}
              canEdit
              user={{ name: loaderData.me.name, color: loaderData.me.color }}
              initialHtml={loaderData.html}
              label={title}
              workplan={kind === "workplan" ? { members: loaderData.members, language, expensesByLine: loaderData.expensesByLine } : undefined}
              fallbackExtra={kind === "workplan" ? <StoredWorkplan loaderData={loaderData} language={language} /> : null}
            />
          ) : (
            <>
              <ServerText html={loaderData.html} />
              {kind === "workplan" ? <StoredWorkplan loaderData={loaderData} language={language} /> : null}
            </>
          )}
          {loaderData.canEdit ? (
            <Form method="post" className="row version-form">
              <label htmlFor="named-version">{t("versions.nameLabel")}</label>
              <input id="named-version" name="name" maxLength={120} defaultValue={actionData?.intent === "save-version" ? fields.name : ""} />
              <button className="button" name="intent" value="save-version" disabled={isBusy}>{t("versions.save")}</button>
            </Form>
          ) : null}
        </article>

        <aside className="document-aside panel" aria-labelledby="comments" id="comments-panel">
          <h2 id="comments">{t("comments.title")}</h2>
          {loaderData.comments.length === 0 ? <p className="muted">{t("comments.empty")}</p> : null}
          <ul className="plain-list stack">
            {loaderData.comments.map((comment) => (
              <li key={comment.id} className={`comment${comment.resolvedAt ? " comment--resolved" : ""}`}>
                <p className="small muted">
                  <strong>{comment.author}</strong> · <LocalTime value={comment.createdAt} />
                  {comment.anchor ? <> · {t("comments.on", { section: comment.anchor })}</> : null}
                  {comment.resolvedAt ? <> · {t("comments.resolved")}</> : null}
                </p>
                <p className="comment__body">{comment.body}</p>
                {loaderData.canComment && !comment.resolvedAt ? (
                  <Form method="post">
                    <input type="hidden" name="commentId" value={comment.id} />
                    <button className="button button--small" name="intent" value="resolve-comment">{t("comments.resolve")}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {loaderData.canComment ? (
            <Form method="post" className="stack">
              <div className="field">
                <label htmlFor="comment-anchor">{t("comments.anchor")}</label>
                <select id="comment-anchor" name="anchor" defaultValue={fields.anchor ?? ""}>
                  <option value="">{t("comments.wholeDocument")}</option>
                  {loaderData.anchors.map((anchor) => (
                    <option key={anchor} value={anchor}>{anchor}</option>
                  ))}
                </select>
              </div>
              <div className={`field${actionData?.intent === "comment" && actionData.error ? " field--invalid" : ""}`}>
                <label htmlFor="comment-body">{t("comments.body")}</label>
                <textarea id="comment-body" name="body" rows={3} maxLength={4000} defaultValue={fields.body ?? ""} required />
              </div>
              <button className="button" name="intent" value="comment" disabled={isBusy}>{t("comments.add")}</button>
            </Form>
          ) : null}
        </aside>
      </div>
    </>
  );
}

/** The workplan's stored tables and SMART check; for editors the live panel replaces them. */
function StoredWorkplan({ loaderData, language }: { loaderData: Route.ComponentProps["loaderData"]; language: string }) {
  const { t } = useTranslation("documents");
  const { overview, smart } = loaderData;
  return (
    <>
      <WorkplanTables overview={overview} members={loaderData.members} language={language} />
      {smart ? (
        <SmartReport objectives={smart.objectives} flags={smart.flags} undatedMilestones={overview.milestones.filter((m) => !m.dueDate).length} t={t} />
      ) : null}
    </>
  );
}

/** Milestones and budget as stored in the tables: what readers and pages without JavaScript see. */
function WorkplanTables({
  overview,
  members,
  language,
}: {
  overview: Route.ComponentProps["loaderData"]["overview"];
  members: Array<{ id: string; displayName: string }>;
  language: string;
}) {
  const { t } = useTranslation("documents");
  const owner = (id: string | null) => members.find((m) => m.id === id)?.displayName ?? "";
  return (
    <>
      <h2>{t("workplan.milestones.title")}</h2>
      {overview.milestones.length === 0 ? (
        <p className="muted">{t("workplan.milestones.empty")}</p>
      ) : (
        <div className="table-scroll"><table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("workplan.milestones.titleColumn")}</th>
              <th scope="col">{t("workplan.milestones.due")}</th>
              <th scope="col">{t("workplan.milestones.status")}</th>
              <th scope="col">{t("workplan.milestones.owner")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.milestones.map((m) => (
              <tr key={m.id}>
                <td>{m.title}</td>
                <td>{m.dueDate ? <LocalTime value={m.dueDate} options={{ dateStyle: "medium", timeZone: "UTC" }} /> : "—"}</td>
                <td>{t(`workplan.milestoneStatus.${m.status}`)}</td>
                <td>{owner(m.ownerId)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <h2>{t("workplan.budget.title")}</h2>
      {overview.lines.length === 0 ? (
        <p className="muted">{t("workplan.budget.empty")}</p>
      ) : (
        <div className="table-scroll"><table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("workplan.budget.item")}</th>
              <th scope="col">{t("workplan.budget.category")}</th>
              <th scope="col">{t("workplan.budget.amount")}</th>
              <th scope="col">{t("workplan.budget.note")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.item}</td>
                <td>{t(`workplan.category.${line.category}`)}</td>
                <td>{formatCents(line.amountCents, language, line.currency)}</td>
                <td>{line.note}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t("workplan.budget.total")}</th>
              <td>{formatCents(overview.totals.total, language)}</td>
              <td />
            </tr>
          </tfoot>
        </table></div>
      )}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data: loaderData, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  if (!loaderData) return [{ title: "Praxis" }];
  return [{ title: `${loaderData.pageTitle} · ${localized(loaderData.group, "name", language)} · Praxis` }];
};
