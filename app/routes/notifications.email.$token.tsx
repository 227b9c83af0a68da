// The one-click email preference page linked from every notification email: no sign-in needed,
// the link's token grants only these choices. Viewing changes nothing (link scanners open links);
// one button press does. Mail clients' RFC 8058 one-click POST stops emails at once.
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/notifications.email.$token";
import { EMAIL_MODES, type EmailMode } from "~/domain/notification-types";
import { confirmEmailAddress, isPendingConfirmation, preferencesByToken, setEmailModeByToken } from "~/domain/notifications.server";
import { FormAlert, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { loadAsDocument, staticPage } from "~/ui/light-page";

// A published text: no app bundle and nothing live (see ui/light-page).
export const handle = staticPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  const preferences = await preferencesByToken(params.token);
  if (!preferences) throw new Response("Not found", { status: 404 });
  // The link in the address confirmation mail adds ?confirm=<code>: a button confirms (viewing does not).
  const code = new URL(request.url).searchParams.get("confirm");
  const confirm = code === null ? null : { code, isValid: await isPendingConfirmation(params.token, code) };
  return { emailMode: preferences.emailMode, confirm };
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = await request.formData();
  if (text(form, "intent") === "confirm-address") {
    const confirmed = await confirmEmailAddress(params.token, text(form, "code"));
    if (!confirmed) return data({ saved: false, error: "mail:confirm.invalid", confirmed: false }, { status: 400 });
    return { saved: false, error: null, confirmed: true };
  }
  // RFC 8058: "List-Unsubscribe=One-Click" means stop.
  const requested = text(form, "List-Unsubscribe") === "One-Click" ? "none" : text(form, "emailMode");
  if (!(EMAIL_MODES as readonly string[]).includes(requested)) return data({ saved: false, error: "notifications:errors.badMode" }, { status: 400 });
  const ok = await setEmailModeByToken(params.token, requested as EmailMode);
  if (!ok) throw new Response("Not found", { status: 404 });
  return { saved: true, error: null };
}

export default function EmailPreferences({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("notifications");
  return (
    <div className="narrow">
      <PageHeader title={t("emailPage.title")} lead={t("emailPage.lead")} />
      {actionData?.saved ? <FormAlert focus tone="success" message="notifications:emailPage.saved" /> : null}
      {actionData?.error ? <FormAlert focus message={actionData.error} /> : null}
      {actionData && "confirmed" in actionData && actionData.confirmed ? <FormAlert focus tone="success" message="mail:confirm.done" /> : null}
      {loaderData.confirm && !(actionData && "confirmed" in actionData && actionData.confirmed) ? (
        <section className="panel" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{t("mail:confirm.pageTitle")}</h2>
          {loaderData.confirm.isValid ? (
            <Form method="post" className="stack">
              <p>{t("mail:confirm.pageLead")}</p>
              <input type="hidden" name="intent" value="confirm-address" />
              <input type="hidden" name="code" value={loaderData.confirm.code} />
              <button type="submit" className="button button--primary">{t("mail:confirm.button")}</button>
            </Form>
          ) : (
            <p>{t("mail:confirm.invalid")}</p>
          )}
        </section>
      ) : null}
      <p>{t("emailPage.current", { mode: t(`modes.${loaderData.emailMode}`) })}</p>
      <div className="stack">
        {EMAIL_MODES.map((mode) => (
          <Form method="post" key={mode} className="inline-form">
            <input type="hidden" name="emailMode" value={mode} />
            <button type="submit" className={`button${mode === "none" ? " button--danger" : ""}`} disabled={mode === loaderData.emailMode}>
              {t(`emailPage.choose.${mode}`)}
            </button>
          </Form>
        ))}
      </div>
      <p className="muted small">{t("emailPage.more")}</p>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
