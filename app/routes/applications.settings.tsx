import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/applications.settings";
import { callSchema, closeBlindRound, getCurrentCallSettings, saveCall } from "~/domain/applications/call.server";
import { appointReviewer, listReviewers, removeReviewer } from "~/domain/applications/reviewers.server";
import { requirePermission } from "~/web/auth.server";
import { parseWith } from "~/infra/validation";
import { localized } from "~/domain/bilingual";
import * as applicationsPolicy from "~/domain/policies/applications";
import { refuse } from "~/domain/result";
import { ConfirmBox, Field, FormAlert, isConfirmed, SelectField, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

// The coordinator writes the call (both languages), sets its deadline and retention, how it is
// reviewed (a blind first round, reviewers per application, the interview mail's Reply-To), and
// appoints the review committee.
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "applications.manage");
  const [call, committee] = await Promise.all([getCurrentCallSettings(), listReviewers(user)]);
  if (!committee.ok) throw new Response("Forbidden", { status: committee.status });
  return { call, reviewers: committee.value.reviewers, candidates: committee.value.candidates, isBlindRoundOpen: call ? applicationsPolicy.isBlindRoundOpen(call) : false };
}

const CALL_FIELDS = ["titleEn", "titleFr", "themesEn", "themesFr", "commitmentsEn", "commitmentsFr", "honorariumEn", "honorariumFr", "eligibilityEn", "eligibilityFr", "closesAt", "retentionDays", "reviewersPerApplication", "interviewReplyTo", "blindFirstRound"] as const;

/** "2027-01-31T17:00" typed as UTC → a Date, or undefined when not a date. */
function utcFromInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "applications.manage");
  const form = await request.formData();
  const intent = text(form, "intent");
  const values = Object.fromEntries(CALL_FIELDS.map((f) => [f, text(form, f)])) as Record<string, string>;
  switch (intent) {
    case "save-call": {
      const parsed = parseWith(callSchema, { ...values, closesAt: utcFromInput(values.closesAt), blindFirstRound: values.blindFirstRound === "yes" });
      if (!parsed.ok) return data({ intent, values, fieldErrors: parsed.fieldErrors, error: "applications:form.fixErrors", notice: null }, { status: 400 });
      const result = await saveCall(user, parsed.value);
      return data({ intent, values, fieldErrors: {}, error: result.ok ? null : result.error, notice: result.ok ? "applications:settings.saved" : null }, { status: result.ok ? 200 : result.status });
    }
    case "appoint": {
      const result = await appointReviewer(user, text(form, "userId"));
      return data({ intent, values: { userId: text(form, "userId") }, fieldErrors: result.ok ? {} : { userId: result.error }, error: null, notice: result.ok ? "applications:settings.appointed" : null }, { status: result.ok ? 200 : result.status });
    }
    case "close-blind-round": {
      const result = isConfirmed(form) ? await closeBlindRound(user) : refuse.invalid("common:errors.confirmRequired", "confirm");
      return data({ intent, values: {}, fieldErrors: {}, error: result.ok ? null : result.error, notice: result.ok ? "applications:blind.closed" : null }, { status: result.ok ? 200 : result.status });
    }
    case "remove-reviewer": {
      const result = await removeReviewer(user, text(form, "userId"));
      return data({ intent, values: {}, fieldErrors: {}, error: result.ok ? null : result.error, notice: null }, { status: result.ok ? 200 : result.status });
    }
    default:
      return data({ intent, values: {}, fieldErrors: {}, error: "common:errors.invalidValue", notice: null }, { status: 400 });
  }
}

