// A document's history: named, automatic and recorded versions; view one, compare it with the
// current text, restore it (a new change: the current text is kept as a version first).
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug.docs.$docId.history";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { documentHistory, documentIdForPage, restoreVersion } from "~/domain/documents.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { ServerText } from "~/ui/editor/collaborative-editor";
import { FormAlert, text } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { loadAsDocument, staticPage } from "~/ui/light-page";

async function loadContext(request: Request, params: { slug: string; docId: string }) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const documentId = orNotFound(await documentIdForPage(group, params.docId));
  return { user, group, documentId };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, group, documentId } = await loadContext(request, params);
  const history = await documentHistory(user, documentId, new URL(request.url).searchParams.get("version"));
  if (!history.ok) throw data(null, { status: history.status });
  const { canRestore, versions, selected, changes } = history.value;
  return {
    group: { slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr },
    docParam: params.docId,
    canRestore,
    versions,
    selected: selected ? { id: selected.id, kind: selected.kind, name: selected.name, createdAt: selected.createdAt, html: selected.html } : null,
    changes,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, group, documentId } = await loadContext(request, params);
  const form = await request.formData();
  if (text(form, "intent") !== "restore") return data({ error: "common:errors.invalidValue" }, { status: 400 });
  const restored = await restoreVersion(user, documentId, text(form, "versionId"));
  if (!restored.ok) return data({ error: restored.error }, { status: restored.status });
  return redirect(`/groups/${group.slug}/docs/${params.docId}?restored=1`, { status: 303 });
}

export default function History({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("documents");
  const { group, selected } = loaderData;
  const base = `/groups/${group.slug}/docs/${loaderData.docParam}`;
  return (
    <>
      <PageHeader title={t("versions.title")} lead={localized(group, "name", i18n.language)}>
        <p><Link to={base}>{t("versions.backToDocument")}</Link></p>
      </PageHeader>
      <FormAlert focus message={actionData?.error} />
      <div className="document-layout">
        <section className="document-main" aria-labelledby="version-view">
          {selected ? (
            <>
              <h2 id="version-view">
                {selected.name || t(`versions.kind.${selected.kind}`)} · <LocalTime value={selected.createdAt} />
              </h2>
              {loaderData.canRestore ? (
                <Form method="post" className="row">
                  <input type="hidden" name="versionId" value={selected.id} />
                  <button className="button button--primary" name="intent" value="restore">{t("versions.restore")}</button>
                  <span className="muted small">{t("versions.restoreHint")}</span>
                </Form>
              ) : null}
              <h3>{t("versions.compareTitle")}</h3>
              {loaderData.changes && loaderData.changes.every((c) => c.change === "same") ? <p className="muted">{t("versions.noDifference")}</p> : null}
              <ol className="plain-list diff">
                {(loaderData.changes ?? []).map((change, index) => (
                  <li key={index} className={`diff__block diff__block--${change.change}`}>
                    {change.change === "added" ? <ins><span className="visually-hidden">{t("versions.added")} </span>{change.block.text}</ins> : null}
                    {change.change === "removed" ? <del><span className="visually-hidden">{t("versions.removed")} </span>{change.block.text}</del> : null}
                    {change.change === "same" ? <span>{change.block.text}</span> : null}
                  </li>
                ))}
              </ol>
              <h3>{t("versions.textTitle")}</h3>
              <ServerText html={selected.html} />
            </>
          ) : (
            <p id="version-view" className="muted">{t("versions.pick")}</p>
          )}
        </section>
        <aside className="document-aside panel" aria-labelledby="versions-list">
          <h2 id="versions-list">{t("versions.listTitle")}</h2>
          {loaderData.versions.length === 0 ? <p className="muted">{t("versions.empty")}</p> : null}
          <ul className="plain-list stack">
            {loaderData.versions.map((version) => (
              <li key={version.id}>
                <Link to={`?version=${version.id}`} aria-current={selected?.id === version.id ? "page" : undefined}>
                  {version.name || t(`versions.kind.${version.kind}`)}
                </Link>
                <br />
                <span className="small muted">
                  <LocalTime value={version.createdAt} />
                  {version.createdBy ? ` · ${version.createdBy}` : ""} · {t(`versions.kind.${version.kind}`)}
                </span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </>
  );
}

// A published text: no app bundle and nothing live (see ui/light-page).
export const handle = staticPage;
export const clientLoader = loadAsDocument;

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
