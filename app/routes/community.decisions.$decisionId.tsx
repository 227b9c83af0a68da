import type { Route } from "./+types/community.decisions.$decisionId";
import { localized } from "~/domain/bilingual";
import { communitySpace, handleDecisionAction, loadDecision } from "~/web/decisions.server";
import { DecisionView } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// A light page like a thread: plain forms, and the live island for counts shown live.
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  return loadDecision(request, communitySpace, params.decisionId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return handleDecisionAction(request, communitySpace, params.decisionId);
}

export default function CommunityDecision({ loaderData, actionData }: Route.ComponentProps) {
  return <DecisionView page={loaderData} actionData={actionData} />;
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.decision, "title", language)} · Praxis` : "Praxis" }];
};
