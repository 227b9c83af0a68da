import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug.threads.$threadId";
import { localized } from "~/domain/bilingual";
import { handleThreadAction, loadThreadPage, requireThreadAddress } from "~/web/discussions.server";
import { ThreadView } from "~/ui/discussion/thread-view";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireThreadAddress(request, params.threadId);
  return loadThreadPage(request, params.threadId, new URL(request.url));
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireThreadAddress(request, params.threadId);
  return handleThreadAction(request, params.threadId);
}

export default function GroupThread({ loaderData, actionData }: Route.ComponentProps) {
  const { i18n } = useTranslation("discussions");
  const { space } = loaderData;
  return <ThreadView page={loaderData} actionData={actionData} backLink={{ href: space.href, label: localized(space, "name", i18n.language) }} />;
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.thread.title} · Praxis` : "Praxis" }];
