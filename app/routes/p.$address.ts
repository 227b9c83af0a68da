// A publication's public page (no sign-in, no script, no cookie): English, or French with ?lng=fr.
import type { Route } from "./+types/p.$address";
import { publicPageResponse } from "~/web/publication-public.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return publicPageResponse(request, params.address, undefined, context.nonce);
}

export const action = onlyRead;
