// Publications: what each group has published or proposed, and the CoP's publishing rule.
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/publications";
import { localized } from "~/domain/bilingual";
import { listPublications, setPublicationSettings } from "~/domain/publications.server";
import { requireViewer } from "~/web/auth.server";
import { FormAlert, text } from "~/ui/forms";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { translatedTitle } from "~/ui/meta";
import { EmptyState, PageHeader } from "~/ui/page";

export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  return listPublications(user);
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  if (text(form, "intent") !== "settings") return data({ error: "common:errors.invalidValue", saved: false }, { status: 400 });
  const result = await setPublicationSettings(user, { requireMelApproval: form.get("requireMelApproval") === "on" });
  if (!result.ok) return data({ error: result.error, saved: false }, { status: result.status });
  return { error: null, saved: true };
}

export default function Publications({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("publications");
  const { publications, startableGroups, canConfigure, settings } = loaderData;
  return (
    <>
      <PageHeader title={t("list.title")} lead={t("list.lead")}>
        {startableGroups.length ? (
          <p>
            <Link className="button button--primary" to="/publications/new">{t("list.propose")}</Link>
          </p>
        ) : null}
      </PageHeader>
      {publications.length === 0 ? (
        <EmptyState title={t("list.emptyTitle")} body={t("list.emptyBody")} />
      ) : (
        <ul className="card-list">
          {publications.map((p) => (
            <li key={p.id} className="card">
              <h2 className="h3">
                <Link to={`/publications/${p.id}`}>{p.latest ? localized(p.latest, "title", i18n.language) : p.slug}</Link>
              </h2>
              <p className="small muted">
                {p.group ? localized(p.group, "name", i18n.language) : null}
                {" · "}
                {p.unpublishedAt ? t("status.unpublished") : p.approved ? t("status.published", { number: p.approved.number }) : t("status.inReview")}
                {p.latest?.status === "proposed" && p.approved ? ` · ${t("status.correctionInReview")}` : null}
                {" · "}
                {t(`visibility.${p.visibility}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canConfigure ? (
        <section className="panel stack" aria-labelledby="publication-settings">
          <h2 id="publication-settings">{t("settings.title")}</h2>
          {actionData?.saved ? <FormAlert tone="success" message="publications:settings.saved" /> : null}
          <FormAlert message={actionData?.error} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="settings" />
            <div className="checkbox">
              <input type="checkbox" id="requireMelApproval" name="requireMelApproval" defaultChecked={settings.requireMelApproval} />
              <label htmlFor="requireMelApproval">{t("settings.requireMel")}</label>
            </div>
            <button type="submit" className="button">{t("settings.save")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "publications", "list.title") }];
