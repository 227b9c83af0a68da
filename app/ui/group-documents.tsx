// The documents of a working group, listed on its page, with a form to start a free document.
import { Form } from "react-router";
import { Link } from "~/ui/link";
import { useTranslation } from "react-i18next";
import { learningQuestionsStatus } from "~/domain/learning-questions";
import { LocalTime } from "./time";

export interface GroupDocumentsProps {
  slug: string;
  canCreate: boolean;
  status: { questions: string; workplan: string; outcomeChosen: boolean };
  freeDocuments: Array<{ id: string; title: string; createdAt: Date | string }>;
}

export function GroupDocuments({ slug, canCreate, status, freeDocuments }: GroupDocumentsProps) {
  const { t } = useTranslation("documents");
  const base = `/groups/${slug}/docs`;
  return (
    <section className="panel stack" aria-labelledby="documents" id="documents">
      <h2 id="documents">{t("groupList.title")}</h2>
      <ul className="card-list">
        <li className="card">
          <Link to={`${base}/learning-questions`}>{t("kinds.learning-questions")}</Link>{" "}
          <span className="tag">{t(learningQuestionsStatus({ questionsStatus: status.questions }).label)}</span>
        </li>
        <li className="card">
          <Link to={`${base}/learning-outcome`}>{t("kinds.learning-outcome")}</Link>{" "}
          <span className="tag">{status.outcomeChosen ? t("outcome.chosen") : t("outcome.notChosen")}</span>
        </li>
        <li className="card">
          <Link to={`${base}/workplan`}>{t("kinds.workplan")}</Link> <span className="tag">{t(`workplan.status.${status.workplan}`)}</span>
        </li>
        {freeDocuments.map((doc) => (
          <li className="card" key={doc.id}>
            <Link to={`${base}/doc.${doc.id}`}>{doc.title}</Link> <span className="small muted"><LocalTime value={doc.createdAt} /></span>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <Form method="post" action={base} className="row">
          <label htmlFor="new-document-title">{t("free.titleLabel")}</label>
          <input id="new-document-title" name="title" required maxLength={120} />
          <button className="button">{t("free.create")}</button>
        </Form>
      ) : null}
    </section>
  );
}
