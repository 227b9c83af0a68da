import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/applications.$id";
import { CRITERIA, DECLARATIONS, SCORE_MAX, SCORE_MIN } from "~/domain/applications/model";
import { getApplicationForCoordinator, reissueInvitation, sendOutcome, setApplicationStage } from "~/domain/applications/decisions.server";
import { eraseApplication } from "~/domain/applications/erasure.server";
import { interviewSchema, inviteToInterview } from "~/domain/applications/interviews.server";
import { declareConflict, getApplicationForReview, reviewSchema, submitReview } from "~/domain/applications/review.server";
import { canReviewApplications } from "~/domain/applications/reviewers.server";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroupNames } from "~/domain/groups.server";
import * as applicationsPolicy from "~/domain/policies/applications";
import { refuse, type Result } from "~/domain/result";
import { env } from "~/infra/env.server";
import { timeZones } from "~/infra/time";
import { parseWith } from "~/infra/validation";
import { ConfirmBox, Field, FormAlert, isConfirmed, SelectField, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime, useReader } from "~/ui/time";
import { formatDecimal } from "~/infra/numbers";

// One application: the blind review form for reviewers; for the coordinator also the contact,
// every review, the interview, the decision, the outcome and erasure.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  if (!(await canReviewApplications(user))) throw new Response("Forbidden", { status: 403 });
  const forReview = await getApplicationForReview(user, params.id);
  const forCoordinator = applicationsPolicy.allow(user, "manage") ? await getApplicationForCoordinator(user, params.id) : null;
  // An erased application is closed to review but stays in the coordinator's file.
  const review = forReview.ok ? forReview.value : null;
  const coordinator = forCoordinator?.ok ? forCoordinator.value : null;
  if (!review && !coordinator) throw new Response("Not found", { status: 404 });
  return { review, coordinator, groups: await listGroupNames(), zones: coordinator ? timeZones() : [], viewerZone: user.timeZone ?? "UTC" };
}

function baseUrl(request: Request): string {
  return env().PUBLIC_URL ?? new URL(request.url).origin;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  const reply = (result: Result<unknown>, notice: string | null = null, values: Record<string, string> = {}) =>
    data(
      { intent, error: result.ok ? null : result.error, fieldErrors: (result.ok ? {} : result.fieldErrors ?? {}) as Record<string, string>, notice: result.ok ? notice : null, values },
      { status: result.ok ? 200 : result.status },
    );
  switch (intent) {
    case "review": {
      const values = Object.fromEntries([...CRITERIA, "notes"].map((k) => [k, text(form, k)]));
      const parsed = parseWith(reviewSchema, values);
      if (!parsed.ok) return data({ intent, error: null, fieldErrors: parsed.fieldErrors, notice: null, values }, { status: 400 });
      return reply(await submitReview(user, params.id, parsed.value), "applications:review.submitted", values);
    }
    case "conflict":
      if (!isConfirmed(form)) return reply(refuse.invalid("common:errors.confirmRequired", "confirm"));
      return reply(await declareConflict(user, params.id));
    case "shortlist":
    case "unshortlist":
    case "accept":
    case "decline": {
      const stage = ({ shortlist: "shortlisted", unshortlist: "submitted", accept: "accepted", decline: "declined" } as const)[intent];
      return reply(await setApplicationStage(user, params.id, stage, text(form, "groupId") || null));
    }
    case "interview": {
      const values = { startsAt: text(form, "startsAt"), timeZone: text(form, "timeZone"), minutes: text(form, "minutes"), url: text(form, "url") };
      const parsed = parseWith(interviewSchema, values);
      if (!parsed.ok) return data({ intent, error: null, fieldErrors: parsed.fieldErrors, notice: null, values }, { status: 400 });
      const result = await inviteToInterview(user, params.id, parsed.value);
      return reply(result, result.ok && result.value.mailed ? "applications:coordinator.interviewMailed" : "applications:coordinator.interviewSaved", values);
    }
    case "send-outcome": {
      const result = await sendOutcome(user, params.id, baseUrl(request));
      return reply(result, result.ok && result.value.mailed ? "applications:coordinator.outcomeMailed" : "applications:coordinator.outcomeOnPage");
    }
    case "reissue-invitation": {
      const result = await reissueInvitation(user, params.id, baseUrl(request));
      return reply(result, result.ok && result.value.mailed ? "applications:coordinator.reissuedMailed" : "applications:coordinator.reissued");
    }
    case "erase":
      if (!isConfirmed(form)) return reply(refuse.invalid("common:errors.confirmRequired", "confirm"));
      return reply(await eraseApplication(user, params.id));
    default:
      return reply(refuse.invalid("common:errors.invalidValue"));
  }
}

