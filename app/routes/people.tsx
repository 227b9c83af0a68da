import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/people";
import { deactivateUser, listPeople, setCopRole, setGroupRole } from "~/domain/accounts.server";
import { erasureTrail } from "~/domain/account-erasure.server";
import { localized } from "~/domain/bilingual";
import { COP_ROLES, INVITATION_ROLES } from "~/domain/roles";
import { requireViewer } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { createInvitation, listInvitations, revokeInvitation } from "~/domain/invitations.server";
import { refuse, type Result } from "~/domain/result";
import { resetSecondFactors } from "~/domain/second-factor.server";
import { getSignInRules, setRequireSecondFactor } from "~/domain/sign-in-rules.server";
import { env } from "~/infra/env.server";
import { orRefused } from "~/web/results.server";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { CopyField } from "~/ui/copy-field";
import { PageHeader } from "~/ui/page";
import { EXPIRY_FORMAT, LocalTime } from "~/ui/time";

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const [people, invitations, groups, erasures, rules] = await Promise.all([listPeople(user), listInvitations(user), listGroupNames(), erasureTrail(user), getSignInRules(user)]);
  return { people: orRefused(people), invitations: orRefused(invitations), groups, viewerId: user.id, erasures: orRefused(erasures), rules: orRefused(rules) };
}

function invitationUrl(request: Request, token: string): string {
  const base = env().PUBLIC_URL ?? new URL(request.url).origin;
  return new URL(`/invite/${token}`, base).toString();
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  const answer = (result: Result) => data({ intent, fieldErrors: {}, link: null, error: result.ok ? null : result.error }, { status: result.ok ? 200 : result.status });
  switch (intent) {
    case "invite": {
      const result = await createInvitation(user, { role: text(form, "role"), groupId: text(form, "groupId"), note: text(form, "note") });
      if (!result.ok) return data({ intent, fieldErrors: result.fieldErrors ?? {}, link: null, error: result.fieldErrors ? null : result.error }, { status: result.status });
      return data({ intent, fieldErrors: {}, link: invitationUrl(request, result.value.token), expiresAt: result.value.expiresAt, error: null });
    }
    case "revoke-invitation":
      return answer(await revokeInvitation(user, text(form, "invitationId")));
    case "set-role":
      return answer(await setCopRole(user, text(form, "userId"), text(form, "role")));
    case "set-group-role":
      return answer(await setGroupRole(user, text(form, "userId"), text(form, "groupId"), text(form, "role")));
    case "deactivate":
      return answer(await deactivateUser(user, text(form, "userId")));
    case "sign-in-rules":
      return answer(await setRequireSecondFactor(user, text(form, "requireSecondFactor") === "on"));
    case "reset-factors":
      return answer(await resetSecondFactors(user, text(form, "userId")));
    default:
      return answer(refuse.invalid("common:errors.invalidValue"));
  }
}

