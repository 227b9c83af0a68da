import { useTranslation } from "react-i18next";
import { Link } from "~/ui/link";
import type { Route } from "./+types/home";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroups } from "~/domain/groups.server";
import { homeMeetingSummary } from "~/domain/minutes.server";
import { isMemberOf } from "~/domain/permissions";
import { MeetingsSummary } from "~/ui/meetings-summary";
import { PageHeader } from "~/ui/page";
import { PeopleList } from "~/ui/people-list";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const groups = await listGroups();
  return {
    displayName: user.displayName,
    meetings: await homeMeetingSummary(user),
    groups: groups.map((group) => ({
      slug: group.slug,
      nameEn: group.nameEn,
      nameFr: group.nameFr,
      summaryEn: group.summaryEn,
      summaryFr: group.summaryFr,
      questionsEn: group.questionsEn,
      questionsFr: group.questionsFr,
      leads: group.leads,
      members: group.members,
      isMine: isMemberOf(user, group.id),
    })),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("home");
  const language = i18n.language;
  const groups = [...loaderData.groups].sort((a, b) => Number(b.isMine) - Number(a.isMine));
  return (
    <>
      <PageHeader title={t("greeting", { name: loaderData.displayName })} lead={t("intro")} />
      <MeetingsSummary data={loaderData.meetings} actionItemsHeading="yours" />
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t("groups.heading")}</h2>
        <ul className="card-list">
          {groups.map((group) => (
            <li key={group.slug} className={`card${group.isMine ? " card--mine" : ""}`}>
              <h3>
                <Link to={`/groups/${group.slug}`}>{localized(group, "name", language)}</Link>
                {group.isMine ? <span className="tag">{t("groups.yours")}</span> : null}
              </h3>
              <p>{localized(group, "summary", language)}</p>
              <details>
                <summary>{t("groups.questions")}</summary>
                <ol className="questions">
                  {localized(group, "questions", language).split("\n").filter(Boolean).map((question) => (
                    <li key={question}>{question}</li>
                  ))}
                </ol>
              </details>
              <PeopleList leads={group.leads} members={group.members} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