type LoaderData = Route.ComponentProps["loaderData"];
type ActionData = Route.ComponentProps["actionData"];

function Answers({ application }: { application: NonNullable<NonNullable<LoaderData["review"]>["application"]> | NonNullable<LoaderData["coordinator"]>["application"] }) {
  const { t } = useTranslation("applications");
  const show = (value: string) => value || <span className="muted">{t("review.none")}</span>;
  // null: the blind round keeps it from the reviewer until their scores are in.
  const identity = (value: string | null) => (value === null ? <span className="muted">{t("blind.hidden")}</span> : show(value));
  return (
    <section className="panel" aria-labelledby="answers-heading">
      <h2 id="answers-heading">{t("review.answers")}</h2>
      {application.flags.length ? (
        <div className="alert" role="note">
          <p><strong>{t("list.ineligible")}</strong></p>
          <ul>{application.flags.map((flag) => <li key={flag}>{t(`declarationFlags.${flag}`)}</li>)}</ul>
        </div>
      ) : (
        <p className="muted small">{t("review.allConfirmed")}</p>
      )}
      <dl className="answers">
        <div><dt>{t("form.name")}</dt><dd>{identity(application.name)}</dd></div>
        <div><dt>{t("review.country")}</dt><dd>{identity(application.country)}{application.region ? ` · ${t(`form.regions.${application.region}`)}` : ""}</dd></div>
        <div><dt>{t("review.organisation")}</dt><dd>{identity(application.organisation)}</dd></div>
        <div><dt>{t("form.experience")}</dt><dd className="long-text">{show(application.experience)}</dd></div>
        <div><dt>{t("form.motivation")}</dt><dd className="long-text">{show(application.motivation)}</dd></div>
        <div><dt>{t("form.learningGoals")}</dt><dd className="long-text">{show(application.learningGoals)}</dd></div>
        <div><dt>{t("form.workingLanguages")}</dt><dd>{application.workingLanguages ? t(`form.languages.${application.workingLanguages}`) : show("")}</dd></div>
        <div><dt>{t("review.capacity")}</dt><dd>{application.capacity ? t(`form.capacityAnswers.${application.capacity}`) : show("")}{application.capacityNote ? ` — ${application.capacityNote}` : ""}</dd></div>
        {application.conflictOfInterest ? <div><dt>{t("review.conflictOfInterest")}</dt><dd className="long-text">{application.conflictOfInterest}</dd></div> : null}
      </dl>
    </section>
  );
}

function ScoreTable({ scores }: { scores: Record<string, number | null> }) {
  const { t } = useTranslation("applications");
  return (
    <dl className="scores">
      {CRITERIA.map((c) => <div key={c}><dt>{t(`review.criteria.${c}`)}</dt><dd>{scores[c] ?? "–"}</dd></div>)}
    </dl>
  );
}

