import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library";
import { requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { RESOURCE_LANGUAGES, RESOURCE_TYPES, SORTS } from "~/domain/library";
import { listContributors, readSearchParams, searchLibrary } from "~/domain/library.server";
import { can } from "~/domain/permissions";
import { ResourceSummary } from "~/ui/library/resource-summary";
import { EmptyState, PageHeader } from "~/ui/page";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Search and browse: a GET form, so it works without JavaScript and results can be bookmarked.
// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.read");
  const params = readSearchParams(new URL(request.url));
  const [found, groups, contributors] = await Promise.all([searchLibrary(user, params), listGroupNames(), listContributors()]);
  return { params, ...found, groups, contributors, canAdd: can(user, "library.add"), canConfigure: can(user, "library.configure") };
}

export default function LibraryPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const { params, results, total, page, pageCount, sort, groups } = loaderData;
  const groupName = (slug: string) => {
    const group = groups.find((g) => g.slug === slug);
    return group ? (i18n.language === "fr" ? group.nameFr : group.nameEn) : slug;
  };
  const pageLink = (to: number) => {
    const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
    search.set("page", String(to));
    return `/library?${search.toString()}`;
  };
  const isFiltered = Boolean(params.q || params.theme || params.tag || params.type || params.language || params.addedBy || params.from || params.to);

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")}>
        <p className="row row--start">
          {loaderData.canAdd ? <Link className="button button--primary" to="/library/new">{t("actions.add")}</Link> : null}
          <Link className="button" to="/library/collections">{t("collections.title")}</Link>
          {loaderData.canConfigure ? <Link className="button" to="/library/settings">{t("settings.title")}</Link> : null}
        </p>
      </PageHeader>

      <search className="panel library-search">
        <Form method="get" action="/library" className="stack">
          <div className="field">
            <label htmlFor="library-q">{t("search.label")}</label>
            <div className="library-search__bar">
              <input id="library-q" type="search" name="q" defaultValue={params.q} maxLength={200} placeholder={t("search.placeholder")} />
              <button type="submit" className="button button--primary">{t("search.submit")}</button>
            </div>
          </div>
          <details className="library-filters" open={isFiltered && !params.q ? true : undefined}>
            <summary>{t("search.filters")}</summary>
            <div className="library-filters__grid">
              <Select name="theme" label={t("fields.theme")} value={params.theme} any={t("search.any")} options={groups.map((g) => ({ value: g.slug, label: groupName(g.slug) }))} />
              <div className="field">
                <label htmlFor="library-tag">{t("fields.tag")}</label>
                <input id="library-tag" type="text" name="tag" defaultValue={params.tag} maxLength={40} />
              </div>
              <Select name="type" label={t("fields.type")} value={params.type} any={t("search.any")} options={RESOURCE_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))} />
              <Select name="language" label={t("fields.language")} value={params.language} any={t("search.any")} options={RESOURCE_LANGUAGES.map((v) => ({ value: v, label: t(`languages.${v}`) }))} />
              <Select name="addedBy" label={t("fields.addedBy")} value={params.addedBy} any={t("search.anyone")} options={loaderData.contributors.map((c) => ({ value: c.id, label: c.displayName }))} />
              <div className="field">
                <label htmlFor="library-from">{t("search.from")}</label>
                <input id="library-from" type="date" name="from" defaultValue={params.from} />
              </div>
              <div className="field">
                <label htmlFor="library-to">{t("search.to")}</label>
                <input id="library-to" type="date" name="to" defaultValue={params.to} />
              </div>
              <Select name="sort" label={t("search.sort")} value={params.sort ?? sort} options={SORTS.map((v) => ({ value: v, label: t(`search.sorts.${v}`) }))} />
            </div>
          </details>
        </Form>
      </search>

      {params.theme || params.tag ? (
        <p className="row row--start library-active-filter">
          <span>{t("search.active")}</span>
          {params.theme ? <span className="tag">{groupName(params.theme)}</span> : null}
          {params.tag ? <span className="tag tag--muted">#{params.tag}</span> : null}
          <Link to="/library">{t("search.clear")}</Link>
        </p>
      ) : null}
      <h2 className="library-count" aria-live="polite">
        {params.q ? t("search.countFor", { count: total, query: params.q }) : t("search.count", { count: total })}
      </h2>
      {results.length === 0 ? (
        <EmptyState title={isFiltered ? t("search.none.title") : t("empty.title")} body={isFiltered ? t("search.none.body") : t("empty.body")} />
      ) : (
        <ol className="card-list library-results">
          {results.map((resource) => (
            <li key={resource.id}>
              <ResourceSummary resource={resource} groupName={groupName} snippet={resource.snippet} />
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 ? (
        <nav className="row library-pager" aria-label={t("search.pages")}>
          {page > 1 ? <Link className="button" to={pageLink(page - 1)} rel="prev">{t("search.previous")}</Link> : <span />}
          <span className="muted">{t("search.pageOf", { page, count: pageCount })}</span>
          {page < pageCount ? <Link className="button" to={pageLink(page + 1)} rel="next">{t("search.next")}</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}

function Select({ name, label, value, any, options }: { name: string; label: string; value?: string; any?: string; options: Array<{ value: string; label: string }> }) {
  const id = `library-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {any ? <option value="">{any}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Praxis" }];
