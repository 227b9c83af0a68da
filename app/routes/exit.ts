// Quick exit. A plain form posts here from every page (it works without JavaScript); with
// JavaScript the page has already gone to the neutral page and this only ends the session.
import { redirect } from "react-router";
import type { Route } from "./+types/exit";
import { getViewer } from "~/web/auth.server";
import { signOut } from "~/domain/sessions.server";
import { env } from "~/infra/env.server";
import { quickExitResponse } from "~/web/session-end.server";

export async function action({ request }: Route.ActionArgs) {
  const viewer = await getViewer(request);
  if (viewer) await signOut(viewer.session.id);
  return quickExitResponse();
}

/** Reached by address (a reload, a link): on to the neutral page, but a GET changes nothing. */
export async function loader() {
  return redirect(env().QUICK_EXIT_URL, { status: 303, headers: { "Cache-Control": "no-store" } });
}
