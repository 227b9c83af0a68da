import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.$id.edit";
import { orNotFound, requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { getResource, linkSchema, resourceDetailsSchema, updateResource } from "~/domain/library.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, text } from "~/ui/forms";
import * as libraryPolicy from "~/domain/policies/library";
import { libraryMeta } from "~/ui/library/meta";
import { readResourceFields, ResourceFields } from "~/ui/library/resource-fields";
import { PageHeader } from "~/ui/page";

async function loadManaged(request: Request, id: string) {
  const { user } = await requirePermission(request, "library.read");
  const resource = orNotFound(await getResource(user, id));
  if (!libraryPolicy.allow(user, "manage", resource)) throw new Response("Forbidden", { status: 403 });
  return { user, resource };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, resource } = await loadManaged(request, params.id);
  const groups = await listGroupNames();
  return {
    resource,
    groups,
    mySlugs: groups.filter((g) => user.memberships.some((m) => m.groupId === g.id)).map((g) => g.slug),
    values: {
      title: resource.title,
      description: resource.description,
      language: resource.language,
      type: resource.type,
      themes: resource.themes,
      tags: resource.tags.join(", "),
      visibility: resource.visibility,
      groupSlug: groups.find((g) => g.id === resource.groupId)?.slug ?? "",
      isShareable: resource.isShareable,
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, resource } = await loadManaged(request, params.id);
  const form = await request.formData();
  const values = readResourceFields((name) => form.getAll(name).filter((v): v is string => typeof v === "string"));
  const url = text(form, "url").trim();
  const parsed = parseWith(resourceDetailsSchema, values);
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (resource.kind === "link") {
    const checked = parseWith(linkSchema, url);
    if (!checked.ok) fieldErrors.url = checked.fieldErrors.form ?? "library:form.errors.url";
  }
  if (!parsed.ok || Object.keys(fieldErrors).length) return data({ values, url, fieldErrors }, { status: 400 });
  const result = await updateResource(user, resource.id, parsed.value, resource.kind === "link" ? url : undefined);
  if (!result.ok) return data({ values, url, fieldErrors: result.fieldErrors ?? { form: result.error } }, { status: result.status });
  throw redirect(`/library/${resource.id}`, { status: 303 });
}

export default function EditResource({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const { resource } = loaderData;
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const groups = loaderData.groups.map((g) => ({ slug: g.slug, name: i18n.language === "fr" ? g.nameFr : g.nameEn }));
  return (
    <>
      <p><Link to={`/library/${resource.id}`}>{t("edit.back")}</Link></p>
      <PageHeader title={t("edit.title")} lead={resource.title} />
      <FormAlert focus message={errors.form} />
      <Form method="post" className="panel stack">
        {resource.kind === "link" ? (
          <Field name="url" type="url" label={t("fields.url")} hint={t("fields.urlHint")} defaultValue={actionData?.url ?? resource.url ?? ""} error={errors.url} inputMode="url" />
        ) : null}
        <ResourceFields values={actionData?.values ?? loaderData.values} errors={errors} groups={groups} myGroupSlugs={loaderData.mySlugs} />
        <p className="muted small">{t("edit.shareNote")}</p>
        <button type="submit" className="button button--primary">{t("edit.save")}</button>
      </Form>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => libraryMeta(matches, "edit.title");
