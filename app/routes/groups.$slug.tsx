import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/groups.$slug";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { completeFollowUpAction, listFollowUpActions } from "~/domain/checkins.server";
import { markNoticesAboutRead } from "~/domain/work-notices.server";
import { handleSpaceAction, loadSpace } from "~/web/discussions.server";
import { getGroupBySlug, listGroupNames } from "~/domain/groups.server";
import { can, isMemberOf } from "~/domain/permissions";
import * as documentPolicy from "~/domain/policies/documents";
import { getGroupPlan } from "~/domain/workplans.server";
import { SpaceView } from "~/ui/discussion/space-view";
import { text } from "~/ui/forms";
import { FollowUpList } from "~/ui/mel";
import { groupMeetingSummary } from "~/domain/minutes.server";
import { MeetingsSummary } from "~/ui/meetings-summary";
import { listFreeDocuments } from "~/domain/documents.server";
import { GroupDocuments } from "~/ui/group-documents";
import { LiveQuestionsNotice } from "~/ui/live-questions";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { PeopleList } from "~/ui/people-list";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { spaceDecisionSummary } from "~/domain/decisions/decisions.server";
import { SpaceDecisions } from "~/ui/decisions";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const target = { groupId: group.id };
  const [space, groups, plan, followUps] = await Promise.all([
    loadSpace(user, group.id, new URL(request.url)),
    listGroupNames(),
    getGroupPlan(group.id),
    listFollowUpActions(user, group.id),
  ]);
  // The group page lists its follow-up actions: opening it reads the notices about them.
  const unreadAfterMarking = followUps.ok ? await markNoticesAboutRead(user.id, "followup", followUps.value.map((f) => f.id)) : null;
  return {
    // The shell shows this count: its own was read before this page marked its notices.
    unreadNotifications: unreadAfterMarking,
    group,
    groups,
    space,
    isMember: isMemberOf(user, group.id),
    canPost: can(user, "group.post", { groupId: group.id }),
    // The group's MEL follow-up: the workplan's review status and the actions agreed with MEL.
    mel: followUps.ok
      ? {
          workplanStatus: plan.workplanStatus,
          workplanApprovedAt: plan.workplanApprovedAt,
          followUps: followUps.value,
          canComplete: can(user, "followup.complete", target),
          canOpenMel: can(user, "checkin.read", target),
        }
      : null,
    meetings: await groupMeetingSummary(user, group.id),
    canCreateDocument: documentPolicy.allow(user, "edit", { kind: "doc", groupId: group.id }),
    freeDocuments: await listFreeDocuments(user, group.id),
    // The stages the documents panel names, from the plan row read above.
    plan: { questionsStatus: plan.questionsStatus, status: plan.workplanStatus, outcomeForm: plan.outcomeForm },
    decisions: await spaceDecisionSummary(user, group.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const group = orNotFound(await getGroupBySlug(params.slug));
  // One page, two forms: MEL follow-ups are marked done here; everything else is the discussion.
  const form = await request.clone().formData();
  if (text(form, "intent") === "complete-followup") {
    const { user } = await requireViewer(request);
    const result = await completeFollowUpAction(user, text(form, "followUpId"));
    const reply = { intent: "complete-followup", error: result.ok ? null : result.error, fieldErrors: {}, values: {} };
    return data(reply, { status: result.ok ? 200 : result.status });
  }
  return handleSpaceAction(request, group.id, `/groups/${group.slug}`);
}

export default function Group({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("groups");
  const { group } = loaderData;
  const language = i18n.language;
  return (
    <>
      <PageHeader title={localized(group, "name", language)} lead={localized(group, "summary", language)}>
        {loaderData.isMember ? (
          <p className="tag">{t("youAreMember")}</p>
        ) : loaderData.canPost || loaderData.canCreateDocument ? (
          // Said from the same permissions that show the forms below, never from the membership alone.
          <p className="muted">{t("notMemberCanTakePart")}</p>
        ) : (
          <p className="muted">{t("readOnlyNote")}</p>
        )}
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
      <LiveQuestionsNotice groupIds={[group.id]} />
      <GroupDocuments
        slug={group.slug}
        canCreate={loaderData.canCreateDocument}
        freeDocuments={loaderData.freeDocuments}
        status={{ questions: loaderData.plan.questionsStatus, workplan: loaderData.plan.status, outcomeChosen: Boolean(loaderData.plan.outcomeForm) }}
      />
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
      <SpaceDecisions data={loaderData.decisions} href={`/groups/${group.slug}`} />
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
      <div className="columns">
        <MeetingsSummary data={loaderData.meetings} actionItemsHeading="group" />
      </div>
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: data ? `${localized(data.group, "name", language)} · Praxis` : "Praxis" }];
};
