import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/mel.checkins.$id";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import {
  addCheckInComment,
  completeFollowUpAction,
  createFollowUpAction,
  followUpOwnerChoices,
  readCheckIn,
  recordCheckInAdvice,
  saveCheckInDraft,
  submitCheckIn,
} from "~/domain/checkins.server";
import * as checkInPolicy from "~/domain/policies/checkins";
import { refuse, type Refusal } from "~/domain/result";
import { markNoticesAboutRead } from "~/domain/work-notices.server";
import { db } from "~/infra/db.server";
import { orRefused } from "~/web/results.server";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { CheckInFactsView, FollowUpList, LanguageSelect, melTitle } from "~/ui/mel";
import { LiveRefreshNotice } from "~/ui/live-notice";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

const NOTE_FIELDS = ["progressNotes", "challenges", "helpSought", "proposedChanges"] as const;

async function loadFor(request: Request, id: string) {
  const { user } = await requireViewer(request);
  // Notes are for the group's leads, MEL and coordinators; a draft only for those preparing it.
  const checkIn = orRefused(await readCheckIn(user, id));
  return { user, checkIn };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, checkIn } = await loadFor(request, params.id);
  const group = orNotFound(await db().workingGroup.findUnique({ where: { id: checkIn.groupId }, select: { id: true, slug: true, nameEn: true, nameFr: true } }));
  const isDraft = checkIn.status === "draft";
  const canAdvise = checkInPolicy.allow(user, "advise", checkIn);
  // Opening the check-in reads its notices (sent, answered).
  const unreadAfterMarking = await markNoticesAboutRead(user.id, "checkin", [checkIn.id]);
  return {
    // The shell shows this count: its own was read before this page marked its notices.
    unreadNotifications: unreadAfterMarking,
    group,
    checkIn,
    isDraft,
    justSubmitted: !isDraft && new URL(request.url).searchParams.has("submitted"),
    can: {
      advise: canAdvise,
      comment: checkInPolicy.allow(user, "comment", checkIn),
      completeFollowUp: checkInPolicy.allowFollowUp(user, "complete", checkIn),
    },
    owners: canAdvise ? await followUpOwnerChoices(checkIn.groupId) : [],
  };
}

type ActionResult = { intent: string; error: string | null; field?: string; values?: Record<string, string>; done?: string };

export async function action({ request, params }: Route.ActionArgs) {
  const { user, checkIn } = await loadFor(request, params.id);
  const form = await request.formData();
  const intent = text(form, "intent");
  const fail = (refusal: Refusal, values?: Record<string, string>) =>
    data<ActionResult>({ intent, error: refusal.error, field: Object.keys(refusal.fieldErrors ?? {})[0], values }, { status: refusal.status });
  switch (intent) {
    case "save":
    case "submit": {
      const values = { language: text(form, "language"), ...Object.fromEntries(NOTE_FIELDS.map((f) => [f, text(form, f)])) } as Record<string, string>;
      const notes = { language: values.language, progressNotes: values.progressNotes, challenges: values.challenges, helpSought: values.helpSought, proposedChanges: values.proposedChanges };
      const result = intent === "save" ? await saveCheckInDraft(user, checkIn.id, notes) : await submitCheckIn(user, checkIn.id, notes);
      if (!result.ok) return fail(result, values);
      if (intent === "submit") throw redirect(`/mel/checkins/${checkIn.id}?submitted=1`, { status: 303 });
      return data<ActionResult>({ intent, error: null, done: "mel:checkin.saved" });
    }
    case "comment": {
      const values = { body: text(form, "body"), language: text(form, "language") };
      const result = await addCheckInComment(user, checkIn.id, values);
      if (!result.ok) return fail(result, values);
      return data<ActionResult>({ intent, error: null });
    }
    case "advice": {
      const values = { advice: text(form, "advice"), language: text(form, "language") };
      const result = await recordCheckInAdvice(user, checkIn.id, values);
      if (!result.ok) return fail(result, values);
      return data<ActionResult>({ intent, error: null, done: "mel:advice.saved" });
    }
    case "follow-up": {
      const values = { title: text(form, "title"), language: text(form, "language"), ownerId: text(form, "ownerId"), dueDate: text(form, "dueDate") };
      const result = await createFollowUpAction(user, checkIn.id, values);
      if (!result.ok) return fail(result, values);
      return data<ActionResult>({ intent, error: null, done: "mel:followUp.created" });
    }
    case "complete-followup": {
      const result = await completeFollowUpAction(user, text(form, "followUpId"));
      if (!result.ok) return fail(result);
      return data<ActionResult>({ intent, error: null });
    }
    default:
      return fail(refuse.invalid("common:errors.invalidValue"));
  }
}

