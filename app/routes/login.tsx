import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { rememberTimeZoneIfUnset, verifyCredentials } from "~/domain/accounts.server";
import { getViewer } from "~/web/auth.server";
import { safeRedirectPath } from "~/infra/safe-redirect";
import { createSession, deviceLabelFrom, SESSION_ABSOLUTE_MS } from "~/domain/sessions.server";
import { sessionCookie } from "~/infra/cookies.server";
import { Field, FormAlert, text } from "~/ui/forms";

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const username = text(form, "username");
  const result = await verifyCredentials({ username, password: text(form, "password"), address: context.clientAddress });
  if (!result.ok) {
    return data(
      { error: result.error, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60), username },
      { status: result.error === "auth:errors.rateLimited" ? 429 : 400 },
    );
  }
  await rememberTimeZoneIfUnset(result.userId, text(form, "timeZone"));
  const { token } = await createSession(result.userId, deviceLabelFrom(request.headers.get("user-agent")));
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"));
  return redirect(next, { status: 303, headers: { "Set-Cookie": sessionCookie(token, SESSION_ABSOLUTE_MS / 1000) } });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const timeZone = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Learned from the browser once, so times show in the member's zone from the first page.
    if (timeZone.current) timeZone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }, []);
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      <FormAlert message={actionData?.error} values={{ minutes: actionData?.retryAfterMinutes }} />
      <Form method="post" className="stack" replace>
        <Field name="username" label={t("login.username")} autoComplete="username" required defaultValue={actionData?.username} autoCapitalize="none" spellCheck={false} />
        <Field name="password" label={t("login.password")} type="password" autoComplete="current-password" required />
        <input type="hidden" name="timeZone" ref={timeZone} />
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="muted small">{t("login.invitationOnly")}</p>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
