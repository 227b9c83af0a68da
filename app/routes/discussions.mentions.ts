// @mention suggestions for the composer (JSON). Signed-in members only; resting members are left out.
import type { Route } from "./+types/discussions.mentions";
import { requireViewer } from "~/web/auth.server";
import { mentionSuggestions } from "~/domain/discussions.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request }: Route.LoaderArgs) {
  await requireViewer(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return Response.json({ suggestions: await mentionSuggestions(q) }, { headers: { "Cache-Control": "private, no-store" } });
}

export const action = onlyRead;
