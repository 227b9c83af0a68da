// Reading and writing cookies: the session cookie, the language cookie.
import { isSecureDeployment } from "./env.server";

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed value is treated as absent.
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean; secure?: boolean; sameSite?: "Lax" | "Strict" } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `SameSite=${options.sameSite ?? "Lax"}`];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** Over HTTPS the session cookie is `__Host-` prefixed and Secure: bound to this exact origin. */
export function sessionCookieName(): string {
  return isSecureDeployment() ? "__Host-praxis_session" : "praxis_session";
}

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return serializeCookie(sessionCookieName(), token, { httpOnly: true, secure: isSecureDeployment(), maxAgeSeconds });
}

export function clearedSessionCookie(): string {
  return serializeCookie(sessionCookieName(), "", { httpOnly: true, secure: isSecureDeployment(), maxAgeSeconds: 0 });
}

export function sessionTokenFrom(cookieHeader: string | null | undefined): string | null {
  return parseCookies(cookieHeader)[sessionCookieName()] ?? null;
}
