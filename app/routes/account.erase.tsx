// Erasing one's own account: the choice about posts, the password, and then, once, the undo
// code. The answer also ends this device's session and clears what the site kept on it.
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/account.erase";
import { ERASURE_MODES } from "~/domain/account-erasure";
import { erasureRequestSchema, requestErasure } from "~/domain/account-erasure.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { getViewer, requireViewer } from "~/web/auth.server";
import { sessionEndedHere } from "~/web/session-end.server";

export async function loader({ request }: Route.LoaderArgs) {
  // Never a redirect: right after the erasure this runs without a session (loaders run after the
  // action), and the page must still show the undo code. Signed out, it offers to sign in.
  return { signedIn: Boolean(await getViewer(request)) };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const parsed = parseWith(erasureRequestSchema, { mode: text(form, "mode"), password: text(form, "password"), confirm: text(form, "confirm") === "on" });
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors as Record<string, string>, undoCode: null, finalAfter: null }, { status: 400 });
  const result = await requestErasure(user, parsed.value);
  if (!result.ok) return data({ fieldErrors: result.fieldErrors ?? { form: result.error }, undoCode: null, finalAfter: null }, { status: result.status });
  return data(
    { fieldErrors: {} as Record<string, string>, undoCode: result.value.undoCode, finalAfter: result.value.finalAfter },
    { headers: { ...sessionEndedHere(), "Cache-Control": "no-store" } },
  );
}

// The answer to the erasure carries the session's end (cookie, Clear-Site-Data) to the browser.
export function headers({ actionHeaders, loaderHeaders }: Route.HeadersArgs) {
  return actionHeaders.has("Clear-Site-Data") ? actionHeaders : loaderHeaders;
}

export default function EraseAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("account");
  if (actionData?.undoCode) {
    return (
      <>
        <PageHeader title={t("erased.title")} lead={t("erased.lead")} />
        <section className="panel stack" aria-labelledby="undo-code-heading">
          <h2 id="undo-code-heading">{t("erased.codeHeading")}</h2>
          <p>{t("erased.codeExplain")}</p>
          <p className="callout"><code data-testid="undo-code">{actionData.undoCode}</code></p>
          <p>{t("erased.until")} <LocalTime value={actionData.finalAfter!} options={{ dateStyle: "long", timeStyle: "short" }} /></p>
          <p><Link to="/account/undo">{t("erased.undoLink")}</Link></p>
        </section>
      </>
    );
  }
  if (!loaderData.signedIn) return <p><Link to="/login?next=%2Faccount%2Ferase">{t("erase.signIn")}</Link></p>;
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <PageHeader title={t("erase.title")} lead={t("erase.lead")} />
      <FormAlert focus message={errors.form} />
      <Form method="post" className="panel stack">
        <ul>
          <li>{t("erase.atOnce")}</li>
          <li>{t("erase.undo")}</li>
          <li>{t("erase.files")}</li>
          <li>{t("erase.final")}</li>
        </ul>
        <fieldset className="field">
          <legend>{t("erase.mode")}</legend>
          {ERASURE_MODES.map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" name="mode" value={mode} required /> {t(`erase.modes.${mode}`)}
            </label>
          ))}
          {errors.mode ? <p className="field__error">{t(errors.mode)}</p> : null}
        </fieldset>
        <Field name="password" type="password" label={t("erase.password")} autoComplete="current-password" error={errors.password} required />
        <label className="choice">
          <input type="checkbox" name="confirm" required /> {t("erase.confirm")}
        </label>
        {errors.confirm ? <p className="field__error">{t(errors.confirm)}</p> : null}
        <button type="submit" className="button button--danger">{t("erase.submit")}</button>
        <p><Link to="/settings">{t("erase.cancel")}</Link></p>
      </Form>
    </>
  );
}