function ReviewPanel({ review, actionData }: { review: NonNullable<LoaderData["review"]>; actionData: ActionData }) {
  const { t } = useTranslation("applications");
  const { locale } = useReader();
  if (review.recused) return <p className="alert alert--success" role="status">{t("review.recused")}</p>;
  if (review.phase === "declare") return <p className="alert" role="note">{t("blind.declareFirst")} <a href="/applications">{t("blind.toTheList")}</a></p>;
  const errors = (actionData?.intent === "review" ? actionData.fieldErrors : {}) as Record<string, string | undefined>;
  const typed = (actionData?.intent === "review" ? actionData.values : {}) as Record<string, string | undefined>;
  const current = (c: string) => typed[c] ?? (review.myReview?.scores[c as (typeof CRITERIA)[number]]?.toString() ?? "");
  return (
    <>
      <section className="panel" aria-labelledby="my-review-heading">
        <h2 id="my-review-heading">{t("review.yourReview")}</h2>
        <p className="muted small">{review.phase === "blind" ? t("blind.scoringNote") : t("review.blindNote")} {t("review.scale")}</p>
        {!review.mayScore && review.myReview ? (
          <>
            <p className="muted small">{t("blind.scoresFinalNote")}</p>
            <ScoreTable scores={review.myReview.scores} />
            {review.myReview.notes ? <p className="long-text">{review.myReview.notes}</p> : null}
          </>
        ) : (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="review" />
          {CRITERIA.map((criterion) => (
            <fieldset key={criterion} className={`choices choices--scale${errors[criterion] ? " field--invalid" : ""}`}>
              <legend>{t(`review.criteria.${criterion}`)}</legend>
              <div className="scale">
                {Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => String(SCORE_MIN + i)).map((score) => (
                  <label key={score} className="choice">
                    <input type="radio" name={criterion} value={score} defaultChecked={current(criterion) === score} />
                    <span>{score}</span>
                  </label>
                ))}
              </div>
              {errors[criterion] ? <p className="field__error">{t(errors[criterion]!)}</p> : null}
            </fieldset>
          ))}
          <Field name="notes" label={t("review.notes")} hint={t("review.notesHint")} error={errors.notes}>
            <textarea id="field-notes" name="notes" rows={4} maxLength={4000} defaultValue={typed.notes ?? review.myReview?.notes ?? ""} />
          </Field>
          <button type="submit" className="button button--primary">{review.myReview?.submittedAt ? t("review.update") : t("review.submit")}</button>
        </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="others-heading">
        <h2 id="others-heading">{t("review.others")}</h2>
        {review.otherReviews === null ? (
          <p className="muted">{t("review.othersHidden", { count: review.pendingOthers })}</p>
        ) : review.otherReviews.length === 0 ? (
          <p className="muted">{t("review.noOthers")}</p>
        ) : (
          <ul className="plain-list">
            {review.otherReviews.map((other, index) => (
              <li key={index}>
                <strong>{other.reviewer}</strong> {other.mean !== null ? <span className="tag">{t("review.meanOf", { mean: formatDecimal(other.mean, locale) })}</span> : null}
                <ScoreTable scores={other.scores} />
                {other.notes ? <p className="long-text">{other.notes}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="conflict-heading">
        <h2 id="conflict-heading">{t("review.conflictHeading")}</h2>
        <p className="muted small">{t("review.conflictExplain")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="conflict" />
          <ConfirmBox label={t("review.confirmConflict")} />
          <button type="submit" className="button button--danger">{t("review.declareConflict")}</button>
        </Form>
      </section>
    </>
  );
}

function CoordinatorPanel({ data: c, groups, zones, viewerZone, actionData }: { data: NonNullable<LoaderData["coordinator"]>; groups: LoaderData["groups"]; zones: string[]; viewerZone: string; actionData: ActionData }) {
  const { t, i18n } = useTranslation("applications");
  const { locale } = useReader();
  const a = c.application;
  const sent = Boolean(a.outcomeSentAt);
  const interviewErrors = (actionData?.intent === "interview" ? actionData.fieldErrors : {}) as Record<string, string | undefined>;
  const interviewTyped = (actionData?.intent === "interview" ? actionData.values : {}) as Record<string, string | undefined>;
  const groupOptions = groups.map((g) => ({ value: g.id, label: localized(g, "name", i18n.language) }));
  return (
    <>
      <section className="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("coordinator.contact")}</h2>
        {a.erasedAt ? <p>{t("coordinator.erased")} <LocalTime value={a.erasedAt} /></p> : (
          <>
            <p><strong className="contact">{a.contact}</strong></p>
            <p className="muted small">{t("coordinator.contactHidden")} {t("coordinator.language")}: {t(`form.languages.${a.language}`)}</p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("coordinator.reviewsHeading")} {c.mean !== null ? <span className="tag">{t("review.meanOf", { mean: formatDecimal(c.mean, locale) })}</span> : null} <span className="muted small">{t("list.reviewCount", { count: c.reviewCount })}</span></h2>
        {c.reviewers.needsAnother ? (
          <div className="alert" role="note">
            <p>{t("reviewers.shortOne", { count: c.reviewers.count, required: c.reviewers.required })}</p>
            <p><a href="/applications/settings#reviewers">{t("reviewers.addOne")}</a></p>
          </div>
        ) : null}
        {c.reviews.length === 0 ? <p className="muted">{t("coordinator.noReviews")}</p> : (
          <ul className="plain-list">
            {c.reviews.map((r) => (
              <li key={r.reviewerId}>
                <strong>{r.reviewer}</strong>{" "}
                {r.recused ? <span className="tag tag--muted">{t("coordinator.recused")}</span> : !r.submitted ? <span className="tag tag--muted">{t("coordinator.pending")}</span> : r.mean !== null ? <span className="tag">{t("review.meanOf", { mean: formatDecimal(r.mean, locale) })}</span> : null}
                {r.submitted ? <ScoreTable scores={r.scores} /> : null}
                {r.notes ? <p className="long-text">{r.notes}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {!a.erasedAt ? (
        <section className="panel" aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t("coordinator.decisionHeading")}</h2>
          <p><span className="tag">{t(`stages.${a.stage}`)}</span>{a.decidedAt ? <span className="muted small"> {t("coordinator.decided")} <LocalTime value={a.decidedAt} /></span> : null}</p>
          {!sent ? (
            <>
              <div className="row row--start">
                {a.stage === "submitted" ? (
                  <Form method="post"><input type="hidden" name="intent" value="shortlist" /><button type="submit" className="button">{t("coordinator.shortlist")}</button></Form>
                ) : (
                  <Form method="post"><input type="hidden" name="intent" value="unshortlist" /><button type="submit" className="button">{t("coordinator.unshortlist")}</button></Form>
                )}
                <Form method="post"><input type="hidden" name="intent" value="decline" /><button type="submit" className="button button--danger">{t("coordinator.decline")}</button></Form>
              </div>
              <Form method="post" className="inline-fields">
                <input type="hidden" name="intent" value="accept" />
                <SelectField id="accept-group" name="groupId" label={t("coordinator.acceptInto")} defaultValue={a.decidedGroupId ?? a.preferredGroupId ?? ""} options={groupOptions} error={actionData?.intent === "accept" ? actionData.fieldErrors.groupId : undefined} />
                <button type="submit" className="button button--primary">{t("coordinator.accept")}</button>
              </Form>

              <h3>{t("coordinator.interviewHeading")}</h3>
              {a.interviewAt ? <p>{t("coordinator.interviewSet")} <LocalTime value={a.interviewAt} /> ({viewerZone})</p> : null}
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="interview" />
                <div className="inline-fields">
                  <Field name="startsAt" type="datetime-local" label={t("coordinator.interviewAt")} error={interviewErrors.startsAt} defaultValue={interviewTyped.startsAt ?? ""} />
                  <Field name="timeZone" label={t("coordinator.interviewZone")} error={interviewErrors.timeZone} defaultValue={interviewTyped.timeZone ?? viewerZone} list="zones" />
                  <Field name="minutes" type="number" label={t("coordinator.interviewMinutes")} error={interviewErrors.minutes} defaultValue={interviewTyped.minutes ?? "45"} min={10} max={180} />
                </div>
                <datalist id="zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
                <Field name="url" type="url" label={t("coordinator.interviewUrl")} error={interviewErrors.url} defaultValue={interviewTyped.url ?? ""} />
                <button type="submit" className="button">{t("coordinator.interviewSubmit")}</button>
              </Form>
            </>
          ) : null}

          <h3>{t("coordinator.outcomeHeading")}</h3>
          {sent ? (
            <>
              <p>{t("coordinator.outcomeSent")} <LocalTime value={a.outcomeSentAt!} /></p>
              {a.stage === "accepted" ? <p className="small">{t(`coordinator.invitation.${c.invitation}`)}</p> : null}
              {a.stage === "accepted" && c.invitation === "lapsed" ? (
                <Form method="post"><input type="hidden" name="intent" value="reissue-invitation" /><button type="submit" className="button">{t("coordinator.reissue")}</button></Form>
              ) : null}
            </>
          ) : a.stage === "accepted" || a.stage === "declined" ? (
            <>
              <p className="muted small">{t("coordinator.outcomeExplain")}</p>
              {!a.canEmail ? <p className="muted small">{t("coordinator.noEmail")}</p> : null}
              <Form method="post"><input type="hidden" name="intent" value="send-outcome" /><button type="submit" className="button button--primary">{t("coordinator.sendOutcome")}</button></Form>
            </>
          ) : (
            <p className="muted small">{t("decision.notDecided")}</p>
          )}
        </section>
      ) : null}

      {!a.erasedAt && a.stage !== "accepted" ? (
        <section className="panel" aria-labelledby="erase-heading">
          <h2 id="erase-heading">{t("coordinator.eraseHeading")}</h2>
          <p className="muted small">{t("coordinator.eraseExplain")}</p>
          {c.erasesAt ? <p className="small">{t("coordinator.erasesAt")} <LocalTime value={c.erasesAt} /></p> : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="erase" />
            <ConfirmBox label={t("coordinator.confirmErase")} />
            <button type="submit" className="button button--danger">{t("coordinator.erase")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export default function ApplicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("applications");
  const { review, coordinator } = loaderData;
  const reference = coordinator?.application.reference ?? review?.reference ?? "";
  const answers = coordinator?.application ?? review?.application ?? null;
  return (
    <>
      <p><a href="/applications">← {t("review.back")}</a></p>
      <PageHeader title={t("review.title", { reference })} />
      <FormAlert focus message={actionData?.error} />
      <FormAlert focus tone="success" message={actionData?.notice} />
      {coordinator ? <CoordinatorPanel data={coordinator} groups={loaderData.groups} zones={loaderData.zones} viewerZone={loaderData.viewerZone} actionData={actionData} /> : null}
      {answers && !answers.erasedAt ? <Answers application={answers} /> : null}
      {review ? <ReviewPanel review={review} actionData={actionData} /> : null}
    </>
  );
}
