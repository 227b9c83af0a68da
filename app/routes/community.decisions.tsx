import type { Route } from "./+types/community.decisions";
import { communitySpace, loadDecisionList } from "~/web/decisions.server";
import { DecisionList } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  return loadDecisionList(request, communitySpace);
}

export default function CommunityDecisions({ loaderData }: Route.ComponentProps) {
  return <DecisionList data={loaderData} />;
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: language === "fr" ? "Décisions · Communauté · Praxis" : "Decisions · Community · Praxis" }];
};
