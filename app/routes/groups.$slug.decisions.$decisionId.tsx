import type { Route } from "./+types/groups.$slug.decisions.$decisionId";
import { localized } from "~/domain/bilingual";
import { groupSpace, handleDecisionAction, loadDecision } from "~/web/decisions.server";
import { DecisionView } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// A light page like a thread: plain forms, and the live island for counts shown live.
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  return loadDecision(request, await groupSpace(params.slug), params.decisionId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return handleDecisionAction(request, await groupSpace(params.slug), params.decisionId);
}

export default function GroupDecision({ loaderData, actionData }: Route.ComponentProps) {
  return <DecisionView page={loaderData} actionData={actionData} />;
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.decision, "title", language)} · Praxis` : "Praxis" }];
};
