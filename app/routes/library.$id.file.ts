// Downloads a resource's file: members who may open it only, never a cached public copy.
import type { Route } from "./+types/library.$id.file";
import { requirePermission } from "~/web/auth.server";
import { openResourceFile } from "~/domain/library.server";
import { fileResponse } from "~/infra/file-response.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.read");
  const file = await openResourceFile(user, params.id);
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(request, file);
}

export const action = onlyRead;
