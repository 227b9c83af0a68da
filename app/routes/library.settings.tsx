import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.settings";
import { requirePermission } from "~/web/auth.server";
import { MAX_UPLOAD_MB_CEILING } from "~/domain/library";
import { getUploadLimitBytes, setUploadLimit, uploadLimitSchema } from "~/domain/library.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert, text } from "~/ui/forms";
import { libraryMeta } from "~/ui/library/meta";
import { PageHeader } from "~/ui/page";

export async function loader({ request }: Route.LoaderArgs) {
  await requirePermission(request, "library.configure");
  return { maxUploadMb: Math.round((await getUploadLimitBytes()) / (1024 * 1024)) };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "library.configure");
  const form = await request.formData();
  const value = text(form, "maxUploadMb");
  const parsed = parseWith(uploadLimitSchema, { maxUploadMb: value });
  if (!parsed.ok) return data({ value, fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
  const result = await setUploadLimit(user, parsed.value);
  if (!result.ok) return data({ value, fieldErrors: { form: result.error } as Record<string, string>, saved: false }, { status: result.status });
  return data({ value, fieldErrors: {} as Record<string, string>, saved: true });
}

export default function LibrarySettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <p><Link to="/library">{t("actions.back")}</Link></p>
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      {actionData?.saved ? <FormAlert focus tone="success" message="library:settings.saved" /> : null}
      <FormAlert focus message={errors.form} />
      <Form method="post" className="panel stack">
        <Field name="maxUploadMb" type="number" label={t("settings.limit")} hint={t("settings.limitHint", { max: MAX_UPLOAD_MB_CEILING })} defaultValue={actionData?.value ?? String(loaderData.maxUploadMb)} error={errors.maxUploadMb} min={1} max={MAX_UPLOAD_MB_CEILING} required inputMode="numeric" />
        <button type="submit" className="button button--primary">{t("settings.save")}</button>
      </Form>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => libraryMeta(matches, "settings.title");
