import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { rememberTimeZoneIfUnset, verifyCredentials } from "~/domain/accounts.server";
import { getViewer } from "~/web/auth.server";
import { createSignInChallenge, hasSecondFactor, verifySecondFactor } from "~/domain/second-factor.server";
import { safeRedirectPath } from "~/infra/safe-redirect";
import { createSession, deviceLabelFrom, SESSION_ABSOLUTE_MS } from "~/domain/sessions.server";
import { sessionCookie } from "~/infra/cookies.server";
import { Field, FormAlert, text } from "~/ui/forms";

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect("/");
  return null;
}

async function signedIn(request: Request, userId: string, timeZone: string) {
  await rememberTimeZoneIfUnset(userId, timeZone);
  const { token } = await createSession(userId, deviceLabelFrom(request.headers.get("user-agent")));
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"));
  return redirect(next, { status: 303, headers: { "Set-Cookie": sessionCookie(token, SESSION_ABSOLUTE_MS / 1000) } });
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const timeZone = text(form, "timeZone");

  // Step two, for members with a second factor: the code, carried with the challenge token.
  if (text(form, "intent") === "code") {
    const challenge = text(form, "challenge");
    const result = await verifySecondFactor({ challenge, code: text(form, "code"), address: context.clientAddress });
    if (!result.ok) {
      // An expired challenge starts again from the password; otherwise the same code form.
      const step = result.status === 409 ? ("password" as const) : ("code" as const);
      return data(
        { step, error: result.error, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60), username: "", challenge: step === "code" ? challenge : "" },
        { status: result.status },
      );
    }
    return signedIn(request, result.value.userId, timeZone);
  }

  const username = text(form, "username");
  const result = await verifyCredentials({ username, password: text(form, "password"), address: context.clientAddress });
  if (!result.ok) {
    return data(
      { step: "password" as const, error: result.error, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60), username, challenge: "" },
      { status: result.error === "auth:errors.rateLimited" ? 429 : 400 },
    );
  }
  if (await hasSecondFactor(result.userId)) {
    return data({ step: "code" as const, error: null, retryAfterMinutes: 0, username: "", challenge: await createSignInChallenge(result.userId) });
  }
  return signedIn(request, result.userId, timeZone);
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const timeZone = useRef<HTMLInputElement>(null);
  const step = actionData?.step ?? "password";
  useEffect(() => {
    // Learned from the browser once, so times show in the member's zone from the first page.
    if (timeZone.current) timeZone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }, [step]);
  if (step === "code") {
    return (
      <div className="narrow">
        <h1>{t("login.codeTitle")}</h1>
        <p className="muted">{t("login.codeIntro")}</p>
        <FormAlert message={actionData?.error} values={{ minutes: actionData?.retryAfterMinutes }} />
        <Form method="post" className="stack" replace>
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="challenge" value={actionData?.challenge ?? ""} />
          <Field name="code" label={t("login.code")} autoComplete="one-time-code" required autoCapitalize="none" spellCheck={false} autoFocus />
          <input type="hidden" name="timeZone" ref={timeZone} />
          <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
            {t("login.codeSubmit")}
          </button>
        </Form>
        <p className="small">
          <a href="/login">{t("login.startOver")}</a>
        </p>
      </div>
    );
  }
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
