import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/invite.$token";
import { getViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { acceptInvitation, acceptInvitationSchema, findInvitation } from "~/domain/invitations.server";
import { createSession, deviceLabelFrom, SESSION_ABSOLUTE_MS } from "~/domain/sessions.server";
import { sessionCookie } from "~/infra/cookies.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, text } from "~/ui/forms";
import { formatTimeUntil } from "~/infra/time";
import { EXPIRY_FORMAT, LocalTime, localeTag } from "~/ui/time";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { status, invitation } = await findInvitation(params.token);
  const viewer = await getViewer(request);
  return {
    status,
    role: invitation?.role ?? null,
    expiresAt: status === "valid" ? (invitation?.expiresAt ?? null) : null,
    // Said relative to now as well: the same in every zone, for a visitor whose zone no one knows yet.
    now: new Date(),
    group: invitation?.group ? { nameEn: invitation.group.nameEn, nameFr: invitation.group.nameFr } : null,
    signedInAs: viewer?.user.displayName ?? null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const values = { username: text(form, "username"), displayName: text(form, "displayName") };
  if (text(form, "password") !== text(form, "confirm")) {
    return data({ values, fieldErrors: { confirm: "settings:password.mismatch" } as Record<string, string>, error: null }, { status: 400 });
  }
  const parsed = parseWith(acceptInvitationSchema, {
    ...values,
    password: text(form, "password"),
    timeZone: text(form, "timeZone") || undefined,
    locale: text(form, "locale") || undefined,
  });
  if (!parsed.ok) return data({ values, fieldErrors: parsed.fieldErrors, error: null }, { status: 400 });
  const result = await acceptInvitation(params.token, parsed.value);
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors ?? {}, error: result.fieldErrors ? null : result.error }, { status: result.status });
  const { token } = await createSession(result.value.userId, deviceLabelFrom(request.headers.get("user-agent")));
  return redirect("/?welcome=1", { status: 303, headers: { "Set-Cookie": sessionCookie(token, SESSION_ABSOLUTE_MS / 1000) } });
}

export default function Invite({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("invite");
  const navigation = useNavigation();
  const timeZone = useRef<HTMLInputElement>(null);
  // Without an account the server knows no zone (it shows UTC, named); the device's once running.
  const [deviceZone, setDeviceZone] = useState<string>();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone.current) timeZone.current.value = zone;
    setDeviceZone(zone);
  }, []);

  if (loaderData.status !== "valid") {
    return (
      <div className="narrow">
        <h1>{t("unavailable.title")}</h1>
        <p>{t(`status.${loaderData.status}`)}</p>
        <p className="muted">{t("unavailable.askCoordinator")}</p>
      </div>
    );
  }
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  return (
    <div className="narrow">
      <h1>{t("title")}</h1>
      <p>
        {loaderData.group
          ? t("invitedToGroup", { role: t(`people:roles.${loaderData.role}`), group: localized(loaderData.group, "name", i18n.language) })
          : t("invitedAs", { role: t(`people:roles.${loaderData.role}`) })}
      </p>
      {loaderData.expiresAt ? (
        <p data-testid="invite-expires">
          {t("expires")} <LocalTime value={loaderData.expiresAt} options={EXPIRY_FORMAT} timeZone={loaderData.signedInAs ? undefined : deviceZone} />{" "}
          {t("expiresIn", { when: formatTimeUntil(loaderData.expiresAt, localeTag(i18n.language), new Date(loaderData.now)) })}
        </p>
      ) : null}
      {loaderData.signedInAs ? <p className="alert">{t("alreadySignedIn", { name: loaderData.signedInAs })}</p> : null}
      <div className="callout">
        <h2>{t("safety.heading")}</h2>
        <p>{t("safety.body")}</p>
      </div>
      <FormAlert focus message={actionData?.error} />
      <Form method="post" className="stack">
        <Field name="displayName" label={t("displayName")} hint={t("displayNameHint")} defaultValue={actionData?.values.displayName} error={errors.displayName} required maxLength={60} />
        <Field name="username" label={t("username")} hint={t("usernameHint")} defaultValue={actionData?.values.username} error={errors.username} required autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={32} />
        <Field name="password" type="password" label={t("password")} hint={t("settings:password.rule")} error={errors.password} required minLength={8} autoComplete="new-password" />
        <Field name="confirm" type="password" label={t("confirm")} error={errors.confirm} required autoComplete="new-password" />
        <input type="hidden" name="timeZone" ref={timeZone} />
        <input type="hidden" name="locale" value={i18n.language} />
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>{t("submit")}</button>
      </Form>
    </div>
  );
}
