// The browser half of a passkey ceremony. @simplewebauthn/browser is imported on first use, so
// only the pages with a passkey button load it, and only when it is pressed.
export type PasskeyAnswer = { ok: true; next?: string; recoveryCodes?: string[] } | { ok: false; error: string; minutes?: number };

async function post(body: Record<string, unknown>): Promise<Record<string, unknown> & { ok: boolean }> {
  const response = await fetch(`/passkeys${window.location.search}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  try {
    return await response.json();
  } catch {
    return { ok: false, error: "common:errors.badRequest" };
  }
}

export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

/** Asks the server for options, lets the authenticator answer, and hands the answer back. */
export async function passkeyCeremony(kind: "register" | "use", start: Record<string, unknown>, finish: Record<string, unknown>): Promise<PasskeyAnswer> {
  const begun = await post(start);
  if (!begun.ok) return begun as PasskeyAnswer;
  const browser = await import("@simplewebauthn/browser");
  let response: unknown;
  try {
    response =
      kind === "register"
        ? await browser.startRegistration({ optionsJSON: begun.options as Parameters<typeof browser.startRegistration>[0]["optionsJSON"] })
        : await browser.startAuthentication({ optionsJSON: begun.options as Parameters<typeof browser.startAuthentication>[0]["optionsJSON"] });
  } catch {
    // Cancelled, timed out, or no passkey for this site on this device.
    return { ok: false, error: "auth:errors.passkeyCancelled" };
  }
  return (await post({ ...finish, challengeId: begun.challengeId, response })) as PasskeyAnswer;
}

/** A full load of `target`, even when only its #fragment differs from this page's address. */
export function loadPage(target: string): void {
  const next = new URL(target, window.location.href);
  const here = window.location;
  if (next.pathname === here.pathname && next.search === here.search) {
    here.hash = next.hash;
    here.reload();
  } else here.assign(next.href);
}
