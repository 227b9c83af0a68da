import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/apply.$token";
import { localized } from "~/domain/bilingual";
import { getApplicationByToken, withdrawApplication } from "~/domain/applications/applicant.server";
import { env } from "~/infra/env.server";
import { formatDateTime } from "~/infra/time";
import { ApplicationForm } from "~/ui/application-form";
import { ConfirmBox, FormAlert, isConfirmed, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime, useReader } from "~/ui/time";
import { PrivacyNotice } from "./apply";
import { handleApplicationPost, publicCallData } from "~/web/apply-form.server";

// The applicant's private link: resume a draft before the deadline, or follow the status and
// read the outcome (with the invitation link once accepted). No account needed.
export async function loader({ request, params }: Route.LoaderArgs) {
  const found = await getApplicationByToken(params.token);
  if (!found.ok) throw data({ unknown: true }, { status: found.status });
  const application = found.value;
  const url = new URL(request.url);
  const origin = env().PUBLIC_URL ?? url.origin;
  const { groups, stamp } = await publicCallData();
  return {
    application: { ...application, invitationToken: undefined },
    invitationLink: application.invitationToken ? new URL(`/invite/${application.invitationToken}`, origin).toString() : null,
    privateLink: new URL(`/apply/${params.token}`, origin).toString(),
    justSent: url.searchParams.has("sent"),
    justSaved: url.searchParams.has("saved"),
    groups,
    stamp,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.headers.get("content-type")?.includes("form")) {
    const form = await request.clone().formData();
    if (text(form, "intent") === "withdraw") {
      if (!isConfirmed(form)) return data({ values: null, fieldErrors: {}, error: "common:errors.confirmRequired", errorValues: {}, stamp: "" }, { status: 400 });
      const result = await withdrawApplication(params.token);
      if (!result.ok) return data({ values: null, fieldErrors: {}, error: result.error, errorValues: {}, stamp: "" }, { status: result.status });
      return redirect("/apply?withdrawn=1", { status: 303 });
    }
  }
  return handleApplicationPost(request, context.clientAddress, params.token);
}

export default function ApplicationStatus({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("applications");
  const reader = useReader();
  const language = i18n.language;
  const { application, invitationLink, privateLink } = loaderData;
  const group = application.group ? localized(application.group, "name", language) : "";
  const retentionDays = application.call?.retentionDays ?? 90;
  return (
    <>
      <PageHeader title={t("status.title", { reference: application.reference })} />
      {loaderData.justSent && !actionData ? <FormAlert focus tone="success" message="applications:status.submittedNow" values={{ reference: application.reference }} /> : null}
      {loaderData.justSaved && !actionData ? <FormAlert focus tone="success" message="applications:status.draftSaved" /> : null}

      <section className="callout" aria-labelledby="link-heading">
        <h2 id="link-heading">{t("status.linkLabel")}</h2>
        <p>{t("status.keepLink")}</p>
        <label htmlFor="private-link" className="visually-hidden">{t("status.linkLabel")}</label>
        <input id="private-link" className="copyable" readOnly value={privateLink} />
      </section>

      {application.outcome === "accepted" ? (
        <section className="panel outcome outcome--accepted" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t("status.acceptedTitle")}</h2>
          <p>{t("status.acceptedBody", { group })}</p>
          {invitationLink ? (
            <>
              <label htmlFor="invitation-link" className="small">{t("status.invitationLink")}</label>
              <input id="invitation-link" className="copyable" readOnly value={invitationLink} />
              <p><a className="button button--primary" href={invitationLink}>{t("status.invitationOpen")}</a></p>
              <p className="small muted">{t("status.invitationExpiry")}</p>
            </>
          ) : null}
        </section>
      ) : application.outcome === "declined" ? (
        <section className="panel outcome" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t("status.declinedTitle")}</h2>
          <p>{t("status.declinedBody", { days: retentionDays })}</p>
        </section>
      ) : (
        <section className="panel" aria-labelledby="stage-heading">
          <h2 id="stage-heading">{t(`status.stage.${application.stage}`)}</h2>
          {application.submittedAt ? <p className="muted">{t("status.sentOn", { date: formatDateTime(application.submittedAt, reader, { dateStyle: "long" }) })}</p> : null}
          {application.interview ? (
            <div className="stack">
              <p><strong>{t("status.interview", { minutes: application.interview.minutes })}</strong></p>
              <ul>
                <li><LocalTime value={application.interview.at} options={{ dateStyle: "full", timeStyle: "short" }} /> ({reader.timeZone})</li>
                {application.interview.timeZone !== reader.timeZone ? (
                  <li>{t("status.interviewOrganiser", { time: formatDateTime(application.interview.at, { locale: reader.locale, timeZone: application.interview.timeZone }, { dateStyle: "full", timeStyle: "short" }), zone: application.interview.timeZone })}</li>
                ) : null}
              </ul>
              {application.interview.url ? <p><a href={application.interview.url} rel="noreferrer noopener">{t("status.interviewLink")}</a></p> : <p className="muted">{t("status.interviewLinkLater")}</p>}
            </div>
          ) : null}
        </section>
      )}

      {application.isEditable ? (
        <section className="panel" aria-labelledby="form-heading">
          <h2 id="form-heading">{t("apply.formHeading")}</h2>
          <p className="muted">{t("apply.resumeNote")}</p>
          {actionData ? null : <PrivacyNotice retentionDays={retentionDays} />}
          <FormAlert focus message={actionData?.error === "applications:form.fixErrors" ? null : actionData?.error} values={actionData?.errorValues} />
          <ApplicationForm
            values={actionData?.values ?? application.values}
            fieldErrors={actionData?.fieldErrors ?? {}}
            groups={loaderData.groups.map((g) => ({ id: g.id, name: localized(g, "name", language), summary: localized(g, "summary", language) }))}
            stamp={actionData?.stamp || loaderData.stamp}
          />
        </section>
      ) : (
        <>
          <FormAlert focus message={actionData?.error} values={actionData?.errorValues} />
          <details className="panel">
            <summary>{t("status.yourAnswers")}</summary>
            <dl className="answers">
              {(["name", "contact", "country", "organisation", "experience", "motivation", "learningGoals", "capacityNote", "conflictOfInterest"] as const).map((field) =>
                application.values[field] ? (
                  <div key={field}>
                    <dt>{t(`form.${field}`)}</dt>
                    <dd>{application.values[field]}</dd>
                  </div>
                ) : null,
              )}
            </dl>
          </details>
        </>
      )}

      {application.outcome !== "accepted" ? (
        <section className="panel" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t("status.withdraw")}</h2>
          <p className="muted small">{t("status.withdrawHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <ConfirmBox label={t("status.confirmWithdraw")} />
            <button type="submit" className="button button--danger">{t("status.withdraw")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("applications");
  return (
    <div className="narrow">
      <h1>{t("status.unknownTitle")}</h1>
      <p>{t("status.unknown")}</p>
      <p><a href="/apply">{t("apply.title")}</a></p>
    </div>
  );
}
