// Creating a free document in a working group (the list lives on the group page).
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/groups.$slug.docs";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { createFreeDocument } from "~/domain/documents.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { FormAlert, text } from "~/ui/forms";

export async function loader({ params }: Route.LoaderArgs) {
  return redirect(`/groups/${params.slug}#documents`);
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  const form = await request.formData();
  const result = await createFreeDocument(user, group.id, text(form, "title"));
  if (!result.ok) return data({ error: result.error, title: text(form, "title") }, { status: result.status });
  return redirect(`/groups/${group.slug}/docs/${result.value.documentId}`, { status: 303 });
}

export default function NewDocument({ actionData }: Route.ComponentProps) {
  // Reached only when creating failed without JavaScript: show the group's form again.
  return <GroupDocumentsError error={actionData?.error} />;
}

function GroupDocumentsError({ error }: { error?: string }) {
  const { t } = useTranslation("documents");
  return (
    <>
      <h1>{t("free.newTitle")}</h1>
      <FormAlert focus message={error} />
      <p><a href="../">{t("backToGroup")}</a></p>
    </>
  );
}
