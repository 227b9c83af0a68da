// Settings: the authenticator-app second factor. Plain forms (they work without JavaScript);
// the secret is shown as text with its otpauth address, to type or paste into any app.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { SecondFactorStatus } from "~/domain/second-factor.server";
import { Field, FormAlert } from "./forms";

export function SecondFactorSection({
  status,
  intent,
  errors,
  recoveryCodes,
  busy,
}: {
  status: SecondFactorStatus;
  intent?: string;
  errors: Record<string, string | undefined>;
  recoveryCodes?: string[];
  busy: boolean;
}) {
  const { t } = useTranslation("settings");
  const grouped = status.pending?.secret.match(/.{1,4}/g)?.join(" ");
  return (
    <section className="panel" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{t("secondFactor.heading")}</h2>
      <p className="muted">{t("secondFactor.explain")}</p>
      <FormAlert message={errors.form} />
      {intent === "totp-remove" && !errors.form && !errors.password ? <FormAlert tone="success" message="settings:secondFactor.removed" /> : null}

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
            <Field name="password" type="password" label={t("secondFactor.passwordToRemove")} autoComplete="current-password" error={errors.password} required />
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
          <Field name="password" type="password" label={t("secondFactor.passwordToStart")} autoComplete="current-password" error={errors.password} required />
          <button type="submit" className="button" disabled={busy}>{t("secondFactor.start")}</button>
        </Form>
      )}
    </section>
  );
}
