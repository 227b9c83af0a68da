// Answers that end a session in the browser as well as on the server.
import { redirect } from "react-router";
import { clearedSessionCookie } from "~/infra/cookies.server";
import { env } from "~/infra/env.server";
import { CLEAR_ALL_SITE_DATA, CLEAR_SESSION_SITE_DATA } from "~/infra/quick-exit";

/** Quick exit: to the neutral page, with every cookie, storage and cache of this site dropped. */
export function quickExitResponse(): Response {
  return redirect(env().QUICK_EXIT_URL, {
    status: 303,
    headers: { "Set-Cookie": clearedSessionCookie(), "Clear-Site-Data": CLEAR_ALL_SITE_DATA, "Cache-Control": "no-store" },
  });
}

/** Headers for an answer that ends this device's session (sign-out, a password change). */
export function sessionEndedHere(): HeadersInit {
  return { "Set-Cookie": clearedSessionCookie(), "Clear-Site-Data": CLEAR_SESSION_SITE_DATA };
}
