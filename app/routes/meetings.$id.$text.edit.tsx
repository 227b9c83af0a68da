// Writing an agenda or minutes: English and French side by side, each with its translation
// status and "needs update" flags down to the section; publishing when both are ready.
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/meetings.$id.$text.edit";
import { TEXT_LANGUAGES, textDocumentId, TRANSLATION_STATUSES } from "~/domain/meetings";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { isTextKind, isTextLanguage, markTranslationStatus, openMeetingTextDraft, publishMeetingText, resolveNoChangeNeeded, type TextKind } from "~/domain/minutes.server";
import { requestLanguage } from "~/web/language.server";
import type { Refusal } from "~/domain/result";
import { FormAlert, text } from "~/ui/forms";
import { TextEditor } from "~/ui/meeting-text-editor";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

type Blockers = Array<{ reason: string; values?: Record<string, string> }>;

function textKind(param: string): TextKind {
  if (!isTextKind(param)) throw new Response("Not found", { status: 404 });
  return param;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const kind = textKind(params.text);
  const draft = await openMeetingTextDraft(user, params.id, kind, requestLanguage(request, user));
  if (!draft.ok) throw new Response("Not found", { status: draft.status });
  const { meeting, access, canPublish, state, html, latest } = draft.value;
  return {
    kind,
    access,
    canPublish,
    meeting: { id: meeting.id, titleEn: meeting.titleEn, titleFr: meeting.titleFr },
    state,
    html,
    latest: latest ? { number: latest.number, publishedAt: latest.publishedAt } : null,
    user: { name: user.displayName },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const kind = textKind(params.text);
  const form = await request.formData();
  const intent = text(form, "intent");
  const changeNote = text(form, "changeNote");
  const refused = (refusal: Pick<Refusal, "error" | "status" | "details">) =>
    data({ intent, error: refusal.error, blockers: (refusal.details?.blockers as Blockers | undefined) ?? [], changeNote }, { status: refusal.status });
  if (intent === "status") {
    const language = text(form, "language");
    if (!isTextLanguage(language)) return refused({ error: "common:errors.invalidValue", status: 400 });
    const result = await markTranslationStatus(user, { meetingId: params.id, kind, language, status: text(form, "status") });
    if (!result.ok) return refused(result);
    return { intent, error: null, blockers: [] as Blockers, changeNote: "" };
  }
  if (intent === "no-change") {
    const language = text(form, "language");
    if (!isTextLanguage(language)) return refused({ error: "common:errors.invalidValue", status: 400 });
    const result = await resolveNoChangeNeeded(user, { meetingId: params.id, kind, language, key: text(form, "section"), reason: text(form, "reason") });
    if (!result.ok) return refused({ ...result, error: result.fieldErrors?.reason ?? result.error });
    return { intent, error: null, blockers: [] as Blockers, changeNote: "" };
  }
  if (intent === "publish") {
    const result = await publishMeetingText(user, { meetingId: params.id, kind, changeNote, readerLanguage: requestLanguage(request, user) });
    if (!result.ok) return refused(result);
    throw redirect(`/meetings/${params.id}/${kind}?published=${result.value.version}`, { status: 303 });
  }
  return refused({ error: "common:errors.invalidValue", status: 400 });
}

export default function EditMeetingText({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("meetings");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { kind, meeting, state, access } = loaderData;
  const canEdit = access === "edit";
  return (
    <>
      <PageHeader title={`${t(`texts.${kind}`)} — ${localized(meeting, "title", i18n.language)}`} lead={canEdit ? t("write.lead") : t("write.readOnly")}>
        <p className="row row--start small">
          <Link to={`/meetings/${meeting.id}`}>{t("read.back")}</Link>
          {loaderData.latest ? (
            <Link to={`/meetings/${meeting.id}/${kind}`}>
              {t("write.latestPublished", { number: loaderData.latest.number })}
            </Link>
          ) : null}
        </p>
      </PageHeader>
      {actionData?.intent === "status" && !actionData.error ? <FormAlert focus tone="success" message="meetings:write.statusSaved" /> : null}
      {actionData?.intent === "status" ? <FormAlert focus message={actionData.error} /> : null}
      {actionData?.intent === "no-change" && !actionData.error ? <FormAlert focus tone="success" message="meetings:write.noChange.saved" /> : null}
      {actionData?.intent === "no-change" ? <FormAlert focus message={actionData.error} /> : null}
      {actionData?.intent === "publish" && !loaderData.canPublish ? <FormAlert focus message={actionData.error} /> : null}

      <div className="side-by-side">
        {TEXT_LANGUAGES.map((language) => {
          const lang = state.languages[language];
          return (
            <section key={language} className="panel side-by-side__column" aria-labelledby={`text-${language}`}>
              <h2 id={`text-${language}`}>
                {t(`write.language.${language}`)} <span className={`tag status-${lang.status}`}>{t(`status.${lang.status}`)}</span>
              </h2>
              {lang.needsUpdate.length ? (
                <div className="alert" role="status">
                  <p>{t("write.needsUpdate", { other: t(`write.languageInSentence.${language === "en" ? "fr" : "en"}`) })}</p>
                  <ul>
                    {lang.needsUpdate.map((section) => (
                      <li key={section.key}>
                        {section.titles[i18n.language === "fr" ? "fr" : "en"] || section.title || t("write.untitledSection")}
                        {canEdit ? (
                          <Form method="post" className="inline-fields">
                            <input type="hidden" name="intent" value="no-change" />
                            <input type="hidden" name="language" value={language} />
                            <input type="hidden" name="section" value={section.key} />
                            <div className="field">
                              <label htmlFor={`reason-${language}-${section.key}`}>{t("write.noChange.reason")}</label>
                              <input id={`reason-${language}-${section.key}`} name="reason" maxLength={500} required />
                            </div>
                            <button type="submit" className="button button--quiet" disabled={busy}>{t("write.noChange.submit")}</button>
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {lang.history.length ? (
                <details>
                  <summary>{t("write.noChange.history")}</summary>
                  <ul className="small">
                    {lang.history.map((entry) => (
                      <li key={entry.at + entry.key}>
                        {entry.titles[i18n.language === "fr" ? "fr" : "en"] || t("write.untitledSection")}: {entry.reason} (<LocalTime value={entry.at} />)
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <TextEditor documentId={textDocumentId(kind, meeting.id, language)} canEdit={canEdit} userName={loaderData.user.name} initialHtml={loaderData.html[language]} label={t(`write.editorLabel.${language}`)} language={language} />
              {canEdit ? (
                <Form method="post" className="inline-fields">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="language" value={language} />
                  <div className="field">
                    <label htmlFor={`status-${language}`}>{t("write.statusLabel")}</label>
                    <select id={`status-${language}`} name="status" defaultValue={lang.status}>
                      {TRANSLATION_STATUSES.map((status) => (
                        <option key={status} value={status}>{t(`status.${status}`)}</option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button" disabled={busy}>{t("write.statusSave")}</button>
                </Form>
              ) : null}
              {lang.markedAt ? <p className="muted small">{t("write.markedAt")} <LocalTime value={lang.markedAt} /></p> : null}
            </section>
          );
        })}
      </div>

      {loaderData.canPublish ? (
        <section className="panel" aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t("publish.heading")}</h2>
          <p className="muted">{loaderData.latest ? t("publish.leadNext", { number: loaderData.latest.number + 1 }) : t("publish.leadFirst")}</p>
          {state.blockers.length ? (
            <div className="callout">
              <p>{t("publish.blocked.heading")}</p>
              <ul>
                {state.blockers.map((blocker) => (
                  <li key={blocker.reason + JSON.stringify(blocker.values)}>
                    {t(blocker.reason, { ...blocker.values, language: blocker.values?.language ? t(`write.languageInSentence.${blocker.values.language}`) : "" })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {actionData?.intent === "publish" && actionData.error ? (
            actionData.blockers.length ? (
              <div className="alert" role="alert">
                <p>{t("publish.blocked.heading")}</p>
                <ul>
                  {actionData.blockers.map((blocker) => (
                    <li key={blocker.reason + JSON.stringify(blocker.values)}>
                      {t(blocker.reason, { ...blocker.values, language: blocker.values?.language ? t(`write.languageInSentence.${blocker.values.language}`) : "" })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : actionData.error !== "meetings:publish.blocked.heading" ? (
              <FormAlert focus message={actionData.error} />
            ) : null
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            {loaderData.latest ? (
              <div className="field">
                <label htmlFor="changeNote">{t("publish.changeNote")}</label>
                <p className="field__hint" id="changeNote-hint">{t("publish.changeNoteHint")}</p>
                <textarea id="changeNote" name="changeNote" rows={2} maxLength={500} aria-describedby="changeNote-hint" defaultValue={actionData?.intent === "publish" ? actionData.changeNote : ""} />
              </div>
            ) : null}
            <button type="submit" className="button button--primary" disabled={busy}>
              {t("publish.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