export default function CheckInPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("mel");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { checkIn, group, isDraft } = loaderData;
  const result = actionData as ActionResult | undefined;
  const groupName = localized(group, "name", i18n.language);
  const errorFor = (intent: string, field: string) => (result?.intent === intent && result.error && (result.field ?? "form") === field ? result.error : undefined);
  const valueFor = (intent: string, field: string) => (result?.intent === intent && result.error ? result.values?.[field] : undefined);
  const formError = (intent: string) => (result?.intent === intent && result.error && !result.field ? <FormAlert focus message={result.error} /> : null);
  const noteIntent = result?.intent === "save" || result?.intent === "submit" ? result.intent : "save";

  return (
    <>
      <PageHeader
        title={isDraft ? t("checkin.prepareTitle", { group: groupName }) : t("checkin.title", { group: groupName })}
        lead={isDraft ? t("checkin.prepareLead") : undefined}
      >
        <p className="row-links">
          <Link to={`/mel/groups/${group.slug}`}>{t("checkin.backToGroup", { group: groupName })}</Link>
        </p>
        {!isDraft && checkIn.submittedAt ? (
          <p className="muted">
            {t("checkin.submittedBy", { name: checkIn.preparedByName })} <LocalTime value={checkIn.submittedAt} />
          </p>
        ) : null}
      </PageHeader>
      {loaderData.justSubmitted ? <FormAlert focus tone="success" message="mel:checkin.submitted" /> : null}
      {result?.done ? <FormAlert focus tone="success" message={result.done} /> : null}
      {isDraft ? null : <LiveRefreshNotice topic={{ event: "checkin:changed", groupId: group.id, checkInId: checkIn.id }} message="mel:checkin.changedLive" />}

      <section className="panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{isDraft ? t("facts.headingDraft") : t("facts.heading")}</h2>
        <CheckInFactsView facts={checkIn.facts} />
      </section>

      {isDraft ? (
        <section className="panel" aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t("checkin.notesHeading")}</h2>
          <Form method="post" className="stack">
            {formError(noteIntent)}
            <LanguageSelect id="notes-language" defaultValue={valueFor(noteIntent, "language") ?? (checkIn.progressNotes ? checkIn.language : i18n.language)} />
            {NOTE_FIELDS.map((field) => (
              <Field key={field} id={`field-${field}`} name={field} label={t(`checkin.fields.${field}`)} hint={t(`checkin.hints.${field}`)} error={errorFor(noteIntent, field)}>
                <textarea
                  id={`field-${field}`}
                  name={field}
                  rows={field === "progressNotes" ? 6 : 4}
                  defaultValue={valueFor(noteIntent, field) ?? checkIn[field]}
                  aria-invalid={errorFor(noteIntent, field) ? true : undefined}
                  aria-describedby={`field-${field}-hint${errorFor(noteIntent, field) ? ` field-${field}-error` : ""}`}
                />
              </Field>
            ))}
            <p className="muted small">{t("checkin.visibility")}</p>
            <div className="row">
              <button type="submit" name="intent" value="save" className="button" disabled={busy}>{t("checkin.saveDraft")}</button>
              <button type="submit" name="intent" value="submit" className="button button--primary" disabled={busy}>{t("checkin.submit")}</button>
            </div>
          </Form>
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t("checkin.notesHeadingSubmitted", { name: checkIn.preparedByName })}</h2>
            <dl className="notes" lang={checkIn.language}>
              {NOTE_FIELDS.map((field) => (
                <div key={field}>
                  <dt lang={i18n.language}>{t(`checkin.fields.${field}`)}</dt>
                  <dd className="prose">{checkIn[field] || <span className="muted" lang={i18n.language}>{t("checkin.nothing")}</span>}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="panel" aria-labelledby="advice-heading">
            <h2 id="advice-heading">{t("advice.heading")}</h2>
            {checkIn.advice ? (
              <>
                <p className="prose" lang={checkIn.adviceLanguage}>{checkIn.advice}</p>
                <p className="muted small">{checkIn.adviceByName} · {checkIn.adviceAt ? <LocalTime value={checkIn.adviceAt} /> : null}</p>
              </>
            ) : (
              <p className="muted">{t("advice.none")}</p>
            )}
            {loaderData.can.advise ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="advice" />
                {formError("advice")}
                <Field id="field-advice" name="advice" label={checkIn.advice ? t("advice.update") : t("advice.label")} hint={t("advice.hint")} error={errorFor("advice", "advice")}>
                  <textarea id="field-advice" name="advice" rows={4} defaultValue={valueFor("advice", "advice") ?? checkIn.advice} />
                </Field>
                <LanguageSelect id="advice-language" defaultValue={valueFor("advice", "language") ?? (checkIn.advice ? checkIn.adviceLanguage : i18n.language)} />
                <button type="submit" className="button button--primary" disabled={busy}>{t("advice.save")}</button>
              </Form>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="followups-heading">
            <h2 id="followups-heading">{t("followUps.heading")}</h2>
            <FollowUpList items={checkIn.followUps} canComplete={loaderData.can.completeFollowUp} />
            {loaderData.can.advise ? (
              <Form method="post" className="stack">
                <h3>{t("followUps.add")}</h3>
                <input type="hidden" name="intent" value="follow-up" />
                {formError("follow-up")}
                <Field id="field-title" name="title" label={t("followUps.title")} error={errorFor("follow-up", "title")} defaultValue={valueFor("follow-up", "title")} required maxLength={300} />
                <div className="inline-fields">
                  <SelectField
                    id="field-ownerId"
                    name="ownerId"
                    label={t("followUps.ownerLabel")}
                    error={errorFor("follow-up", "ownerId")}
                    defaultValue={valueFor("follow-up", "ownerId") ?? checkIn.preparedById}
                    options={loaderData.owners.map((o) => ({ value: o.id, label: o.displayName }))}
                  />
                  <Field id="field-dueDate" name="dueDate" type="date" label={t("followUps.dueLabel")} error={errorFor("follow-up", "dueDate")} defaultValue={valueFor("follow-up", "dueDate")} required />
                </div>
                <LanguageSelect id="followup-language" defaultValue={valueFor("follow-up", "language") ?? i18n.language} />
                <button type="submit" className="button" disabled={busy}>{t("followUps.create")}</button>
              </Form>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t("comment.heading")}</h2>
            {checkIn.comments.length === 0 ? (
              <p className="muted">{t("comment.none")}</p>
            ) : (
              <ol className="plain-list comments">
                {checkIn.comments.map((c) => (
                  <li key={c.id}>
                    <p className="small"><strong>{c.authorName}</strong> · <LocalTime value={c.createdAt} /></p>
                    <p className="prose" lang={c.language}>{c.body}</p>
                  </li>
                ))}
              </ol>
            )}
            {loaderData.can.comment ? (
              <Form method="post" className="stack" key={result?.intent === "comment" && !result.error ? "sent" : "compose"}>
                <input type="hidden" name="intent" value="comment" />
                {formError("comment")}
                <Field id="field-body" name="body" label={t("comment.label")} error={errorFor("comment", "body")}>
                  <textarea id="field-body" name="body" rows={3} defaultValue={valueFor("comment", "body")} required />
                </Field>
                <LanguageSelect id="comment-language" defaultValue={valueFor("comment", "language") ?? i18n.language} />
                <button type="submit" className="button" disabled={busy}>{t("comment.post")}</button>
              </Form>
            ) : null}
          </section>
        </>
      )}
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: melTitle(matches[0]?.data, "checkin.metaTitle") }];
