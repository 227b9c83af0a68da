// An earlier (or the current) approved version of a publication, at its own lasting address.
import type { Route } from "./+types/p.$address.v.$number";
import { publicPageResponse } from "~/web/publication-public.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return publicPageResponse(request, params.address, params.number, context.nonce);
}

export const action = onlyRead;
