// The pack key of this session, for this session only: the device keeps it in memory and the
// tab's sessionStorage, never at rest. It lives in the session's row, so sign-out, quick exit,
// revocation and expiry delete it, and the encrypted pack left on a device cannot be opened.
import type { Route } from "./+types/offline-pack.key";
import { getViewer } from "~/web/auth.server";
import { packKeyFor } from "~/domain/offline-pack.server";
import { onlyRead } from "~/web/methods.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });
  // A session that must enrol a second factor first is alive, but opens nothing else yet.
  if (viewer.session.mustEnrol) return Response.json({ error: "enrolFirst" }, { status: 403, headers: NO_STORE });
  const key = await packKeyFor(viewer.session.id);
  if (!key) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });
  return Response.json({ key: Buffer.from(key).toString("base64url"), session: viewer.session.id.slice(0, 6) }, { headers: NO_STORE });
}

export const action = onlyRead;
