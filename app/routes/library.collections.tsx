import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.collections";
import { requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { collectionSchema, createCollection, listCollections } from "~/domain/library.server";
import { can } from "~/domain/permissions";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, text } from "~/ui/forms";
import { libraryMeta } from "~/ui/library/meta";
import { EmptyState, PageHeader } from "~/ui/page";

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.read");
  const [collections, groups] = await Promise.all([listCollections(user), listGroupNames()]);
  return { collections, groups: groups.map((g) => ({ ...g, canCurate: can(user, "library.curate", { groupId: g.id }) })) };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "library.read");
  const form = await request.formData();
  const values = { title: text(form, "title"), description: text(form, "description"), groupId: text(form, "groupId") };
  const parsed = parseWith(collectionSchema, values);
  if (!parsed.ok) return data({ values, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = await createCollection(user, parsed.value);
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors ?? { form: result.error } }, { status: result.status });
  throw redirect(`/library/collections/${result.value.id}`, { status: 303 });
}

export default function Collections({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const name = (g: { nameEn: string; nameFr: string }) => (i18n.language === "fr" ? g.nameFr : g.nameEn);
  const curatable = loaderData.groups.filter((g) => g.canCurate);
  return (
    <>
      <p><Link to="/library">{t("actions.back")}</Link></p>
      <PageHeader title={t("collections.title")} lead={t("collections.lead")} />
      {loaderData.groups.map((group) => {
        const mine = loaderData.collections.filter((c) => c.groupId === group.id);
        return (
          <section key={group.id} className="panel" aria-labelledby={`collections-${group.slug}`}>
            <h2 id={`collections-${group.slug}`}>{name(group)}</h2>
            {mine.length === 0 ? <p className="muted">{t("collections.noneForGroup")}</p> : (
              <ul className="plain-list">
                {mine.map((c) => (
                  <li key={c.id}>
                    <Link to={`/library/collections/${c.id}`}><strong>{c.title}</strong></Link>{" "}
                    <span className="muted small">{t("collections.count", { count: c.count })}</span>
                    {c.description ? <p className="muted small">{c.description}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {loaderData.collections.length === 0 && curatable.length === 0 ? <EmptyState title={t("collections.emptyTitle")} body={t("collections.emptyBody")} /> : null}
      {curatable.length ? (
        <section className="panel" aria-labelledby="collection-new">
          <h2 id="collection-new">{t("collections.new")}</h2>
          <FormAlert focus message={errors.form} />
          <Form method="post" className="stack">
            <Field name="title" label={t("collections.fields.title")} defaultValue={actionData?.values.title} error={errors.title} required maxLength={120} />
            <Field name="description" label={t("collections.fields.description")} defaultValue={actionData?.values.description} error={errors.description} maxLength={1000} />
            <Field name="groupId" label={t("collections.fields.group")} error={errors.groupId}>
              <select id="field-groupId" name="groupId" defaultValue={actionData?.values.groupId}>
                {curatable.map((g) => <option key={g.id} value={g.id}>{name(g)}</option>)}
              </select>
            </Field>
            <button type="submit" className="button button--primary">{t("collections.create")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => libraryMeta(matches, "collections.title");
