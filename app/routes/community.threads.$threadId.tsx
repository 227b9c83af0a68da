import { useTranslation } from "react-i18next";
import type { Route } from "./+types/community.threads.$threadId";
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

export default function CommunityThread({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("discussions");
  return <ThreadView page={loaderData} actionData={actionData} backLink={{ href: "/community", label: t("space.community") }} />;
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.thread.title} · Praxis` : "Praxis" }];
