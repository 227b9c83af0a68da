// Writing an agenda or minutes: English and French side by side, each with its translation
// status and "needs update" flags down to the section; publishing when both are ready.
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/meetings.$id.$text.edit";
import { TEXT_LANGUAGES, textDocumentId, TRANSLATION_STATUSES } from "~/domain/meetings";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { getMeetingRow, isOrganiser } from "~/domain/meetings.server";
import {
  isTextKind,
  isTextLanguage,
  latestVersion,
  liveTextState,
  markTranslationStatus,
  meetingTextAccess,
  publishMeetingText,
  type TextKind,
} from "~/domain/minutes.server";
import { FormAlert, text } from "~/ui/forms";
import { TextEditor } from "~/ui/meeting-text-editor";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

async function context(request: Request, params: { id: string; text: string }) {
  const viewer = await requireViewer(request);
  if (!isTextKind(params.text)) throw new Response("Not found", { status: 404 });
  const kind: TextKind = params.text;
  const meeting = orNotFound(await getMeetingRow(params.id));
  const access = await meetingTextAccess(viewer.user, meeting.id, kind);
  if (access === "none") throw new Response("Not found", { status: 404 });
  return { viewer, kind, meeting, access };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { viewer, kind, meeting, access } = await context(request, params);
  const [{ state, html }, latest, organiser] = await Promise.all([liveTextState(meeting.id, kind), latestVersion(meeting.id, kind), isOrganiser(viewer.user, meeting)]);
  return {
    kind,
    access,
    canPublish: organiser,
    meeting: { id: meeting.id, titleEn: meeting.titleEn, titleFr: meeting.titleFr },
    state,
    html,
    latest: latest ? { number: latest.number, publishedAt: latest.publishedAt } : null,
    user: { name: viewer.user.displayName },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { viewer, kind, meeting } = await context(request, params);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "status") {
    const language = text(form, "language");
    if (!isTextLanguage(language)) return data({ intent, error: "common:errors.invalidValue", blockers: [], changeNote: "" }, { status: 400 });
    const result = await markTranslationStatus(viewer.user, { meetingId: meeting.id, kind, language, status: text(form, "status") });
    if (result !== "ok") return data({ intent, error: result === "forbidden" ? "common:errors.forbidden" : "common:errors.invalidValue", blockers: [], changeNote: "" }, { status: 400 });
    return { intent, error: null, blockers: [], changeNote: "" };
  }
  if (intent === "publish") {
    const changeNote = text(form, "changeNote");
    const result = await publishMeetingText(viewer.user, { meetingId: meeting.id, kind, changeNote });
    if (!result.ok) return data({ intent, error: result.error, blockers: result.blockers ?? [], changeNote }, { status: 400 });
    throw redirect(`/meetings/${meeting.id}/${kind}?published=${result.version}`, { status: 303 });
  }
  return data({ intent, error: "common:errors.invalidValue", blockers: [], changeNote: "" }, { status: 400 });
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
      {actionData?.intent === "status" && !actionData.error ? <FormAlert tone="success" message="meetings:write.statusSaved" /> : null}
      {actionData?.intent === "status" ? <FormAlert message={actionData.error} /> : null}
      {actionData?.intent === "publish" && !loaderData.canPublish ? <FormAlert message={actionData.error} /> : null}

      <div className="side-by-side">
        {TEXT_LANGUAGES.map((language) => {
          const lang = state.languages[language];
          return (
            <section key={language} className="panel side-by-side__column" aria-labelledby={`text-${language}`} lang={language}>
              <h2 id={`text-${language}`}>
                {t(`write.language.${language}`)} <span className={`tag status-${lang.status}`}>{t(`status.${lang.status}`)}</span>
              </h2>
              {lang.needsUpdate.length ? (
                <div className="alert" role="status">
                  <p>{t("write.needsUpdate", { other: t(`write.language.${language === "en" ? "fr" : "en"}`) })}</p>
                  <ul>
                    {lang.needsUpdate.map((section) => (
                      <li key={section.key}>{section.title || t("write.untitledSection")}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <TextEditor documentId={textDocumentId(kind, meeting.id, language)} canEdit={canEdit} userName={loaderData.user.name} initialHtml={loaderData.html[language]} label={t(`write.editorLabel.${language}`)} />
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
                    {t(blocker.reason, { ...blocker.values, language: blocker.values?.language ? t(`write.language.${blocker.values.language}`) : "" })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {actionData?.intent === "publish" ? <FormAlert message={actionData.error} /> : null}
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
