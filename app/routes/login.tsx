import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { verifyCredentials } from "~/domain/accounts.server";
import { getViewer } from "~/web/auth.server";
import { createSignInChallenge, secondFactorKinds, verifySecondFactor } from "~/domain/second-factor.server";
import { Field, FormAlert, text } from "~/ui/forms";
import { loadPage, passkeyCeremony, passkeysSupported } from "~/ui/passkeys-client";
import { beginSession } from "~/web/sign-in.server";

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect("/");
  return null;
}

async function signedIn(request: Request, userId: string, timeZone: string) {
  const { cookie, next } = await beginSession(request, userId, timeZone);
  return redirect(next, { status: 303, headers: { "Set-Cookie": cookie } });
}

const noFactors = { totp: true, passkey: false };

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
        { step, error: result.error, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60), username: "", challenge: step === "code" ? challenge : "", factors: text(form, "passkey") === "yes" ? { totp: text(form, "totp") === "yes", passkey: true } : noFactors },
        { status: result.status },
      );
    }
    return signedIn(request, result.value.userId, timeZone);
  }

  const username = text(form, "username");
  const result = await verifyCredentials({ username, password: text(form, "password"), address: context.clientAddress });
  if (!result.ok) {
    return data(
      { step: "password" as const, error: result.error, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60), username, challenge: "", factors: noFactors },
      { status: result.error === "auth:errors.rateLimited" ? 429 : 400 },
    );
  }
  const factors = await secondFactorKinds(result.userId);
  if (factors.totp || factors.passkey) {
    return data({ step: "code" as const, error: null, retryAfterMinutes: 0, username: "", challenge: await createSignInChallenge(result.userId), factors });
  }
  return signedIn(request, result.userId, timeZone);
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const timeZone = useRef<HTMLInputElement>(null);
  const step = actionData?.step ?? "password";
  const factors = actionData?.factors ?? noFactors;
  // Passkey buttons appear only once JavaScript runs and the browser can use passkeys.
  const [canPasskey, setCanPasskey] = useState(false);
  const [passkeyError, setPasskeyError] = useState<{ error: string; minutes?: number } | null>(null);
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  useEffect(() => {
    // Learned from the browser once, so times show in the member's zone from the first page.
    if (timeZone.current) timeZone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setCanPasskey(passkeysSupported());
  }, [step]);
  async function withPasskey(start: Record<string, unknown>, finish: Record<string, unknown>) {
    setPasskeyBusy(true);
    setPasskeyError(null);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const result = await passkeyCeremony("use", start, { ...finish, timeZone: zone });
    if (result.ok) {
      // A full load: the new session cookie decides everything the next page shows.
      loadPage(result.next ?? "/");
      return;
    }
    setPasskeyBusy(false);
    setPasskeyError({ error: result.error, minutes: result.minutes });
  }
  if (step === "code") {
    return (
      <div className="narrow">
        <h1>{t("login.codeTitle")}</h1>
        <p className="muted">{factors.totp ? t("login.codeIntro") : t("login.passkeyIntro")}</p>
        <FormAlert focus message={passkeyError?.error ?? actionData?.error} values={{ minutes: passkeyError ? passkeyError.minutes : actionData?.retryAfterMinutes }} />
        {factors.passkey && canPasskey ? (
          <p>
            <button
              type="button"
              className="button button--primary"
              disabled={passkeyBusy}
              onClick={() => withPasskey({ intent: "second-factor-options", challenge: actionData?.challenge }, { intent: "second-factor-verify", challenge: actionData?.challenge })}
            >
              {t("login.usePasskey")}
            </button>
          </p>
        ) : null}
        {factors.passkey && !factors.totp ? (
          <noscript>
            <p className="callout">{t("login.passkeyNeedsScript")}</p>
          </noscript>
        ) : null}
        <Form method="post" className="stack" replace>
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="challenge" value={actionData?.challenge ?? ""} />
          <input type="hidden" name="passkey" value={factors.passkey ? "yes" : "no"} />
          <input type="hidden" name="totp" value={factors.totp ? "yes" : "no"} />
          <Field name="code" label={factors.totp ? t("login.code") : t("login.recoveryCode")} autoComplete="one-time-code" required autoCapitalize="none" spellCheck={false} autoFocus={!factors.passkey} />
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
      <FormAlert focus message={passkeyError?.error ?? actionData?.error} values={{ minutes: passkeyError ? passkeyError.minutes : actionData?.retryAfterMinutes }} />
      <Form method="post" className="stack" replace>
        <Field name="username" label={t("login.username")} autoComplete="username" required defaultValue={actionData?.username} autoCapitalize="none" spellCheck={false} />
        <Field name="password" label={t("login.password")} type="password" autoComplete="current-password" required />
        <input type="hidden" name="timeZone" ref={timeZone} />
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      {canPasskey ? (
        <div className="stack">
          <p className="muted small">{t("login.or")}</p>
          <button type="button" className="button" disabled={passkeyBusy} onClick={() => withPasskey({ intent: "sign-in-options" }, { intent: "sign-in-verify" })}>
            {t("login.signInWithPasskey")}
          </button>
        </div>
      ) : null}
      <p className="muted small">{t("login.invitationOnly")}</p>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
