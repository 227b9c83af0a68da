// The CoP-wide view of every group's learning questions: current and finalised, side by side,
// read from the derived tables (no Yjs on this page, no JavaScript needed; with it, the live
// island offers a refresh when a lead finalises or reopens).
import { Link } from "~/ui/link";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/learning-questions";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { copLearningQuestions } from "~/domain/learning-questions.server";
import { PageHeader } from "~/ui/page";
import { LiveQuestionsNotice } from "~/ui/live-questions";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  return { groups: await copLearningQuestions(user) };
}

function Questions({ questions }: { questions: Array<{ text: string; translation: string }> }) {
  return (
    <ol>
      {questions.map((q, index) => (
        <li key={index}>
          {q.text}
          {q.translation ? <p className="muted">{q.translation}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export default function LearningQuestions({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("documents");
  return (
    <>
      <PageHeader title={t("questions.copTitle")} lead={t("questions.copLead")} />
      <LiveQuestionsNotice groupIds={loaderData.groups.map(({ group }) => group.id)} />
      <div className="question-columns">
        {loaderData.groups.map(({ group, status, current, finalised }) => (
          <section key={group.id} className="panel stack" aria-labelledby={`q-${group.slug}`}>
            <h2 id={`q-${group.slug}`}>
              <Link to={`/groups/${group.slug}/docs/learning-questions`}>{localized(group, "name", i18n.language)}</Link>
            </h2>
            <p>
              <span className="tag" data-testid="questions-status">{t(status.label)}</span>
            </p>
            <h3>{t("questions.current")}</h3>
            {current.length ? <Questions questions={current} /> : <p className="muted">{t("questions.none")}</p>}
            <h3>{t("questions.lastFinalised")}</h3>
            {finalised ? (
              <>
                {finalised.at ? <p className="small muted"><LocalTime value={finalised.at} /></p> : null}
                <Questions questions={finalised.questions} />
              </>
            ) : (
              <p className="muted">{t("questions.neverFinalised")}</p>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
