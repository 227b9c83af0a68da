// The offline reading pack's endpoint (JSON), for a member's own device: POST { cursor, want }
// answers what changed since that cursor (see domain/offline-pack.server). A dead session gets
// 401 and, from the session headers, the order to drop this site's storage.
import type { Route } from "./+types/offline-pack";
import { getViewer } from "~/web/auth.server";
import { packDelta } from "~/domain/offline-pack.server";
import { onlyPosted } from "~/web/methods.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function action({ request }: Route.ActionArgs) {
  const viewer = await getViewer(request);
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });
  // A session that must enrol a second factor first is alive, but opens nothing else yet.
  if (viewer.session.mustEnrol) return Response.json({ error: "enrolFirst" }, { status: 403, headers: NO_STORE });
  let body: { cursor?: unknown; want?: unknown };
  try {
    body = (await request.json()) as typeof body;
  } catch {
    return Response.json({ error: "badRequest" }, { status: 400, headers: NO_STORE });
  }
  const cursor = typeof body?.cursor === "string" ? body.cursor : null;
  const want = Array.isArray(body?.want) ? body.want.filter((id): id is string => typeof id === "string") : [];
  const result = await packDelta(viewer.user, { cursor, want });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers: NO_STORE });
  return Response.json(result.value, { headers: NO_STORE });
}

export const loader = onlyPosted;
