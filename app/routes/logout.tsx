import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getViewer } from "~/domain/auth.server";
import { signOut } from "~/domain/sessions.server";
import { clearedSessionCookie } from "~/infra/cookies.server";

export async function action({ request }: Route.ActionArgs) {
  const viewer = await getViewer(request);
  if (viewer) await signOut(viewer.session.id);
  return redirect("/login", { status: 303, headers: { "Set-Cookie": clearedSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