export default function ApplicationSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("applications");
  const { call } = loaderData;
  const typed = (actionData?.intent === "save-call" ? actionData.values : null) as Record<string, string> | null;
  const errors = (actionData?.intent === "save-call" ? actionData.fieldErrors : {}) as Record<string, string | undefined>;
  const stored = (field: (typeof CALL_FIELDS)[number]): string => {
    if (typed) return typed[field] ?? "";
    if (!call) return ({ retentionDays: "90", reviewersPerApplication: "2" } as Record<string, string>)[field] ?? "";
    if (field === "closesAt") return call.closesAt.toISOString().slice(0, 16);
    if (field === "blindFirstRound") return call.blindFirstRound ? "yes" : "";
    return String(call[field]);
  };
  const area = (field: (typeof CALL_FIELDS)[number], label: string, rows = 5, hint?: string) => (
    <Field name={field} label={label} hint={hint} error={errors[field]}>
      <textarea id={`field-${field}`} name={field} rows={rows} defaultValue={stored(field)} aria-invalid={errors[field] ? true : undefined} />
    </Field>
  );
  return (
    <>
      <p><a href="/applications">← {t("review.back")}</a></p>
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      <FormAlert focus message={actionData?.error} />
      <FormAlert focus tone="success" message={actionData?.notice} />

      <section className="panel" aria-labelledby="call-heading">
        <h2 id="call-heading">{t("settings.callHeading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="save-call" />
          <div className="columns columns--two">
            {(["En", "Fr"] as const).map((suffix) => (
              <fieldset key={suffix} className="stack" lang={suffix.toLowerCase()}>
                <legend>{t(suffix === "En" ? "settings.english" : "settings.french")}</legend>
                <Field name={`title${suffix}`} label={t("settings.titleLabel")} error={errors[`title${suffix}`]} defaultValue={stored(`title${suffix}`)} />
                {area(`themes${suffix}`, t("settings.themes"), 8, t("settings.paragraphsHint"))}
                {area(`commitments${suffix}`, t("settings.commitments"), 5, t("settings.commitmentsHint"))}
                {area(`honorarium${suffix}`, t("settings.honorarium"), 3)}
                {area(`eligibility${suffix}`, t("settings.eligibility"))}
              </fieldset>
            ))}
          </div>
          <div className="inline-fields">
            <Field name="closesAt" type="datetime-local" label={t("settings.closesAt")} hint={t("settings.closesAtHint")} error={errors.closesAt} defaultValue={stored("closesAt")} />
            <Field name="retentionDays" type="number" min={1} max={730} label={t("settings.retentionDays")} error={errors.retentionDays} defaultValue={stored("retentionDays")} />
          </div>
          <fieldset className="stack">
            <legend>{t("settings.reviewHeading")}</legend>
            <label className="checkbox">
              <input type="checkbox" name="blindFirstRound" value="yes" defaultChecked={stored("blindFirstRound") === "yes"} aria-describedby="blind-hint" /> {t("settings.blindFirstRound")}
            </label>
            <p className="field__hint" id="blind-hint">{t("settings.blindFirstRoundHint")}</p>
            <div className="inline-fields">
              <Field name="reviewersPerApplication" type="number" min={1} max={20} label={t("settings.reviewersPerApplication")} hint={t("settings.reviewersPerApplicationHint")} error={errors.reviewersPerApplication} defaultValue={stored("reviewersPerApplication")} />
              <Field name="interviewReplyTo" type="email" label={t("settings.interviewReplyTo")} hint={t("settings.interviewReplyToHint")} error={errors.interviewReplyTo} defaultValue={stored("interviewReplyTo")} autoComplete="email" />
            </div>
          </fieldset>
          <button type="submit" className="button button--primary">{t("settings.save")}</button>
        </Form>
      </section>

      {call?.blindFirstRound ? (
        <section className="panel" aria-labelledby="blind-heading">
          <h2 id="blind-heading">{t("blind.heading")}</h2>
          {loaderData.isBlindRoundOpen ? (
            <>
              <p className="muted small">{t("blind.closeExplain")}</p>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="close-blind-round" />
                <ConfirmBox label={t("blind.confirmClose")} />
                <button type="submit" className="button button--danger">{t("blind.close")}</button>
              </Form>
            </>
          ) : (
            <p>{t("blind.closedOn")} <LocalTime value={call.blindRoundClosedAt!} /></p>
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="reviewers-heading" id="reviewers">
        <h2 id="reviewers-heading">{t("settings.reviewersHeading")}</h2>
        <p className="muted small">{t("settings.reviewersExplain")}</p>
        {loaderData.reviewers.length === 0 ? <p className="muted">{t("settings.noReviewers")}</p> : (
          <ul className="plain-list">
            {loaderData.reviewers.map((reviewer) => (
              <li key={reviewer.id} className="row">
                <span><strong>{reviewer.displayName}</strong></span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-reviewer" />
                  <input type="hidden" name="userId" value={reviewer.id} />
                  <button type="submit" className="button button--danger">{t("settings.remove")}</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {loaderData.candidates.length === 0 ? <p className="muted small">{t("settings.noCandidates")}</p> : (
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="appoint" />
            <SelectField
              name="userId"
              label={t("settings.pickMember")}
              hint={t("settings.pickMemberHint")}
              error={actionData?.intent === "appoint" ? (actionData.fieldErrors as Record<string, string | undefined>).userId : undefined}
              defaultValue={actionData?.intent === "appoint" ? ((actionData.values as Record<string, string | undefined>).userId ?? "") : ""}
              options={[
                { value: "", label: t("settings.pickMemberPlaceholder") },
                ...loaderData.candidates.map((c) => ({
                  value: c.id,
                  label: c.groups.length ? `${c.displayName} (${c.groups.map((g) => localized(g, "name", i18n.language)).join(", ")})` : c.displayName,
                })),
              ]}
            />
            <button type="submit" className="button">{t("settings.appoint")}</button>
          </Form>
        )}
      </section>
    </>
  );
}
