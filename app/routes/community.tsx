import { useTranslation } from "react-i18next";
import type { Route } from "./+types/community";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { handleSpaceAction, loadSpace } from "~/web/discussions.server";
import { listGroupNames } from "~/domain/groups.server";
import { SpaceView } from "~/ui/discussion/space-view";
import { PageHeader } from "~/ui/page";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { spaceDecisionSummary } from "~/domain/decisions/decisions.server";
import { SpaceDecisions } from "~/ui/decisions";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const [space, groups] = await Promise.all([loadSpace(user, null, new URL(request.url)), listGroupNames()]);
  return { space, groups, decisions: await spaceDecisionSummary(user, null) };
}

export async function action({ request }: Route.ActionArgs) {
  return handleSpaceAction(request, null, "/community");
}

export default function CommunityPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("community");
  const spaces = [
    { key: "community", href: "/community", name: t("discussions:space.community") },
    ...loaderData.groups.map((group) => ({ key: group.id, href: `/groups/${group.slug}`, name: localized(group, "name", i18n.language) })),
  ];
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <SpaceDecisions data={loaderData.decisions} href="/community" />
      <SpaceView space={loaderData.space} actionData={actionData} spaces={spaces} />
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: language === "fr" ? "Communauté · Praxis" : "Community · Praxis" }];
};
