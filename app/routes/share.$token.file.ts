// A shared resource's file, for people outside the CoP holding a valid share link.
import type { Route } from "./+types/share.$token.file";
import { openSharedFile } from "~/domain/library.server";
import { fileResponse } from "~/infra/file-response.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const file = await openSharedFile(params.token);
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(request, file);
}

export const action = onlyRead;
