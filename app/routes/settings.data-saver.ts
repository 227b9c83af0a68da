// A device on a slow connection (as its browser reports it) asks for the data saver, once, in
// the background: the answer is empty, so the suggestion costs that connection nothing more.
import type { Route } from "./+types/settings.data-saver";
import { getViewer } from "~/web/auth.server";
import { suggestDataSaver } from "~/domain/offline-pack.server";
import { onlyPosted } from "~/web/methods.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function action({ request }: Route.ActionArgs) {
  const viewer = await getViewer(request);
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });
  // Changes nothing once the member has chosen, on this device or another.
  await suggestDataSaver(viewer.user);
  return new Response(null, { status: 204, headers: NO_STORE });
}

export const loader = onlyPosted;
