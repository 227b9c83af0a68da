// Guards for loaders and actions: who is signed in, and may they do this. Failures throw
// responses (a redirect to sign in, or 403/404), so routes read top to bottom.
import { redirect } from "react-router";
import { can, type Action, type Target } from "~/domain/permissions";
import { getSessionUser, type ActiveSession, type SessionUser } from "~/domain/sessions.server";

export interface Viewer {
  user: SessionUser;
  session: ActiveSession;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return getSessionUser(request.headers.get("cookie"));
}

/** Open to a session that must enrol a second factor first (sign-out and quick exit are too). */
const OPEN_WHILE_ENROLLING = new Set(["/settings", "/passkeys", "/logout", "/exit"]);

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  if (!viewer) {
    const next = url.pathname + url.search;
    throw redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }
  // The rules require a second factor of them and they have none: enrol before anything else.
  if (viewer.session.mustEnrol && !OPEN_WHILE_ENROLLING.has(url.pathname.replace(/\/$/, "") || "/")) {
    throw redirect("/settings?enrol=required#second-factor-heading");
  }
  return viewer;
}

export async function requirePermission(request: Request, action: Action, target: Target = "cop"): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!can(viewer.user, action, target)) throw new Response("Forbidden", { status: 403 });
  return viewer;
}

/** Throws a 404 response when the value is missing: `const group = orNotFound(await getGroup())`. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Response("Not found", { status: 404 });
  return value;
}
