// The one check for every redirect target that comes from a request (sign-in `next`, the
// language switch, invitations): only a path on this site is followed, anything else becomes "/".
// Browsers treat "//host", "/\host", backslashes and tabs or newlines inside a URL leniently
// ("/\t/evil.example" is "//evil.example"), so all of those, encoded or not, are refused.

const FALLBACK = "/";
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** Decodes percent-encoding until it is stable (a few rounds); null when it is malformed. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** `target` if it is a same-site path ("/groups/x?y#z"), else "/". */
export function safeRedirectPath(target: string | null | undefined): string {
  if (!target || target.length > 2000 || !target.startsWith("/")) return FALLBACK;
  const decoded = fullyDecoded(target);
  if (decoded === null || UNSAFE.test(target) || UNSAFE.test(decoded)) return FALLBACK;
  if (target.startsWith("//") || decoded.startsWith("//")) return FALLBACK;
  // Whatever a URL parser makes of it must stay on this origin and keep the path it was given.
  const base = "http://praxis.invalid";
  let parsed: URL;
  try {
    parsed = new URL(target, base);
  } catch {
    return FALLBACK;
  }
  if (parsed.origin !== base) return FALLBACK;
  return parsed.pathname + parsed.search + parsed.hash;
}
