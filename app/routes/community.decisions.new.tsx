import type { Route } from "./+types/community.decisions.new";
import { communitySpace, handleNewDecision, loadNewDecision } from "~/web/decisions.server";
import { DecisionForm } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// A plain form: no app bundle needed (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  return loadNewDecision(request, communitySpace);
}

export async function action({ request }: Route.ActionArgs) {
  return handleNewDecision(request, communitySpace);
}

export default function NewCommunityDecision({ loaderData, actionData }: Route.ComponentProps) {
  return <DecisionForm data={loaderData} actionData={actionData} />;
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: language === "fr" ? "Nouvelle décision · Praxis" : "New decision · Praxis" }];
};
