import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import { data, Form, redirect, useNavigation, useRevalidator } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/settings";
import { changePassword, getProfile, profileSchema, updateProfile } from "~/domain/accounts.server";
import { requireViewer } from "~/web/auth.server";
import { confirmTotpEnrolment, reauthenticate, removeTotp, secondFactorStatus, startTotpEnrolment } from "~/domain/second-factor.server";
import { removePasskey, renamePasskey } from "~/domain/passkeys.server";
import { ownHonorarium } from "~/domain/honoraria.server";
import { exportStatus, requestExport } from "~/domain/data-export.server";
import { endRest, getNotificationSettings, notificationSettingsSchema, startRest, stopReplyAddresses, updateNotificationSettings } from "~/domain/notifications.server";
import { isRecentlyReauthenticated, listSessions, revokeAllSessions, revokeSession, sessionEndsAt } from "~/domain/sessions.server";
import { serializeCookie } from "~/infra/cookies.server";
import { LANGUAGE_COOKIE, LANGUAGES } from "~/infra/i18n";
import { canonicalTimeZone, timeZoneChoices } from "~/infra/time-zones";
import { sessionEndedHere } from "~/web/session-end.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { OwnHonorarium } from "~/ui/mel";
import { SecondFactorSection } from "~/ui/second-factor";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { TimeZoneSelect } from "~/ui/time-zone-select";
import { requestLanguage } from "~/web/language.server";
import { deviceSettings, PACK_LIMIT_CHOICES, updateDeviceSettings } from "~/domain/offline-pack.server";
import { DeviceSettingsSection } from "~/ui/device-settings";

