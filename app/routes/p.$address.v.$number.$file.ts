// The downloads of one approved version.
import type { Route } from "./+types/p.$address.v.$number.$file";
import { publicFileResponse } from "~/web/publication-public.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  return publicFileResponse(request, params.address, params.number, params.file);
}

export const action = onlyRead;
