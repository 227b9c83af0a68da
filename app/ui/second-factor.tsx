// Settings: every second factor in one place — the authenticator app, each passkey, the
// recovery codes left. Plain forms for all but the passkey ceremonies (they work without
// JavaScript); the TOTP secret is shown as text with its otpauth address, for any app.
// Changing factors asks for the password again, unless the member proved it was them in the
// last few minutes (sign-in, or "confirm it's you" with a code or a passkey).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { SecondFactorStatus } from "~/domain/second-factor.server";
import { Field, FormAlert } from "./forms";
import { loadPage, passkeyCeremony, passkeysSupported } from "./passkeys-client";
import { LocalTime } from "./time";

export function SecondFactorSection({
  status,
  intent,
  errors,
  recoveryCodes,
  busy,
  recentlyProved,
  mustEnrol,
  retryAfterMinutes,
}: {
  status: SecondFactorStatus;
  intent?: string;
  errors: Record<string, string | undefined>;
  recoveryCodes?: string[];
  busy: boolean;
  recentlyProved: boolean;
  mustEnrol: boolean;
  /** With a rate-limit refusal: how long to wait. */
  retryAfterMinutes?: number;
}) {
  const { t } = useTranslation("settings");
  const grouped = status.pending?.secret.match(/.{1,4}/g)?.join(" ");
  const [canPasskey, setCanPasskey] = useState(false);
  const [passkeyError, setPasskeyError] = useState<{ error: string; minutes?: number } | null>(null);
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  // Recovery codes that came with a first passkey: shown here once, then the page reloads.
  const [passkeyCodes, setPasskeyCodes] = useState<string[] | null>(null);
  useEffect(() => setCanPasskey(passkeysSupported()), []);
  const hasFactor = status.enrolled || status.passkeys.length > 0;
  const passwordHint = recentlyProved ? t("factors.passwordNotNeeded") : undefined;

  async function ceremony(kind: "register" | "use", start: Record<string, unknown>, finish: Record<string, unknown>) {
    setPasskeyBusy(true);
    setPasskeyError(null);
    const result = await passkeyCeremony(kind, start, finish);
    if (result.ok && result.recoveryCodes?.length) {
      setPasskeyBusy(false);
      setPasskeyCodes(result.recoveryCodes);
      return;
    }
    if (result.ok) {
      loadPage(result.next ?? "/settings#second-factor-heading");
      return;
    }
    setPasskeyBusy(false);
    setPasskeyError({ error: result.error, minutes: result.minutes });
  }

  return (
    <section className="panel" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{t("secondFactor.heading")}</h2>
      {mustEnrol ? (
        <div className="alert alert--warning" role="alert">
          <p>{t("factors.mustEnrol")}</p>
        </div>
      ) : status.required ? (
        <p className="callout">{t("factors.required")}</p>
      ) : null}
      <p className="muted">{t("secondFactor.explain")}</p>
      <FormAlert focus message={passkeyError?.error ?? errors.form} values={{ minutes: passkeyError ? passkeyError.minutes : retryAfterMinutes }} />

      {passkeyCodes ? (
        <div className="alert alert--success" role="status">
          <p>
            <strong>{t("passkeys.added")}</strong> {t("secondFactor.recoveryIntro")}
          </p>
          <ol className="recovery-codes" aria-label={t("secondFactor.recoveryLabel")}>
            {passkeyCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <button type="button" className="button" onClick={() => loadPage("/settings#second-factor-heading")}>
            {t("passkeys.savedCodes")}
          </button>
        </div>
      ) : null}

      <h3>{t("factors.listHeading")}</h3>
      <ul className="plain-list factor-list">
        <li>
          <strong>{t("factors.app")}</strong> · {status.enrolled ? t("factors.on") : t("factors.off")}
        </li>
        {status.passkeys.map((passkey) => (
          <li key={passkey.id} className="factor">
            <div>
              <strong>{t("factors.passkey", { name: passkey.name })}</strong>
              <p className="muted small">
                {t("factors.added")} <LocalTime value={passkey.createdAt} options={{ dateStyle: "medium" }} />
                {passkey.lastUsedAt ? (
                  <>
                    {" · "}
                    {t("factors.lastUsed")} <LocalTime value={passkey.lastUsedAt} />
                  </>
                ) : null}
              </p>
            </div>
            <details>
              <summary>{t("factors.change", { name: passkey.name })}</summary>
              <Form method="post" className="inline-fields">
                <input type="hidden" name="intent" value="passkey-rename" />
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <Field id={`passkey-name-${passkey.id}`} name="name" label={t("passkeys.newName")} defaultValue={passkey.name} maxLength={60} required />
                <button type="submit" className="button" disabled={busy}>{t("passkeys.rename")}</button>
              </Form>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="passkey-remove" />
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <Field id={`passkey-password-${passkey.id}`} name="password" type="password" label={t("passkeys.passwordToRemove")} hint={passwordHint} autoComplete="current-password" required={!recentlyProved} />
                <button type="submit" className="button button--danger" disabled={busy}>{t("passkeys.remove", { name: passkey.name })}</button>
              </Form>
            </details>
          </li>
        ))}
        {status.passkeys.length > 0 && !status.enrolled && status.recoveryCodesLeft > 0 ? <li>{t("secondFactor.recoveryLeft", { count: status.recoveryCodesLeft })}</li> : null}
      </ul>

      {hasFactor && !recentlyProved ? (
        <div className="stack">
          <h3>{t("factors.confirmHeading")}</h3>
          <p className="small muted">{t("factors.confirmExplain")}</p>
          {status.enrolled ? (
            <Form method="post" className="inline-fields">
              <input type="hidden" name="intent" value="reauth" />
              <Field id="reauth-code" name="code" label={t("factors.confirmCode")} inputMode="numeric" autoComplete="one-time-code" error={intent === "reauth" ? errors.code : undefined} required />
              <button type="submit" className="button" disabled={busy}>{t("factors.confirm")}</button>
            </Form>
          ) : null}
          {status.passkeys.length > 0 && canPasskey ? (
            <p>
              <button type="button" className="button" disabled={passkeyBusy} onClick={() => ceremony("use", { intent: "reauth-options" }, { intent: "reauth-verify" })}>
                {t("factors.confirmPasskey")}
              </button>
            </p>
          ) : null}
        </div>
      ) : null}

      <h3>{t("passkeys.heading")}</h3>
      <p className="small muted">{t("passkeys.explain")}</p>
      {canPasskey ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            void ceremony("register", { intent: "enrol-options", password: String(form.get("password") ?? "") }, { intent: "enrol-verify", name: String(form.get("name") ?? "") });
          }}
        >
          <Field id="passkey-new-name" name="name" label={t("passkeys.name")} hint={t("passkeys.nameHint")} maxLength={60} required />
          <Field id="passkey-new-password" name="password" type="password" label={t("passkeys.passwordToAdd")} hint={passwordHint} autoComplete="current-password" required={!recentlyProved} />
          <button type="submit" className="button" disabled={passkeyBusy}>{t("passkeys.add")}</button>
        </form>
      ) : (
        <p className="callout small">{t("passkeys.needsScript")}</p>
      )}

      <h3>{t("factors.app")}</h3>
      {intent === "totp-remove" && !errors.form && !errors.password ? <FormAlert focus tone="success" message="settings:secondFactor.removed" /> : null}

      {recoveryCodes ? (
        <div className="alert alert--success" role="status">
          <p>
            <strong>{t("secondFactor.on")}</strong> {t("secondFactor.recoveryIntro")}
          </p>
          <ol className="recovery-codes" aria-label={t("secondFactor.recoveryLabel")}>
            {recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {status.enrolled ? (
        <>
          {recoveryCodes ? null : (
            <p>
              <strong>{t("secondFactor.on")}</strong> {t("secondFactor.recoveryLeft", { count: status.recoveryCodesLeft })}
            </p>
          )}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="totp-remove" />
            <Field name="password" type="password" label={t("secondFactor.passwordToRemove")} hint={passwordHint} autoComplete="current-password" error={errors.password} required={!recentlyProved} />
            <button type="submit" className="button button--danger" disabled={busy}>{t("secondFactor.remove")}</button>
          </Form>
        </>
      ) : status.pending ? (
        <>
          <ol className="stack">
            <li>
              {t("secondFactor.addKey")}
              <p className="secret-key">
                <code aria-label={t("secondFactor.keyLabel")}>{grouped}</code>
              </p>
              <p className="small muted">{t("secondFactor.orAddress")}</p>
              <p className="small">
                <code className="break">{status.pending.uri}</code>
              </p>
              <p className="small muted">{t("secondFactor.neutralName")}</p>
            </li>
            <li>{t("secondFactor.typeCode")}</li>
          </ol>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="totp-confirm" />
            <Field name="code" label={t("secondFactor.code")} inputMode="numeric" autoComplete="one-time-code" error={errors.code} required />
            <button type="submit" className="button button--primary" disabled={busy}>{t("secondFactor.confirm")}</button>
          </Form>
        </>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="totp-start" />
          <Field name="password" type="password" label={t("secondFactor.passwordToStart")} hint={passwordHint} autoComplete="current-password" error={errors.password} required={!recentlyProved} />
          <button type="submit" className="button" disabled={busy}>{t("secondFactor.start")}</button>
        </Form>
      )}
    </section>
  );
}