export async function loader({ request }: Route.LoaderArgs) {
  const { user, session } = await requireViewer(request);
  const [profile, sessions, honorarium, notifications, secondFactor, dataExport] = await Promise.all([
    getProfile(user.id),
    listSessions(user.id),
    ownHonorarium(user),
    getNotificationSettings(user.id),
    secondFactorStatus(user),
    exportStatus(user),
  ]);
  const device = { ...(await deviceSettings(user.id)), limitChoices: PACK_LIMIT_CHOICES };
  // The stored zone is shown by its current name and always offered, so saving the profile keeps it.
  const zone = canonicalTimeZone(profile.timeZone) ?? profile.timeZone ?? "UTC";
  return {
    profile: { ...profile, timeZone: zone },
    notifications,
    zones: timeZoneChoices(requestLanguage(request, user), { keep: zone }),
    honorarium,
    secondFactor,
    dataExport,
    recentlyProved: isRecentlyReauthenticated(session),
    mustEnrol: session.mustEnrol,
    notMe: new URL(request.url).searchParams.has("notMe"),
    device,
    sessions: sessions.map((s) => ({ ...s, endsAt: sessionEndsAt(s), isCurrent: s.id === session.id })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  // This device's own session ends too: it drops what it kept, as at sign-out.
  const endedHere = sessionEndedHere();
  switch (intent) {
    case "profile": {
      const parsed = parseWith(profileSchema, {
        displayName: text(form, "displayName"),
        locale: text(form, "locale"),
        timeZone: text(form, "timeZone"),
      });
      if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
      await updateProfile(user.id, parsed.value);
      // The cookie follows the profile, so the sign-in page speaks the same language.
      return data(
        { intent, fieldErrors: {}, saved: true },
        { headers: { "Set-Cookie": serializeCookie(LANGUAGE_COOKIE, parsed.value.locale, { maxAgeSeconds: 365 * 24 * 3600 }) } },
      );
    }
    case "password": {
      if (text(form, "next") !== text(form, "confirm")) {
        return data({ intent, fieldErrors: { confirm: "settings:password.mismatch" }, saved: false }, { status: 400 });
      }
      const result = await changePassword(user, { current: text(form, "current"), next: text(form, "next") });
      if (!result.ok) return data({ intent, fieldErrors: result.fieldErrors ?? { form: result.error }, saved: false }, { status: result.status });
      // Every session ended with the old password, this one too: sign in again with the new one.
      throw redirect("/login?changed=password", { status: 303, headers: endedHere });
    }
    case "revoke": {
      const sessionId = text(form, "sessionId");
      await revokeSession(user.id, sessionId);
      if (sessionId === session.id) throw redirect("/login", { status: 303, headers: endedHere });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "notifications": {
      const values = {
        email: text(form, "email"),
        emailMode: text(form, "emailMode"),
        includeContent: text(form, "includeContent") === "on",
        mailingList: text(form, "mailingList") === "on",
        mailAttachmentsToLibrary: text(form, "mailAttachmentsToLibrary") === "on",
        quietStart: text(form, "quietStart"),
        quietEnd: text(form, "quietEnd"),
      };
      const parsed = parseWith(notificationSettingsSchema, values);
      if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, saved: false, values }, { status: 400 });
      await updateNotificationSettings(user.id, parsed.value);
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "stop-reply-addresses": {
      await stopReplyAddresses(user.id);
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "rest": {
      const result = await startRest(user.id, text(form, "restUntil"));
      if (!result.ok) return data({ intent, fieldErrors: { restUntil: result.error }, saved: false }, { status: 400 });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "end-rest": {
      await endRest(user.id);
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "totp-start":
    case "totp-remove": {
      const verb = intent === "totp-start" ? startTotpEnrolment : removeTotp;
      const result = await verb(user, { password: text(form, "password") }, session);
      if (!result.ok) return data({ intent, fieldErrors: result.fieldErrors ?? { form: result.error }, saved: false }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "totp-confirm": {
      const result = await confirmTotpEnrolment(user, { code: text(form, "code") });
      if (!result.ok) return data({ intent, fieldErrors: result.fieldErrors ?? { form: result.error }, saved: false }, { status: result.status });
      // Shown this once: only their hashes are kept.
      return data({ intent, fieldErrors: {}, saved: true, recoveryCodes: result.value.recoveryCodes });
    }
    case "export": {
      const result = await requestExport(user);
      if (!result.ok) return data({ intent, fieldErrors: { form: result.error }, saved: false }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "reauth": {
      const result = await reauthenticate(user, session, { code: text(form, "code"), address: context.clientAddress });
      // The alert says what went wrong (a wrong code, or too many: wait this long).
      if (!result.ok) return data({ intent, fieldErrors: { form: result.error, ...result.fieldErrors }, saved: false, retryAfterMinutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60) }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "passkey-rename": {
      const result = await renamePasskey(user, text(form, "passkeyId"), text(form, "name"));
      if (!result.ok) return data({ intent, fieldErrors: { form: result.error }, saved: false }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "passkey-remove": {
      const result = await removePasskey(user, text(form, "passkeyId"), { password: text(form, "password"), session });
      if (!result.ok) return data({ intent, fieldErrors: { form: result.error }, saved: false }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "device": {
      const limit = Number(text(form, "packLimitBytes"));
      const result = await updateDeviceSettings(user, { packLimitBytes: limit, packBothLanguages: text(form, "packBothLanguages") === "on", dataSaver: text(form, "dataSaver") === "on" });
      if (!result.ok) return data({ intent, fieldErrors: { form: result.error }, saved: false }, { status: result.status });
      return data({ intent, fieldErrors: {}, saved: true });
    }
    case "revoke-all": {
      await revokeAllSessions(user.id);
      throw redirect("/login", { status: 303, headers: endedHere });
    }
    default:
      return data({ intent, fieldErrors: { form: "common:errors.invalidValue" }, saved: false }, { status: 400 });
  }
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("settings");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { profile } = loaderData;
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.fieldErrors : {}) as Record<string, string | undefined>;
  const profileErrors = errorsFor("profile");
  const passwordErrors = errorsFor("password");
  const notificationErrors = errorsFor("notifications");
  const restErrors = errorsFor("rest");
  const typed = (actionData && "values" in actionData ? actionData.values : undefined) as Record<string, string | boolean> | undefined;
  const notifications = loaderData.notifications;
  const dataExport = loaderData.dataExport;
  const exportBusy = dataExport?.status === "queued" || dataExport?.status === "preparing";
  const revalidator = useRevalidator();
  // With JavaScript the progress moves by itself; without, the reload link does it.
  useEffect(() => {
    if (!exportBusy) return;
    const timer = setInterval(() => revalidator.state === "idle" && void revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [exportBusy, revalidator]);

  const secondFactor = (
    <SecondFactorSection
        status={loaderData.secondFactor}
        intent={actionData?.intent}
        errors={(actionData?.intent && /^(totp-|passkey-|reauth)/.test(actionData.intent) ? actionData.fieldErrors : {}) as Record<string, string | undefined>}
        recentlyProved={loaderData.recentlyProved}
        mustEnrol={loaderData.mustEnrol}
        retryAfterMinutes={actionData && "retryAfterMinutes" in actionData ? Number(actionData.retryAfterMinutes) : undefined}
        recoveryCodes={actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : undefined}
        busy={busy}
      />
  );
  // Enrolment first: nothing else of Praxis opens until a second factor is set up.
  if (loaderData.mustEnrol) {
    return (
      <>
        <PageHeader title={t("title")} lead={t("lead")} />
        {secondFactor}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {loaderData.notMe ? <FormAlert message="settings:password.notMe" /> : null}

      <section className="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        {actionData?.intent === "profile" && actionData.saved ? <FormAlert focus tone="success" message="settings:profile.saved" /> : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="profile" />
          <Field name="displayName" label={t("profile.displayName")} hint={t("profile.displayNameHint")} defaultValue={profile.displayName} error={profileErrors.displayName} required maxLength={60} />
          <SelectField
            name="locale"
            label={t("profile.language")}
            defaultValue={profile.locale ?? "en"}
            error={profileErrors.locale}
            options={LANGUAGES.map((language) => ({ value: language, label: t(`common:language.name.${language}`) }))}
          />
          <TimeZoneSelect
            name="timeZone"
            label={t("profile.timeZone")}
            hint={t("profile.timeZoneHint")}
            value={profile.timeZone}
            error={profileErrors.timeZone}
            groups={loaderData.zones}
          />
          <button type="submit" className="button button--primary" disabled={busy}>{t("profile.save")}</button>
        </Form>
      </section>

      {loaderData.honorarium ? (
        <section className="panel" aria-labelledby="honorarium-heading" id="honorarium">
          <h2 id="honorarium-heading">{t("mel:honoraria.own")}</h2>
          <p className="muted">{t("mel:honoraria.ownExplain")}</p>
          <OwnHonorarium record={loaderData.honorarium} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t("notifications:settings.heading")}</h2>
        <p className="muted">{t("notifications:settings.explain")}</p>
        {actionData?.intent === "notifications" && actionData.saved ? <FormAlert focus tone="success" message="notifications:settings.saved" /> : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="notifications" />
          <Field name="email" type="email" label={t("notifications:settings.email")} hint={t("notifications:settings.emailHint")} defaultValue={String(typed?.email ?? notifications.email ?? "")} error={notificationErrors.email} autoComplete="email" maxLength={254} />
          <fieldset className="field">
            <legend>{t("notifications:settings.mode")}</legend>
            {(["immediate", "daily", "weekly", "none"] as const).map((mode) => (
              <label key={mode} className="choice">
                <input type="radio" name="emailMode" value={mode} defaultChecked={(typed?.emailMode ?? notifications.emailMode) === mode} /> {t(`notifications:modes.${mode}`)}
              </label>
            ))}
          </fieldset>
          <label className="choice">
            <input type="checkbox" name="includeContent" defaultChecked={Boolean(typed?.includeContent ?? notifications.includeContent)} /> {t("notifications:settings.includeContent")}
          </label>
          <p className="field__hint">{t("notifications:settings.includeContentHint")}</p>
          <label className="choice">
            <input type="checkbox" name="mailingList" aria-describedby="mailing-list-hint" defaultChecked={Boolean(typed?.mailingList ?? notifications.mailingList)} /> {t("mail:settings.mailingList")}
          </label>
          <p className="field__hint" id="mailing-list-hint">{t("mail:settings.mailingListHint")}</p>
          <label className="choice">
            <input type="checkbox" name="mailAttachmentsToLibrary" aria-describedby="mail-attachments-hint" defaultChecked={Boolean(typed?.mailAttachmentsToLibrary ?? notifications.mailAttachmentsToLibrary)} /> {t("mail:settings.attachments")}
          </label>
          <p className="field__hint" id="mail-attachments-hint">{t("mail:settings.attachmentsHint")}</p>
          {notifications.receivesMail && notifications.email ? (
            <p className="callout" role="status">{t(notifications.isEmailConfirmed ? "mail:settings.confirmed" : "mail:settings.unconfirmed")}</p>
          ) : null}
          <fieldset className="field">
            <legend>{t("notifications:settings.quietHours")}</legend>
            <p className="field__hint">{t("notifications:settings.quietHint")}</p>
            <div className="inline-fields">
              <Field name="quietStart" type="time" label={t("notifications:settings.quietStart")} defaultValue={String(typed?.quietStart ?? notifications.quietStart ?? "")} error={notificationErrors.quietStart} />
              <Field name="quietEnd" type="time" label={t("notifications:settings.quietEnd")} defaultValue={String(typed?.quietEnd ?? notifications.quietEnd ?? "")} error={notificationErrors.quietEnd} />
            </div>
          </fieldset>
          <button type="submit" className="button button--primary" disabled={busy}>{t("notifications:settings.save")}</button>
        </Form>
        {notifications.receivesMail && notifications.email ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="stop-reply-addresses" />
            {actionData?.intent === "stop-reply-addresses" && actionData.saved ? <FormAlert tone="success" message="mail:settings.revoked" /> : null}
            <p className="field__hint" id="stop-replies-hint">{t("mail:settings.revokeHint")}</p>
            <button type="submit" className="button" aria-describedby="stop-replies-hint" disabled={busy}>{t("mail:settings.revoke")}</button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="rest-heading">
        <h2 id="rest-heading">{t("notifications:rest.heading")}</h2>
        <p className="muted">{t("notifications:rest.explain")}</p>
        {notifications.isResting && notifications.restUntil ? (
          <>
            <p className="callout">{t("notifications:rest.until")} <LocalTime value={notifications.restUntil} options={{ dateStyle: "long" }} /></p>
            <Form method="post">
              <input type="hidden" name="intent" value="end-rest" />
              <button type="submit" className="button">{t("notifications:rest.end")}</button>
            </Form>
          </>
        ) : (
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="rest" />
            <Field name="restUntil" type="date" label={t("notifications:rest.untilLabel")} error={restErrors.restUntil} required />
            <button type="submit" className="button">{t("notifications:rest.start")}</button>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.heading")}</h2>
        <p className="muted">{t("password.explain")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="password" />
          <Field name="current" type="password" label={t("password.current")} autoComplete="current-password" error={passwordErrors.current} required />
          <Field name="next" type="password" label={t("password.next")} hint={t("password.rule")} autoComplete="new-password" error={passwordErrors.next} required minLength={8} />
          <Field name="confirm" type="password" label={t("password.confirm")} autoComplete="new-password" error={passwordErrors.confirm} required />
          <button type="submit" className="button" disabled={busy}>{t("password.save")}</button>
        </Form>
      </section>

      {secondFactor}

      <section className="panel" aria-labelledby="export-heading" id="export">
        <h2 id="export-heading">{t("export.heading")}</h2>
        <p className="muted">{t("export.explain")}</p>
        {actionData?.intent === "export" && !actionData.saved ? <FormAlert focus message={(actionData.fieldErrors as Record<string, string | undefined>).form} /> : null}
        {dataExport ? (
          <div className="stack" role="status">
            <p>{t(`export.status.${dataExport.status}`)}</p>
            {exportBusy ? (
              <>
                <progress max={100} value={dataExport.progress} aria-label={t("export.progress")}>{dataExport.progress}%</progress>
                <p><a href="/settings#export">{t("export.reload")}</a></p>
              </>
            ) : null}
            {dataExport.status === "ready" ? (
              <p>
                <a className="button button--primary" href={`/settings/export/${dataExport.id}`} download>{t("export.download")}</a>{" "}
                <span className="muted small">{t("export.until")} <LocalTime value={dataExport.expiresAt} /></span>
              </p>
            ) : null}
          </div>
        ) : null}
        {!exportBusy ? (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button" disabled={busy}>{t("export.request")}</button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="erase-heading">
        <h2 id="erase-heading">{t("erase.heading")}</h2>
        <p className="muted">{t("erase.explain")}</p>
        <p><Link className="button button--danger" to="/account/erase">{t("erase.start")}</Link></p>
      </section>

      <DeviceSettingsSection settings={loaderData.device} saved={actionData?.intent === "device" && actionData.saved} error={actionData?.intent === "device" ? (actionData.fieldErrors as Record<string, string | undefined>).form : undefined} busy={busy} />
      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("sessions.heading")}</h2>
        <p className="muted">{t("sessions.explain")}</p>
        <ul className="session-list">
          {loaderData.sessions.map((s) => (
            <li key={s.id} className="session">
              <div>
                <strong>{s.deviceLabel || t("sessions.unknownDevice")}</strong>
                {s.isCurrent ? <span className="tag">{t("sessions.current")}</span> : null}
                <p className="muted small">
                  {t("sessions.signedIn")} <LocalTime value={s.createdAt} /> · {t("sessions.lastActive")} <LocalTime value={s.lastActiveAt} />
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="button button--danger" aria-label={t("sessions.revokeLabel", { device: s.deviceLabel || t("sessions.unknownDevice") })}>
                  {s.isCurrent ? t("sessions.signOutHere") : t("sessions.revoke")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-all" />
          <button type="submit" className="button button--danger">{t("sessions.revokeAll")}</button>
        </Form>
      </section>
    </>
  );
}
