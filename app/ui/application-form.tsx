// The application form, shared by /apply (a new application) and /apply/<token> (a draft).
// Plain HTML form: it works with JavaScript off and on a small screen; values come back as typed.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import {
  CAPACITY_ANSWERS,
  DECLARATIONS,
  FIELD_LIMITS,
  REGIONS,
  WORKING_LANGUAGES,
  type ApplicationValues,
} from "~/domain/applications/model";
import { Field, useFocusWhenShown } from "./forms";

export interface ApplicationFormProps {
  values: ApplicationValues;
  fieldErrors: Record<string, string | undefined>;
  groups: Array<{ id: string; name: string; summary: string }>;
  /** The signed "form shown at" stamp for the spam trap. */
  stamp: string;
  action?: string;
}

function RadioGroup({ name, legend, hint, error, value, options }: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  options: Array<{ value: string; label: string; description?: string }>;
}) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} className={`choices${error ? " field--invalid" : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} defaultChecked={value === option.value} />
          <span>
            {option.label}
            {option.description ? <span className="choice__description">{option.description}</span> : null}
          </span>
        </label>
      ))}
      {error ? <p className="field__error" id={`${id}-error`}>{t(error)}</p> : null}
    </fieldset>
  );
}

function TextArea({ name, label, hint, error, value, rows = 6 }: { name: keyof typeof FIELD_LIMITS; label: string; hint?: string; error?: string; value: string; rows?: number }) {
  const { t } = useTranslation("applications");
  const id = `field-${name}`;
  const fullHint = [hint, t("form.charactersMax", { count: FIELD_LIMITS[name] })].filter(Boolean).join(" ");
  return (
    <Field id={id} name={name} label={label} hint={fullHint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={value}
        maxLength={FIELD_LIMITS[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
    </Field>
  );
}

export function ApplicationForm({ values, fieldErrors, groups, stamp, action }: ApplicationFormProps) {
  const { t } = useTranslation("applications");
  const e = fieldErrors;
  const problems = Object.entries(fieldErrors).filter(([, message]) => Boolean(message));
  const summary = useFocusWhenShown<HTMLElement>(problems.length > 0, problems.map(([field]) => field).join());
  return (
    // No client-side `required`: the server answers with every missing answer at once, in the
    // reader's language, and a draft can be saved half-written.
    <Form method="post" action={action} className="stack application-form" noValidate>
      <input type="hidden" name="stamp" value={stamp} />
      {problems.length ? (
        // Jump links to each answer that needs attention: a long form on a phone, no JavaScript.
        // Focus lands on it after the post (autofocus: the browser on a full load, React otherwise).
        <nav ref={summary} className="error-summary" aria-labelledby="error-summary-heading" tabIndex={-1} autoFocus>
          <p id="error-summary-heading"><strong>{t("form.problems", { count: problems.length })}</strong></p>
          <ul>
            {problems.map(([field, message]) => (
              <li key={field}><a href={`#field-${field}`}>{t("form.problemItem", { label: t(`form.labels.${field}`, { defaultValue: t(`form.${field}`) }), message: t(message!) })}</a></li>
            ))}
          </ul>
          <p className="small">{t("form.nothingLost")}</p>
        </nav>
      ) : null}

      <fieldset className="stack">
        <legend>{t("form.aboutYou")}</legend>
        <Field name="name" label={t("form.name")} hint={t("form.nameHint")} error={e.name} defaultValue={values.name} maxLength={FIELD_LIMITS.name} autoComplete="nickname" />
        <Field name="contact" label={t("form.contact")} hint={t("form.contactHint")} error={e.contact} defaultValue={values.contact} maxLength={FIELD_LIMITS.contact} autoComplete="email" />
        <Field name="country" label={t("form.country")} error={e.country} defaultValue={values.country} maxLength={FIELD_LIMITS.country} autoComplete="country-name" />
        <RadioGroup name="region" legend={t("form.region")} error={e.region} value={values.region} options={REGIONS.map((r) => ({ value: r, label: t(`form.regions.${r}`) }))} />
        <Field name="organisation" label={t("form.organisation")} hint={t("form.organisationHint")} error={e.organisation} defaultValue={values.organisation} maxLength={FIELD_LIMITS.organisation} autoComplete="organization" />
      </fieldset>

      <fieldset className="stack">
        <legend>{t("form.yourApplication")}</legend>
        <TextArea name="experience" label={t("form.experience")} hint={t("form.experienceHint")} error={e.experience} value={values.experience} />
        <TextArea name="motivation" label={t("form.motivation")} hint={t("form.motivationHint")} error={e.motivation} value={values.motivation} />
        <TextArea name="learningGoals" label={t("form.learningGoals")} hint={t("form.learningGoalsHint")} error={e.learningGoals} value={values.learningGoals} />
      </fieldset>

      <fieldset className="stack">
        <legend>{t("form.groupAndLanguages")}</legend>
        <RadioGroup name="preferredGroupId" legend={t("form.preferredGroup")} error={e.preferredGroupId} value={values.preferredGroupId} options={groups.map((g) => ({ value: g.id, label: g.name, description: g.summary }))} />
        <RadioGroup name="workingLanguages" legend={t("form.workingLanguages")} error={e.workingLanguages} value={values.workingLanguages} options={WORKING_LANGUAGES.map((l) => ({ value: l, label: t(`form.languages.${l}`) }))} />
      </fieldset>

      <fieldset className="stack">
        <legend>{t("form.capacityHeading")}</legend>
        <RadioGroup name="capacity" legend={t("form.capacity")} error={e.capacity} value={values.capacity} options={CAPACITY_ANSWERS.map((c) => ({ value: c, label: t(`form.capacityAnswers.${c}`) }))} />
        <TextArea name="capacityNote" label={t("form.capacityNote")} error={e.capacityNote} value={values.capacityNote} rows={3} />
      </fieldset>

      <fieldset className="stack">
        <legend>{t("form.declarations")}</legend>
        <p className="field__hint">{t("form.declarationsHint")}</p>
        {DECLARATIONS.map((declaration) => (
          <RadioGroup
            key={declaration}
            name={declaration}
            legend={t(`form.${declaration}`)}
            error={e[declaration]}
            value={values[declaration]}
            options={[
              { value: "confirm", label: t("form.confirm") },
              { value: "cannot-confirm", label: t("form.cannotConfirm") },
            ]}
          />
        ))}
        <TextArea name="conflictOfInterest" label={t("form.conflictOfInterest")} hint={t("form.conflictOfInterestHint")} error={e.conflictOfInterest} value={values.conflictOfInterest} rows={3} />
      </fieldset>

      {/* The spam trap: hidden from people (and screen readers), filled by robots. */}
      <div className="trap" aria-hidden="true">
        <label htmlFor="field-website">{t("form.honeypot")}</label>
        <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      <p className="field__hint">{t("form.submitHint")}</p>
      <div className="row row--start">
        {/* Draft first: pressing Enter in a field saves rather than sends. */}
        <button type="submit" name="intent" value="save-draft" className="button">{t("form.saveDraft")}</button>
        <button type="submit" name="intent" value="submit" className="button button--primary">{t("form.submit")}</button>
      </div>
    </Form>
  );
}
