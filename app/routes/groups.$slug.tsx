import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug";
import { orNotFound, requireViewer } from "~/domain/auth.server";
import { localized } from "~/domain/bilingual";
import { getGroupBySlug } from "~/domain/groups.server";
import { groupMeetingSummary } from "~/domain/minutes.server";
import { can, isMemberOf } from "~/domain/permissions";
import { MeetingsSummary } from "~/ui/meetings-summary";
import { EmptyState, PageHeader } from "~/ui/page";
import { PeopleList } from "~/ui/people-list";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  return {
    group,
    isMember: isMemberOf(user, group.id),
    canPost: can(user, "group.post", { groupId: group.id }),
    meetings: await groupMeetingSummary(user, group.id),
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
      <div className="columns">
        <MeetingsSummary data={loaderData.meetings} actionItemsHeading="group" />
      </div>
      <EmptyState title={t("discussion.title")} body={t("discussion.empty")} />
      <EmptyState title={t("documents.title")} body={t("documents.empty")} />
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.group, "name", language)} · Praxis` : "Praxis" }];
};
