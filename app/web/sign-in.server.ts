// Ending a successful sign-in, whichever way it went (password, password and a factor, a
// passkey alone): the session, its cookie, the notice to the member's other devices, and —
// when the rules require a second factor they lack — a session that opens only enrolment.
import { rememberTimeZoneIfUnset } from "~/domain/accounts.server";
import { noticeNewSignIn } from "~/domain/notifications.server";
import { hasSecondFactor } from "~/domain/second-factor.server";
import { createSession, deviceLabelFrom, SESSION_ABSOLUTE_MS } from "~/domain/sessions.server";
import { actorById, secondFactorRequired } from "~/domain/sign-in-rules.server";
import { sessionCookie } from "~/infra/cookies.server";
import { env } from "~/infra/env.server";
import { safeRedirectPath } from "~/infra/safe-redirect";
import type { RelyingParty } from "~/domain/passkeys.server";

/** Where a member who must enrol a second factor is sent, and the pages still open to them. */
export const ENROL_PATH = "/settings";

export async function beginSession(request: Request, userId: string, timeZone: string): Promise<{ cookie: string; next: string }> {
  await rememberTimeZoneIfUnset(userId, timeZone);
  const actor = await actorById(userId);
  const mustEnrol = actor !== null && (await secondFactorRequired(actor)) && !(await hasSecondFactor(userId));
  const deviceLabel = deviceLabelFrom(request.headers.get("user-agent"));
  const { token, session } = await createSession(userId, deviceLabel, { mustEnrol });
  await noticeNewSignIn({ userId, sessionId: session.id, deviceLabel });
  const asked = safeRedirectPath(new URL(request.url).searchParams.get("next"));
  return { cookie: sessionCookie(token, SESSION_ABSOLUTE_MS / 1000), next: mustEnrol ? `${ENROL_PATH}?enrol=required#second-factor-heading` : asked };
}

/** The RP ID and origin passkeys are bound to: PUBLIC_URL when set, else this request's own. */
export function relyingParty(request: Request): RelyingParty {
  const url = new URL(env().PUBLIC_URL ?? request.url);
  return { rpID: url.hostname, origin: url.origin };
}
