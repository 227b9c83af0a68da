import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug";
import { orNotFound, requireViewer } from "~/domain/auth.server";
import { localized } from "~/domain/bilingual";
import { handleSpaceAction, loadSpace } from "~/domain/discussions.server";
import { getGroupBySlug, listGroupNames } from "~/domain/groups.server";
import { can, isMemberOf } from "~/domain/permissions";
import { SpaceView } from "~/ui/discussion/space-view";
import { EmptyState, PageHeader } from "~/ui/page";
import { PeopleList } from "~/ui/people-list";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const [space, groups] = await Promise.all([loadSpace(user, group.id, new URL(request.url)), listGroupNames()]);
  return {
    group,
    groups,
    space,
    isMember: isMemberOf(user, group.id),
    canPost: can(user, "group.post", { groupId: group.id }),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const group = orNotFound(await getGroupBySlug(params.slug));
  return handleSpaceAction(request, group.id, `/groups/${group.slug}`);
}

export default function Group({ loaderData, actionData }: Route.ComponentProps) {
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
      <section aria-labelledby="discussion-heading" className="group-discussion">
        <h2 id="discussion-heading">{t("discussion.title")}</h2>
        <SpaceView
          space={loaderData.space}
          actionData={actionData}
          headingId="group-threads-heading"
          spaces={[
            { key: "community", href: "/community", name: t("discussions:space.community") },
            ...loaderData.groups.map((g) => ({ key: g.id, href: `/groups/${g.slug}`, name: localized(g, "name", language) })),
          ]}
        />
      </section>
      <EmptyState title={t("documents.title")} body={t("documents.empty")} />
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.group, "name", language)} · Praxis` : "Praxis" }];
};
