// The description fields of a resource (title, language, type, themes, tags, visibility), shared
// by the "add" and "edit" forms. Plain inputs: the forms post without JavaScript.
import { useTranslation } from "react-i18next";
import { RESOURCE_LANGUAGES, RESOURCE_TYPES, TYPE_FROM_CONTENT, VISIBILITIES } from "~/domain/library";
import { Field } from "~/ui/forms";

export interface ResourceFieldValues {
  title: string;
  description: string;
  language: string;
  type: string;
  themes: string[];
  tags: string;
  visibility: string;
  groupSlug: string;
  isShareable: boolean;
}

export const EMPTY_RESOURCE_VALUES: ResourceFieldValues = {
  title: "", description: "", language: "en", type: "report", themes: [], tags: "", visibility: "community", groupSlug: "", isShareable: false,
};

export function ResourceFields({ values, errors, groups, myGroupSlugs, offerTypeFromContent = false }: {
  values: ResourceFieldValues;
  /** A new resource: the first type choice leaves it to the content (see typeForContent). */
  offerTypeFromContent?: boolean;
  errors: Record<string, string | undefined>;
  groups: Array<{ slug: string; name: string }>;
  /** Groups the member belongs to: the ones a restricted resource can belong to. */
  myGroupSlugs: string[];
}) {
  const { t } = useTranslation("library");
  const ownGroups = groups.filter((g) => myGroupSlugs.includes(g.slug));
  return (
    <>
      <Field name="title" label={t("fields.title")} defaultValue={values.title} error={errors.title} required maxLength={200} />
      <Field name="description" label={t("fields.description")} hint={t("fields.descriptionHint")} error={errors.description}>
        <textarea id="field-description" name="description" rows={4} maxLength={3000} defaultValue={values.description} aria-invalid={errors.description ? true : undefined} />
      </Field>
      <div className="columns columns--2">
        <Field name="language" label={t("fields.language")} error={errors.language}>
          <select id="field-language" name="language" defaultValue={values.language}>
            {RESOURCE_LANGUAGES.map((v) => <option key={v} value={v}>{t(`languages.${v}`)}</option>)}
          </select>
        </Field>
        <Field name="type" label={t("fields.type")} hint={offerTypeFromContent ? t("fields.typeFromContentHint") : undefined} error={errors.type}>
          <select id="field-type" name="type" defaultValue={values.type} aria-describedby={offerTypeFromContent ? "field-type-hint" : undefined}>
            {offerTypeFromContent ? <option value={TYPE_FROM_CONTENT}>{t("fields.typeFromContent")}</option> : null}
            {RESOURCE_TYPES.map((v) => <option key={v} value={v}>{t(`types.${v}`)}</option>)}
          </select>
        </Field>
      </div>
      <fieldset className="field">
        <legend>{t("fields.themes")}</legend>
        <p className="field__hint">{t("fields.themesHint")}</p>
        {groups.map((group) => (
          <label key={group.slug} className="checkbox">
            <input type="checkbox" name="themes" value={group.slug} defaultChecked={values.themes.includes(group.slug)} /> {group.name}
          </label>
        ))}
        {errors.themes ? <p className="field__error">{t(errors.themes)}</p> : null}
      </fieldset>
      <Field name="tags" label={t("fields.tags")} hint={t("fields.tagsHint")} defaultValue={values.tags} error={errors.tags} maxLength={600} />
      <fieldset className="field">
        <legend>{t("fields.visibility")}</legend>
        {VISIBILITIES.map((v) => (
          <label key={v} className="checkbox">
            <input type="radio" name="visibility" value={v} defaultChecked={values.visibility === v} />{" "}
            <span><strong>{t(`visibility.${v}.label`)}</strong> <span className="muted small">{t(`visibility.${v}.explain`)}</span></span>
          </label>
        ))}
        {errors.visibility ? <p className="field__error">{t(errors.visibility)}</p> : null}
      </fieldset>
      <Field name="groupSlug" label={t("fields.group")} hint={t("fields.groupHint")} error={errors.groupSlug}>
        <select id="field-groupSlug" name="groupSlug" defaultValue={values.groupSlug} aria-invalid={errors.groupSlug ? true : undefined}>
          <option value="">{t("fields.noGroup")}</option>
          {(ownGroups.length ? ownGroups : groups).map((g) => <option key={g.slug} value={g.slug}>{g.name}</option>)}
        </select>
      </Field>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="isShareable" value="yes" defaultChecked={values.isShareable} /> {t("fields.shareable")}
        </label>
        <p className="field__hint">{t("fields.shareableHint")}</p>
        {errors.isShareable ? <p className="field__error">{t(errors.isShareable)}</p> : null}
      </div>
    </>
  );
}

/** Reads the fields above from a form (FormData or the multipart parser's map). */
export function readResourceFields(get: (name: string) => string[]): ResourceFieldValues {
  const one = (name: string) => get(name)[0] ?? "";
  return {
    title: one("title"),
    description: one("description"),
    language: one("language"),
    type: one("type"),
    themes: get("themes"),
    tags: one("tags"),
    visibility: one("visibility") || "community",
    groupSlug: one("groupSlug"),
    isShareable: one("isShareable") === "yes",
  };
}
