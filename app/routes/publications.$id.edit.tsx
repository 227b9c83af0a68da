// Editing the frozen text of a proposal (approvers only): the words around it and the HTML of
// each language, kept to the same whitelist as everything else. Any edit clears approvals, and an
// edited language flags the other one for translation until someone confirms it.
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/publications.$id.edit";
import { LICENCE_KEYS, LICENCES } from "~/domain/publications";
import { editVersion, praxisHosts, reviewPage } from "~/domain/publications.server";
import { requireViewer } from "~/web/auth.server";
import { orRefused } from "~/web/results.server";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { translatedTitle } from "~/ui/meta";
import { PageHeader } from "~/ui/page";

export const handle = lightPage;
export const clientLoader = loadAsDocument;

const FIELDS = ["titleEn", "titleFr", "summaryEn", "summaryFr", "authorshipEn", "authorshipFr", "licence", "issuedOn", "htmlEn", "htmlFr"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const page = orRefused(await reviewPage(user, params.id, praxisHosts(new URL(request.url).host)));
  if (!page.review) throw new Response("Not found", { status: 404 });
  if (!page.can.review) throw new Response("Forbidden", { status: 403 });
  const v = page.review.version;
  const values: Values = { titleEn: v.titleEn, titleFr: v.titleFr, summaryEn: v.summaryEn, summaryFr: v.summaryFr, authorshipEn: v.authorshipEn, authorshipFr: v.authorshipFr, licence: v.licence, issuedOn: v.issuedOn, htmlEn: v.htmlEn, htmlFr: v.htmlFr };
  return { publicationId: params.id, versionId: v.id, number: v.number, values };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const values = Object.fromEntries(FIELDS.map((name) => [name, text(form, name)])) as Values;
  const result = await editVersion(user, text(form, "versionId"), values);
  if (!result.ok) return data({ values, error: result.error, fieldErrors: result.fieldErrors ?? {} }, { status: result.status });
  throw redirect(`/publications/${params.id}`, { status: 303 });
}

export default function EditPublication({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("publications");
  const values = actionData?.values ?? loaderData.values;
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <p><Link to={`/publications/${loaderData.publicationId}`}>{t("actions.backToReview")}</Link></p>
      <PageHeader title={t("edit.title", { number: loaderData.number })} lead={t("edit.lead")} />
      <FormAlert message={actionData?.error} />
      <Form method="post" className="panel stack">
        <input type="hidden" name="versionId" value={loaderData.versionId} />
        {(["En", "Fr"] as const).map((language) => {
          const lang = language.toLowerCase();
          return (
            <fieldset key={language} className="stack">
              <legend>{t(`languages.${lang}`)}</legend>
              <Field name={`title${language}`} label={t(`fields.title${language}`)} defaultValue={values[`title${language}`]} error={errors[`title${language}`]} required lang={lang} />
              <Field name={`summary${language}`} label={t(`fields.summary${language}`)} error={errors[`summary${language}`]}>
                <textarea id={`field-summary${language}`} name={`summary${language}`} rows={3} defaultValue={values[`summary${language}`]} lang={lang} />
              </Field>
              <Field name={`authorship${language}`} label={t(`fields.authorship${language}`)} defaultValue={values[`authorship${language}`]} error={errors[`authorship${language}`]} required lang={lang} />
              <Field name={`html${language}`} label={t(`fields.html${language}`)} hint={t("fields.htmlHint")} error={errors[`html${language}`]}>
                <textarea id={`field-html${language}`} name={`html${language}`} rows={16} defaultValue={values[`html${language}`]} lang={lang} className="long-text" />
              </Field>
            </fieldset>
          );
        })}
        <SelectField name="licence" label={t("fields.licence")} defaultValue={values.licence} options={LICENCES.map((l) => ({ value: l, label: t(`licences.${LICENCE_KEYS[l]}`) }))} error={errors.licence} />
        <Field name="issuedOn" type="date" label={t("fields.issuedOn")} defaultValue={values.issuedOn} error={errors.issuedOn} required />
        <button type="submit" className="button button--primary">{t("edit.save")}</button>
      </Form>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "publications", "list.title") }];