export default function People({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("people");
  const navigation = useNavigation();
  const language = i18n.language;
  const groupName = (id: string) => {
    const group = loaderData.groups.find((g) => g.id === id);
    return group ? localized(group, "name", language) : "";
  };
  const inviteErrors = (actionData?.intent === "invite" ? actionData.fieldErrors : {}) as Record<string, string | undefined>;
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <FormAlert focus message={actionData?.error} />

      {actionData?.intent === "reset-factors" && !actionData.error ? <FormAlert focus tone="success" message="people:factors.resetDone" /> : null}
      {actionData?.intent === "sign-in-rules" && !actionData.error ? <FormAlert focus tone="success" message="people:signInRules.saved" /> : null}
      <section className="panel" aria-labelledby="sign-in-rules-heading">
        <h2 id="sign-in-rules-heading">{t("signInRules.heading")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="sign-in-rules" />
          <label className="choice">
            <input type="checkbox" name="requireSecondFactor" defaultChecked={loaderData.rules.requireSecondFactor} /> {t("signInRules.requireSecondFactor")}
          </label>
          <p className="field__hint">{t("signInRules.requireHint")}</p>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>{t("signInRules.save")}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("invite.heading")}</h2>
        <p className="muted">{t("invite.explain")}</p>
        {actionData?.link ? (
          <div className="alert alert--success" role="status">
            <p>{t("invite.created")}</p>
            <CopyField id="invite-link" label={t("invite.linkLabel")} value={actionData.link} copyLabel={t("common:copy.button")} copiedLabel={t("common:copy.done")} />
            {"expiresAt" in actionData && actionData.expiresAt ? (
              <p data-testid="invite-expires">{t("invite.expires")} <LocalTime value={actionData.expiresAt} options={EXPIRY_FORMAT} /></p>
            ) : null}
            <p className="small">{t("invite.shareSafely")}</p>
          </div>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="invite" />
          <SelectField id="invite-role" name="role" label={t("invite.role")} error={inviteErrors.role} options={INVITATION_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
          <SelectField
            name="groupId"
            label={t("invite.group")}
            hint={t("invite.groupHint")}
            error={inviteErrors.groupId}
            options={[{ value: "", label: t("invite.noGroup") }, ...loaderData.groups.map((g) => ({ value: g.id, label: localized(g, "name", language) }))]}
          />
          <Field name="note" label={t("invite.note")} hint={t("invite.noteHint")} error={inviteErrors.note} maxLength={200} />
          <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>{t("invite.submit")}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("invitations.heading")}</h2>
        {loaderData.invitations.length === 0 ? <p className="muted">{t("invitations.none")}</p> : null}
        <ul className="plain-list">
          {loaderData.invitations.map((invitation) => (
            <li key={invitation.id} className="row">
              <div>
                <strong>{t(`roles.${invitation.role}`)}</strong>
                {invitation.group ? ` · ${localized(invitation.group, "name", language)}` : ""}
                {invitation.note ? <span className="muted"> · {invitation.note}</span> : null}
                <p className="muted small">
                  <span className={`status status--${invitation.status}`}>{t(`invitations.status.${invitation.status}`, { name: invitation.usedBy?.displayName })}</span>
                  {" · "}
                  {t("invitations.expires")} <LocalTime value={invitation.expiresAt} />
                </p>
              </div>
              {invitation.status === "valid" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button button--danger">{t("invitations.revoke")}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="people-heading">
        <h2 id="people-heading">{t("members.heading")}</h2>
        <ul className="plain-list">
          {loaderData.people.map((person) => (
            <li key={person.id} className="person">
              <div>
                <strong>{person.displayName}</strong> <span className="muted">@{person.username}</span>
                {person.deactivatedAt ? <span className="tag tag--muted">{t("members.deactivated")}</span> : null}
                <p className="muted small">
                  {t(`roles.${person.role}`)}
                  {person.memberships.map((m) => ` · ${groupName(m.groupId)} (${t(`roles.${m.role}`)})`).join("")}
                </p>
              </div>
              {person.id !== loaderData.viewerId && !person.deactivatedAt ? (
                <details>
                  <summary>{t("members.manage")}</summary>
                  <Form method="post" className="inline-fields">
                    <input type="hidden" name="intent" value="set-role" />
                    <input type="hidden" name="userId" value={person.id} />
                    <SelectField id={`cop-role-${person.id}`} name="role" label={t("members.copRole")} defaultValue={person.role} options={COP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                    <button type="submit" className="button">{t("members.save")}</button>
                  </Form>
                  {loaderData.groups.map((group) => {
                    const membership = person.memberships.find((m) => m.groupId === group.id);
                    return (
                      <Form method="post" className="inline-fields" key={group.id}>
                        <input type="hidden" name="intent" value="set-group-role" />
                        <input type="hidden" name="userId" value={person.id} />
                        <input type="hidden" name="groupId" value={group.id} />
                        <SelectField
                          id={`group-role-${person.id}-${group.id}`}
                          name="role"
                          label={localized(group, "name", language)}
                          defaultValue={membership?.role ?? "none"}
                          options={[
                            { value: "none", label: t("members.notInGroup") },
                            { value: "member", label: t("roles.member") },
                            { value: "lead", label: t("roles.lead") },
                          ]}
                        />
                        <button type="submit" className="button">{t("members.save")}</button>
                      </Form>
                    );
                  })}
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="reset-factors" />
                    <input type="hidden" name="userId" value={person.id} />
                    <p className="field__hint">{t("factors.resetHint")}</p>
                    <button type="submit" className="button">{t("factors.reset", { name: person.displayName })}</button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="deactivate" />
                    <input type="hidden" name="userId" value={person.id} />
                    <button type="submit" className="button button--danger">{t("members.deactivate")}</button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="erasures-heading">
        <h2 id="erasures-heading">{t("erasures.heading")}</h2>
        <p className="muted">{t("erasures.explain")}</p>
        {loaderData.erasures.length === 0 ? <p className="muted">{t("erasures.none")}</p> : (
          <ul className="stack" data-testid="erasures">
            {loaderData.erasures.map((entry) => (
              <li key={entry.id}><LocalTime value={entry.createdAt} /> · {t(`erasures.action.${entry.action.replace("account.erasure.", "")}`)} · <span className="muted small">#{entry.ref}</span></li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
