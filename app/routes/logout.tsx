import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getViewer } from "~/web/auth.server";
import { signOut } from "~/domain/sessions.server";
import { sessionEndedHere } from "~/web/session-end.server";

export async function action({ request }: Route.ActionArgs) {
  const viewer = await getViewer(request);
  if (viewer) await signOut(viewer.session.id);
  // Clear-Site-Data wipes this site's storage and cache on the device: the offline copies of
  // documents a member kept on "their own device" must not outlive the session (a seized phone).
  return redirect("/login", { status: 303, headers: sessionEndedHere() });
}

export async function loader() {
  return redirect("/");
}
