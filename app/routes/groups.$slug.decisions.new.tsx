import type { Route } from "./+types/groups.$slug.decisions.new";
import { groupSpace, handleNewDecision, loadNewDecision } from "~/web/decisions.server";
import { DecisionForm } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// A plain form: no app bundle needed (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  return loadNewDecision(request, await groupSpace(params.slug));
}

export async function action({ request, params }: Route.ActionArgs) {
  return handleNewDecision(request, await groupSpace(params.slug));
}

export default function NewGroupDecision({ loaderData, actionData }: Route.ComponentProps) {
  return <DecisionForm data={loaderData} actionData={actionData} />;
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: language === "fr" ? "Nouvelle décision · Praxis" : "New decision · Praxis" }];
};
