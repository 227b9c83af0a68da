// An expense's receipt, served through the app to those who may read the group's budget.
import type { Route } from "./+types/mel.receipts.$id";
import { requireViewer } from "~/web/auth.server";
import { expenseReceipt } from "~/domain/budget.server";
import { fileResponse } from "~/infra/file-response.server";
import { openFile } from "~/infra/file-store.server";
import { orRefused } from "~/web/results.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const receipt = orRefused(await expenseReceipt(user, params.id));
  const file = await openFile(receipt.hash);
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(request, { ...file, hash: receipt.hash, mime: receipt.mime, fileName: receipt.fileName });
}

export const action = onlyRead;
