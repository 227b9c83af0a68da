import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug";
import { orNotFound, requireViewer } from "~/domain/auth.server";
import { localized } from "~/domain/bilingual";
import { listFreeDocuments } from "~/domain/documents.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { workplanOverview } from "~/domain/workplans.server";
import { can, isMemberOf } from "~/domain/permissions";
import { GroupDocuments } from "~/ui/group-documents";
import { EmptyState, PageHeader } from "~/ui/page";
import { PeopleList } from "~/ui/people-list";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  return {
    group,
    isMember: isMemberOf(user, group.id),
    canPost: can(user, "group.post", { groupId: group.id }),
    canCreateDocument: can(user, "document.edit", { groupId: group.id }),
    freeDocuments: await listFreeDocuments(group.id),
    plan: await workplanOverview(group.id),
  };
}

export default function Group({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("groups");
  const { group } = loaderData;
  const language = i18n.language;
  return (
    <>
      <PageHeader title={localized(group, "name", language)} lead={localized(group, "summary", language)}>
        {loaderData.isMember ? <p className="tag">{t("youAreMember")}</p> : <p className="muted">{t("readOnlyNote")}</p>}
      </PageHeader>
      <div className="columns">
        <section aria-labelledby="why-heading">
          <h2 id="why-heading">{t("why")}</h2>
          {localized(group, "why", language).split("\n\n").map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          <h2>{t("startingQuestions")}</h2>
          <ol className="questions">
            {localized(group, "questions", language).split("\n").filter(Boolean).map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ol>
        </section>
        <aside aria-labelledby="people-heading" className="panel">
          <h2 id="people-heading">{t("people")}</h2>
          <PeopleList leads={group.leads} members={group.members} />
        </aside>
      </div>
      <EmptyState title={t("discussion.title")} body={t("discussion.empty")} />
      <GroupDocuments
        slug={group.slug}
        canCreate={loaderData.canCreateDocument}
        freeDocuments={loaderData.freeDocuments}
        status={{ questions: loaderData.plan.questionsStatus, workplan: loaderData.plan.status, outcomeChosen: Boolean(loaderData.plan.outcomeForm) }}
      />
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.group, "name", language)} · Praxis` : "Praxis" }];
};
