import type { Route } from "./+types/groups.$slug.decisions";
import { groupSpace, loadDecisionList } from "~/web/decisions.server";
import { DecisionList } from "~/ui/decisions";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { localized } from "~/domain/bilingual";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  return loadDecisionList(request, await groupSpace(params.slug));
}

export default function GroupDecisions({ loaderData }: Route.ComponentProps) {
  return <DecisionList data={loaderData} />;
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${language === "fr" ? "Décisions" : "Decisions"} · ${localized(data.space, "name", language)} · Praxis` : "Praxis" }];
};
