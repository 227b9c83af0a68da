import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.collections.$id";
import { refuse } from "~/domain/result";
import { orNotFound, requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { deleteCollection, getCollection, moveInCollection, removeFromCollection } from "~/domain/library.server";
import { FormAlert, text } from "~/ui/forms";
import { libraryMeta } from "~/ui/library/meta";
import { ResourceSummary } from "~/ui/library/resource-summary";
import { EmptyState, PageHeader } from "~/ui/page";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.read");
  const collection = orNotFound(await getCollection(user, params.id));
  return { collection, groups: await listGroupNames() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "library.read");
  const form = await request.formData();
  const intent = text(form, "intent");
  const resourceId = text(form, "resourceId");
  const result =
    intent === "up" || intent === "down" ? await moveInCollection(user, params.id, resourceId, intent)
    : intent === "remove" ? await removeFromCollection(user, params.id, resourceId)
    : intent === "delete" ? await deleteCollection(user, params.id)
    : refuse.invalid("common:errors.invalidValue");
  if (!result.ok) return data({ error: result.error }, { status: result.status });
  if (intent === "delete") throw redirect("/library/collections", { status: 303 });
  return data({ error: null as string | null });
}

export default function CollectionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const { collection, groups } = loaderData;
  const groupName = (slugOrId: string) => {
    const g = groups.find((x) => x.slug === slugOrId || x.id === slugOrId);
    return g ? (i18n.language === "fr" ? g.nameFr : g.nameEn) : "";
  };
  return (
    <>
      <p><Link to="/library/collections">{t("collections.back")}</Link></p>
      <PageHeader title={collection.title} lead={collection.description || undefined}>
        <p className="muted">{t("collections.ofGroup", { group: groupName(collection.groupId) })}</p>
      </PageHeader>
      <FormAlert focus message={actionData?.error} />
      {collection.items.length === 0 ? <EmptyState title={t("collections.emptyListTitle")} body={t("collections.emptyListBody")} /> : (
        <ol className="card-list library-reading-list">
          {collection.items.map((resource, index) => (
            <li key={resource.id}>
              <ResourceSummary resource={resource} groupName={groupName} />
              {collection.canCurate ? (
                <Form method="post" className="row row--start library-reading-list__tools">
                  <input type="hidden" name="resourceId" value={resource.id} />
                  <button type="submit" name="intent" value="up" className="button" disabled={index === 0} aria-label={t("collections.moveUp", { title: resource.title })}>↑</button>
                  <button type="submit" name="intent" value="down" className="button" disabled={index === collection.items.length - 1} aria-label={t("collections.moveDown", { title: resource.title })}>↓</button>
                  <button type="submit" name="intent" value="remove" className="button button--danger">{t("collections.remove")}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {collection.canCurate ? (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger">{t("collections.delete")}</button>
        </Form>
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => libraryMeta(matches, "collections.title", data?.collection.title);
