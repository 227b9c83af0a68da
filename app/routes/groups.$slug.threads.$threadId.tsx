import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import type { Route } from "./+types/groups.$slug.threads.$threadId";
import { localized } from "~/domain/bilingual";
import { getThread, handleThreadAction, loadThreadPage } from "~/domain/discussions.server";
import { threadHref } from "~/domain/notifications.server";
import { ThreadView } from "~/ui/discussion/thread-view";

/** Threads live at their space's address; a thread of another space (or group) is sent there. */
async function guardSpace(request: Request, threadId: string) {
  const thread = await getThread(threadId);
  if (!thread) throw new Response("Not found", { status: 404 });
  const href = await threadHref(thread);
  if (href !== new URL(request.url).pathname) throw redirect(href);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await guardSpace(request, params.threadId);
  return loadThreadPage(request, params.threadId, new URL(request.url));
}

export async function action({ request, params }: Route.ActionArgs) {
  await guardSpace(request, params.threadId);
  return handleThreadAction(request, params.threadId);
}

export default function GroupThread({ loaderData, actionData }: Route.ComponentProps) {
  const { i18n } = useTranslation("discussions");
  const { space } = loaderData;
  return <ThreadView page={loaderData} actionData={actionData} backLink={{ href: space.href, label: localized(space, "name", i18n.language) }} />;
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.thread.title} · Praxis` : "Praxis" }];
