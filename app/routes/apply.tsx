import { useTranslation } from "react-i18next";
import type { Route } from "./+types/apply";
import { emptyApplicationValues } from "~/domain/applications/model";
import { localized } from "~/domain/bilingual";
import { ApplicationForm } from "~/ui/application-form";
import { FormAlert } from "~/ui/forms";
import { EmptyState, PageHeader } from "~/ui/page";
import { formatDateTime } from "~/infra/time";
import { useReader } from "~/ui/time";
import { handleApplicationPost, publicCallData } from "~/web/apply-form.server";

// Public, no account: the call for applications as the coordinator wrote it, and the form.
export async function loader({ request }: Route.LoaderArgs) {
  return { ...(await publicCallData()), withdrawn: new URL(request.url).searchParams.has("withdrawn") };
}

export async function action({ request, context }: Route.ActionArgs) {
  return handleApplicationPost(request, context.clientAddress, null);
}

/** Plain text with blank-line paragraphs (and one item per line for lists). */
export function Paragraphs({ text, asList = false }: { text: string; asList?: boolean }) {
  if (asList) {
    const items = text.split("\n").map((line) => line.trim()).filter(Boolean);
    return <ul>{items.map((item, index) => <li key={index}>{item}</li>)}</ul>;
  }
  return <>{text.split(/\n\s*\n/).map((paragraph, index) => <p key={index}>{paragraph}</p>)}</>;
}

export function PrivacyNotice({ retentionDays }: { retentionDays: number }) {
  const { t } = useTranslation("applications");
  return (
    <section className="callout" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t("privacy.heading")}</h2>
      <ul>
        {(["stored", "reviewers", "erasure", "withdraw", "tracking"] as const).map((item) => (
          <li key={item}>{t(`privacy.items.${item}`, { days: retentionDays })}</li>
        ))}
      </ul>
      <p className="small">{t("privacy.criteria")}</p>
    </section>
  );
}

export default function Apply({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("applications");
  const language = i18n.language;
  const reader = useReader();
  const { call, isOpen, groups } = loaderData;
  if (!call) {
    return (
      <>
        <PageHeader title={t("apply.title")} lead={t("apply.lead")} />
        <EmptyState title={t("apply.noCall.title")} body={t("apply.noCall.body")} />
      </>
    );
  }
  const deadline = formatDateTime(call.closesAt, reader, { dateStyle: "full", timeStyle: "short" });
  return (
    <>
      {loaderData.withdrawn ? <FormAlert focus tone="success" message="applications:status.withdrawn" /> : null}
      <PageHeader title={localized(call, "title", language)}>
        <p className="deadline">
          <time dateTime={new Date(call.closesAt).toISOString()}>{t("apply.deadline", { deadline, zone: reader.timeZone })}</time>
        </p>
      </PageHeader>
      {/* After a refusal the call folds away, so on a phone the messages and the form come first. */}
      <details className="call-text" open={!actionData}>
        <summary>{t("apply.readCall")}</summary>
        <section aria-labelledby="themes-heading">
          <h2 id="themes-heading">{t("apply.themes")}</h2>
          <Paragraphs text={localized(call, "themes", language)} />
        </section>
        <section aria-labelledby="commitments-heading">
          <h2 id="commitments-heading">{t("apply.commitments")}</h2>
          <Paragraphs text={localized(call, "commitments", language)} asList />
        </section>
        <section aria-labelledby="honorarium-heading">
          <h2 id="honorarium-heading">{t("apply.honorarium")}</h2>
          <Paragraphs text={localized(call, "honorarium", language)} />
        </section>
        <section aria-labelledby="eligibility-heading">
          <h2 id="eligibility-heading">{t("apply.eligibility")}</h2>
          <Paragraphs text={localized(call, "eligibility", language)} />
        </section>
      </details>
      {isOpen || actionData ? (
        <section className="panel" aria-labelledby="form-heading">
          <h2 id="form-heading">{t("apply.formHeading")}</h2>
          {actionData ? null : <PrivacyNotice retentionDays={call.retentionDays} />}
          <FormAlert focus message={actionData?.error === "applications:form.fixErrors" ? null : actionData?.error} values={actionData?.errorValues} />
          <ApplicationForm
            values={actionData?.values ?? emptyApplicationValues()}
            fieldErrors={actionData?.fieldErrors ?? {}}
            groups={groups.map((g) => ({ id: g.id, name: localized(g, "name", language), summary: localized(g, "summary", language) }))}
            stamp={actionData?.stamp ?? loaderData.stamp}
          />
        </section>
      ) : (
        <EmptyState title={t("apply.closed.title")} body={t("apply.closed.body", { deadline, zone: reader.timeZone })} />
      )}
    </>
  );
}
