import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/library.new";
import { requirePermission } from "~/web/auth.server";
import { listGroupNames } from "~/domain/groups.server";
import { formatBytes, TYPE_FROM_CONTENT, typeForContent } from "~/domain/library";
import { addFileResource, addLinkResource, getUploadLimitBytes, linkSchema, resourceDetailsSchema } from "~/domain/library.server";
import { isMultipart, parseMultipart } from "~/infra/multipart.server";
import { parseWith } from "~/infra/validation";
import { Field, FormAlert } from "~/ui/forms";
import { EMPTY_RESOURCE_VALUES, readResourceFields, ResourceFields } from "~/ui/library/resource-fields";
import { PageHeader } from "~/ui/page";
import { libraryMeta } from "~/ui/library/meta";

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requirePermission(request, "library.add");
  const [groups, maxBytes] = await Promise.all([listGroupNames(), getUploadLimitBytes()]);
  const mySlugs = groups.filter((g) => user.memberships.some((m) => m.groupId === g.id)).map((g) => g.slug);
  return { groups, maxBytes, mySlugs };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requirePermission(request, "library.add");
  const maxBytes = await getUploadLimitBytes();
  let get: (name: string) => string[];
  let file: { fileName: string; bytes: Uint8Array } | null = null;
  let isFileTooLarge = false;
  if (isMultipart(request)) {
    try {
      const parsed = await parseMultipart(request, { maxFileBytes: maxBytes });
      get = (name) => parsed.fields.get(name) ?? [];
      file = parsed.file;
      isFileTooLarge = parsed.isFileTooLarge;
    } catch {
      return data({ values: EMPTY_RESOURCE_VALUES, url: "", kind: "file", fieldErrors: { form: "library:upload.errors.unreadableForm" } as Record<string, string> }, { status: 400 });
    }
  } else {
    const form = await request.formData();
    get = (name) => form.getAll(name).filter((v): v is string => typeof v === "string");
  }
  const values = readResourceFields(get);
  const kind = get("kind")[0] === "link" ? "link" : "file";
  const url = (get("url")[0] ?? "").trim();
  const fail = (fieldErrors: Record<string, string>, status = 400) => data({ values, url, kind, fieldErrors }, { status });

  // Left to the content: a link is an article now; a file's type is known once it is sniffed.
  const isTypeFromContent = values.type === TYPE_FROM_CONTENT;
  const parsed = parseWith(resourceDetailsSchema, isTypeFromContent ? { ...values, type: typeForContent(kind === "link" ? { kind } : { kind, mime: "" }) } : values);
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (kind === "link") {
    const checked = parseWith(linkSchema, url);
    if (!checked.ok) fieldErrors.url = checked.fieldErrors.form ?? "library:form.errors.url";
  } else if (isFileTooLarge) {
    fieldErrors.file = "library:upload.errors.tooLarge";
  } else if (!file) {
    fieldErrors.file = "library:upload.errors.missing";
  }
  if (!parsed.ok || Object.keys(fieldErrors).length) return fail(fieldErrors);

  const keepFileName = get("keepFileName")[0] === "on";
  const result = kind === "link" ? await addLinkResource(user, parsed.value, url) : await addFileResource(user, parsed.value, { ...file!, keepFileName, isTypeFromContent });
  if (!result.ok) return fail(result.fieldErrors ?? { form: result.error }, result.status);
  throw redirect(`/library/${result.value.id}`, { status: 303 });
}

export default function NewResource({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const navigation = useNavigation();
  const [kind, setKind] = useState(actionData?.kind ?? "file");
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const groups = loaderData.groups.map((g) => ({ slug: g.slug, name: i18n.language === "fr" ? g.nameFr : g.nameEn }));
  const limit = formatBytes(loaderData.maxBytes, i18n.language);
  // With JavaScript the type the content suggests is shown as soon as a file or a link is chosen,
  // until the member picks one themselves; without it the server decides (TYPE_FROM_CONTENT).
  const isTypeChosen = useRef(actionData ? actionData.values.type !== TYPE_FROM_CONTENT : false);
  const suggestType = (form: HTMLFormElement | null, content: Parameters<typeof typeForContent>[0]) => {
    const select = form?.elements.namedItem("type");
    if (!isTypeChosen.current && select instanceof HTMLSelectElement) select.value = typeForContent(content);
  };
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <p><Link to="/library">{t("actions.back")}</Link></p>
      <FormAlert focus message={errors.form} />
      {Object.keys(errors).length && !errors.form ? <FormAlert focus message="library:form.errors.summary" /> : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="panel stack"
        noValidate
        onChange={(event) => {
          const target = event.target as unknown as HTMLInputElement;
          if (target.name === "type") isTypeChosen.current = true;
          else if (target.name === "file" && target.files?.[0]) suggestType(event.currentTarget, { kind: "file", mime: target.files[0].type });
          else if (target.name === "kind" && target.value === "link") suggestType(event.currentTarget, { kind: "link" });
        }}
      >
        <fieldset className="field">
          <legend>{t("new.kind")}</legend>
          <label className="checkbox">
            <input type="radio" name="kind" value="file" checked={kind === "file"} onChange={() => setKind("file")} /> {t("new.kindFile")}
          </label>
          <label className="checkbox">
            <input type="radio" name="kind" value="link" checked={kind === "link"} onChange={() => setKind("link")} /> {t("new.kindLink")}
          </label>
        </fieldset>
        <Field name="file" type="file" label={t("fields.file")} hint={t("fields.fileHint", { limit })} error={errors.file} />
        <label className="checkbox">
          <input type="checkbox" name="keepFileName" /> {t("fields.keepFileName")}
        </label>
        <p className="field__hint">{t("fields.keepFileNameHint")}</p>
        <Field name="url" type="url" label={t("fields.url")} hint={t("fields.urlHint")} defaultValue={actionData?.url} error={errors.url} inputMode="url" />
        <ResourceFields values={actionData?.values ?? { ...EMPTY_RESOURCE_VALUES, type: TYPE_FROM_CONTENT, language: i18n.language === "fr" ? "fr" : "en" }} errors={errors} groups={groups} myGroupSlugs={loaderData.mySlugs} offerTypeFromContent />
        <p className="muted small">{t("new.cleaningNote")}</p>
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("new.uploading") : t("new.submit")}
        </button>
      </Form>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => libraryMeta(matches, "new.title");
