// The one download of a prepared data export; the file is deleted once it has been sent.
import { Readable } from "node:stream";
import type { Route } from "./+types/settings.export.$id";
import { takeExport } from "~/domain/data-export.server";
import { contentDisposition } from "~/infra/file-response.server";
import { requireViewer } from "~/web/auth.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const taken = await takeExport(user, params.id);
  if (!taken.ok) throw new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(taken.value.stream as Readable) as unknown as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition("application/zip", taken.value.fileName),
      "Content-Length": String(taken.value.size),
      "Cache-Control": "no-store",
    },
  });
}

export const action = onlyRead;
