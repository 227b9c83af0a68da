import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/groups.$slug";
import { orNotFound, requireViewer } from "~/domain/auth.server";
import { localized } from "~/domain/bilingual";
import { completeFollowUpAction, listFollowUpActions } from "~/domain/checkins.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { can, isMemberOf } from "~/domain/permissions";
import { getGroupPlan } from "~/domain/workplans.server";
import { text } from "~/ui/forms";
import { FollowUpList } from "~/ui/mel";
import { EmptyState, PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { PeopleList } from "~/ui/people-list";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const target = { groupId: group.id };
  const canSeeFollowUps = can(user, "followup.read", target);
  const plan = await getGroupPlan(group.id);
  return {
    group,
    isMember: isMemberOf(user, group.id),
    canPost: can(user, "group.post", { groupId: group.id }),
    // The group's MEL follow-up: the workplan's review status and the actions agreed with MEL.
    mel: canSeeFollowUps
      ? {
          workplanStatus: plan.workplanStatus,
          workplanApprovedAt: plan.workplanApprovedAt,
          followUps: await listFollowUpActions(group.id),
          canComplete: can(user, "followup.complete", target),
          canOpenMel: can(user, "checkin.read", target),
        }
      : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  orNotFound(await getGroupBySlug(params.slug));
  const form = await request.formData();
  if (text(form, "intent") !== "complete-followup") return data({ error: "common:errors.invalidValue" }, { status: 400 });
  const result = await completeFollowUpAction(user, text(form, "followUpId"));
  if (!result.ok) return data({ error: result.error }, { status: 403 });
  return { error: null };
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
      {loaderData.mel ? (
        <section className="panel" aria-labelledby="mel-heading" id="mel">
          <h2 id="mel-heading">{t("mel.heading")}</h2>
          <p>
            {t(`mel.workplan.${loaderData.mel.workplanStatus}`)}
            {loaderData.mel.workplanStatus === "approved" && loaderData.mel.workplanApprovedAt ? <span className="muted small"> · <LocalTime value={loaderData.mel.workplanApprovedAt} options={{ dateStyle: "medium" }} /></span> : null}
          </p>
          <h3>{t("mel.followUps")}</h3>
          <FollowUpList items={loaderData.mel.followUps} canComplete={loaderData.mel.canComplete} />
          {loaderData.mel.canOpenMel ? <p><Link to={`/mel/groups/${group.slug}`}>{t("mel.open")}</Link></p> : null}
        </section>
      ) : null}
      <EmptyState title={t("discussion.title")} body={t("discussion.empty")} />
      <EmptyState title={t("documents.title")} body={t("documents.empty")} />
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.group, "name", language)} · Praxis` : "Praxis" }];
};
