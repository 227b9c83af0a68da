// One resource as a card in a list (search results, collections): title, kind, themes, snippet;
// its themes and tags link to the library filtered on them.
import { useTranslation } from "react-i18next";
import { Link } from "~/ui/link";
import { formatBytes } from "~/domain/library";
import { LocalTime } from "~/ui/time";

export interface SummaryResource {
  id: string;
  kind: string;
  title: string;
  description: string;
  language: string;
  type: string;
  themes: string[];
  tags: string[];
  visibility: string;
  fileSize: number | null;
  createdAt: Date | string;
  addedBy: { displayName: string };
}

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

export function ResourceSummary({ resource, groupName, snippet, headingLevel = 3 }: { resource: SummaryResource; groupName: (slug: string) => string; snippet?: SnippetPart[] | null; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("library");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  // The resource's own words are in its language, which screen readers should pronounce right.
  const lang = resource.language === "other" ? undefined : resource.language;
  return (
    <article className="card library-card">
      <Heading className="library-card__title">
        <Link to={`/library/${resource.id}`} lang={lang}>{resource.title}</Link>
      </Heading>
      <p className="muted small library-card__facts">
        <span>{t(`types.${resource.type}`)}</span>
        {" · "}
        <span>{t(`languages.${resource.language}`)}</span>
        {" · "}
        <span>{resource.kind === "link" ? t("kinds.link") : resource.fileSize !== null ? formatBytes(resource.fileSize, i18n.language) : t("kinds.file")}</span>
        {" · "}
        <span>{t("summary.addedBy", { name: resource.addedBy.displayName || t("common:formerMember") })}</span>
        {", "}
        <LocalTime value={resource.createdAt} options={{ dateStyle: "medium" }} />
        {resource.visibility !== "community" ? <span className="tag tag--muted">{t(`visibility.${resource.visibility}.short`)}</span> : null}
      </p>
      {snippet ? (
        <p className="library-snippet" lang={lang}>
          {snippet.map((part, index) => (part.isMatch ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
        </p>
      ) : resource.description ? (
        <p className="library-card__description" lang={lang}>{resource.description.length > 240 ? `${resource.description.slice(0, 240)}…` : resource.description}</p>
      ) : null}
      {resource.themes.length || resource.tags.length ? (
        <p className="library-card__tags small">
          <ResourceTagLinks themes={resource.themes} tags={resource.tags} groupName={groupName} />
        </p>
      ) : null}
    </article>
  );
}

/** A resource's themes and tags, each a link to the library filtered on it (the same search, so
 *  the policy still decides what the list shows). */
export function ResourceTagLinks({ themes, tags, groupName }: { themes: string[]; tags: string[]; groupName: (slug: string) => string }) {
  return (
    <>
      {themes.map((slug) => <Link key={slug} className="tag" to={libraryFilterHref({ theme: slug })}>{groupName(slug)}</Link>)}
      {tags.map((tag) => <Link key={tag} className="tag tag--muted" to={libraryFilterHref({ tag })}>#{tag}</Link>)}
    </>
  );
}

export function libraryFilterHref(filter: { theme: string } | { tag: string }): string {
  return `/library?${new URLSearchParams(filter).toString()}`;
}
