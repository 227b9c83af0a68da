// Undoing an erasure within its seven days, with the code shown once when it was asked for.
// No session is needed (there is none left); the code alone is the key.
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/account.undo";
import { undoErasure } from "~/domain/account-erasure.server";
import { Field, FormAlert, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const result = await undoErasure(text(form, "code"), context.clientAddress);
  if (!result.ok) return data({ error: result.error, restored: false }, { status: result.status });
  return { error: null, restored: true };
}

export default function UndoErasure({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  if (actionData?.restored) {
    return (
      <>
        <PageHeader title={t("undo.doneTitle")} lead={t("undo.doneLead")} />
        <p><Link className="button button--primary" to="/login">{t("undo.signIn")}</Link></p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("undo.title")} lead={t("undo.lead")} />
      <Form method="post" className="panel stack">
        <FormAlert focus message={actionData?.error} />
        <Field name="code" label={t("undo.code")} autoComplete="off" required />
        <button type="submit" className="button button--primary">{t("undo.submit")}</button>
      </Form>
    </>
  );
}
