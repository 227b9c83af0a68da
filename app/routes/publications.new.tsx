// Proposing a publication: a lead picks the group's documents for each language, the words around
// them and how it is shared; the texts are frozen now and go to review.
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/publications.new";
import { localized } from "~/domain/bilingual";
import { LICENCE_KEYS, LICENCES, VISIBILITIES } from "~/domain/publications";
import { proposalChoices, proposePublication } from "~/domain/publications.server";
import { requireViewer } from "~/web/auth.server";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { translatedTitle } from "~/ui/meta";
import { PageHeader } from "~/ui/page";

export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const groups = await proposalChoices(user);
  if (!groups.length) throw new Response("Forbidden", { status: 403 });
  return { groups, today: new Date().toISOString().slice(0, 10) };
}

const FIELDS = ["groupId", "slug", "visibility", "titleEn", "titleFr", "summaryEn", "summaryFr", "authorshipEn", "authorshipFr", "licence", "issuedOn"] as const;

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const values = Object.fromEntries(FIELDS.map((name) => [name, text(form, name)])) as Record<(typeof FIELDS)[number], string>;
  const sourcesEn = form.getAll("sourcesEn").map(String);
  const sourcesFr = form.getAll("sourcesFr").map(String);
  const result = await proposePublication(user, { ...values, sourcesEn, sourcesFr, languagesMatch: form.get("languagesMatch") === "on" });
  if (!result.ok) return data({ values, sourcesEn, sourcesFr, error: result.error, fieldErrors: result.fieldErrors ?? {} }, { status: result.status });
  throw redirect(`/publications/${result.value.publicationId}`, { status: 303 });
}

export default function NewPublication({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("publications");
  const { t: tDocs } = useTranslation("documents");
  const values = actionData?.values;
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const chosenEn = new Set(actionData?.sourcesEn ?? []);
  const chosenFr = new Set(actionData?.sourcesFr ?? []);
  const groupId = values?.groupId ?? loaderData.groups[0].id;
  const sourceLabel = (source: { kind: string; title: string | null }) => source.title ?? tDocs(`kinds.${source.kind}`);
  return (
    <>
      <p><Link to="/publications">{t("actions.back")}</Link></p>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <FormAlert message={actionData?.error} />
      <Form method="post" className="panel stack">
        <SelectField name="groupId" label={t("new.group")} defaultValue={groupId} options={loaderData.groups.map((g) => ({ value: g.id, label: localized(g, "name", i18n.language) }))} error={errors.groupId} />
        {loaderData.groups.map((group) => (
          <div key={group.id} className="columns">
            {(["En", "Fr"] as const).map((language) => (
              <fieldset key={language} className="choices">
                <legend>{t(`new.sources${language}`, { group: localized(group, "name", i18n.language) })}</legend>
                {group.sources.map((source) => {
                  const id = `source-${language}-${group.id}-${source.id}`;
                  const chosen = language === "En" ? chosenEn : chosenFr;
                  return (
                    <div key={source.id} className="checkbox">
                      <input type="checkbox" id={id} name={`sources${language}`} value={source.id} defaultChecked={chosen.has(source.id)} />
                      <label htmlFor={id}>{sourceLabel(source)}</label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </div>
        ))}
        {errors.sources ? <p className="field__error">{t(errors.sources)}</p> : null}
        <Field name="slug" label={t("fields.slug")} hint={t("fields.slugHint")} defaultValue={values?.slug} error={errors.slug} required pattern="[a-z0-9][a-z0-9-]{1,58}[a-z0-9]" />
        <div className="columns">
          <Field name="titleEn" label={t("fields.titleEn")} defaultValue={values?.titleEn} error={errors.titleEn} required lang="en" />
          <Field name="titleFr" label={t("fields.titleFr")} defaultValue={values?.titleFr} error={errors.titleFr} required lang="fr" />
        </div>
        <div className="columns">
          <Field name="summaryEn" label={t("fields.summaryEn")} error={errors.summaryEn}>
            <textarea id="field-summaryEn" name="summaryEn" rows={3} defaultValue={values?.summaryEn} lang="en" />
          </Field>
          <Field name="summaryFr" label={t("fields.summaryFr")} error={errors.summaryFr}>
            <textarea id="field-summaryFr" name="summaryFr" rows={3} defaultValue={values?.summaryFr} lang="fr" />
          </Field>
        </div>
        <div className="columns">
          <Field name="authorshipEn" label={t("fields.authorshipEn")} hint={t("fields.authorshipHint")} defaultValue={values?.authorshipEn} error={errors.authorshipEn} required lang="en" />
          <Field name="authorshipFr" label={t("fields.authorshipFr")} hint={t("fields.authorshipHint")} defaultValue={values?.authorshipFr} error={errors.authorshipFr} required lang="fr" />
        </div>
        <SelectField name="licence" label={t("fields.licence")} defaultValue={values?.licence ?? "CC-BY-4.0"} options={LICENCES.map((l) => ({ value: l, label: t(`licences.${LICENCE_KEYS[l]}`) }))} error={errors.licence} />
        <Field name="issuedOn" type="date" label={t("fields.issuedOn")} defaultValue={values?.issuedOn ?? loaderData.today} error={errors.issuedOn} required />
        <SelectField name="visibility" label={t("fields.visibility")} hint={t("fields.visibilityHint")} defaultValue={values?.visibility ?? "public"} options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} error={errors.visibility} />
        <div className="checkbox">
          <input type="checkbox" id="languagesMatch" name="languagesMatch" defaultChecked />
          <label htmlFor="languagesMatch">{t("new.languagesMatch")}</label>
        </div>
        <button type="submit" className="button button--primary">{t("new.submit")}</button>
      </Form>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "publications", "new.title") }];
