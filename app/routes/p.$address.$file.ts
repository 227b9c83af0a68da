// A publication's downloads: PDF and EPUB per language, and the static site's zip.
import type { Route } from "./+types/p.$address.$file";
import { publicFileResponse } from "~/web/publication-public.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  return publicFileResponse(request, params.address, undefined, params.file);
}

export const action = onlyRead;
