// The passkey ceremonies' JSON endpoint (the buttons need JavaScript; everything else about
// signing in works without it). Each step is one intent: options first, then the answer.
import { data } from "react-router";
import type { Route } from "./+types/passkeys";
import { finishPasskeyEnrolment, finishPasskeyUse, reauthenticateWithPasskey, startPasskeyEnrolment, startPasskeyUse } from "~/domain/passkeys.server";
import type { Result } from "~/domain/result";
import { endSignInChallenge, signInChallengeUser } from "~/domain/second-factor.server";
import { requireViewer } from "~/web/auth.server";
import { beginSession, relyingParty } from "~/web/sign-in.server";
import { onlyPosted } from "~/web/methods.server";

const str = (value: unknown, max = 200) => (typeof value === "string" ? value.slice(0, max) : "");

function answer<T>(result: Result<T>, value: (v: T) => Record<string, unknown> = () => ({})) {
  if (!result.ok) return data({ ok: false, error: result.error, minutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60) }, { status: result.status });
  return data({ ok: true, ...value(result.value) });
}

export async function action({ request, context }: Route.ActionArgs) {
  let body: Record<string, unknown>;
  try {
    body = (await request.json()) as Record<string, unknown>;
  } catch {
    return data({ ok: false, error: "common:errors.badRequest" }, { status: 400 });
  }
  if (!body || typeof body !== "object") return data({ ok: false, error: "common:errors.badRequest" }, { status: 400 });
  const rp = relyingParty(request);
  const address = context.clientAddress;
  const challengeId = str(body.challengeId, 40);

  switch (str(body.intent)) {
    // Settings: add a passkey (after a recent proof it is them).
    case "enrol-options": {
      const { user, session } = await requireViewer(request);
      return answer(await startPasskeyEnrolment(user, rp, session), (v) => v);
    }
    case "enrol-verify": {
      const { user, session } = await requireViewer(request);
      return answer(await finishPasskeyEnrolment(user, rp, session, { challengeId, response: body.response, name: str(body.name, 100) }), (v) => ({ next: "/settings?passkey=added#second-factor-heading", recoveryCodes: v.recoveryCodes }));
    }
    // Settings: "confirm it's you" with a passkey.
    case "reauth-options": {
      const { user } = await requireViewer(request);
      return answer(await startPasskeyUse("reauth", rp, user.id), (v) => v);
    }
    case "reauth-verify": {
      const { user, session } = await requireViewer(request);
      return answer(await reauthenticateWithPasskey(user, session, rp, { challengeId, response: body.response, address }), () => ({ next: "/settings#second-factor-heading" }));
    }
    // Sign-in, second step: the password was right (the challenge token says for whom).
    case "second-factor-options": {
      const userId = await signInChallengeUser(str(body.challenge));
      if (!userId) return data({ ok: false, error: "auth:errors.challengeExpired" }, { status: 409 });
      return answer(await startPasskeyUse("second-factor", rp, userId), (v) => v);
    }
    case "second-factor-verify": {
      const challenge = str(body.challenge);
      const userId = await signInChallengeUser(challenge);
      if (!userId) return data({ ok: false, error: "auth:errors.challengeExpired" }, { status: 409 });
      const result = await finishPasskeyUse("second-factor", rp, { challengeId, response: body.response, userId, address });
      if (!result.ok) return answer(result);
      await endSignInChallenge(challenge);
      return signedIn(request, result.value.userId, str(body.timeZone, 64));
    }
    // Sign-in without a password: the passkey says who it is.
    case "sign-in-options":
      return answer(await startPasskeyUse("sign-in", rp, null), (v) => v);
    case "sign-in-verify": {
      const result = await finishPasskeyUse("sign-in", rp, { challengeId, response: body.response, userId: null, address });
      if (!result.ok) return answer(result);
      return signedIn(request, result.value.userId, str(body.timeZone, 64));
    }
    default:
      return data({ ok: false, error: "common:errors.badRequest" }, { status: 400 });
  }
}

async function signedIn(request: Request, userId: string, timeZone: string) {
  const { cookie, next } = await beginSession(request, userId, timeZone);
  return data({ ok: true, next }, { headers: { "Set-Cookie": cookie } });
}

export const loader = onlyPosted;
