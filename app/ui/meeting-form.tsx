// The scheduling form, shared by "schedule a meeting" and "change a meeting". Works as a plain
// form post; "Check times" asks the server for the fair-time advice and keeps what was typed.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Field, FormAlert, SelectField, type FieldErrors } from "./forms";
import { zoneCity } from "./meeting-time";
import { useReader } from "./time";
import { formatDateTime } from "~/infra/time";
import type { TimeZoneGroup } from "~/infra/time-zones";
import { TimeZoneSelect } from "./time-zone-select";
import type { MeetingFormFields as MeetingFormValues } from "~/domain/meetings";


export interface FairAdvice {
  /** One entry per time slot of the series (the main time, then the alternates). */
  slots: Array<{
    startsAt: string;
    unfair: Array<{ zone: string; people: number; localStart: string; localEnd: string }>;
  }>;
  suggestions: string[];
  invitees: number;
  /** Who the time is at night for (outside 07:00–22:00): saving needs an acknowledgement. */
  night?: Array<{ zone: string; people: number; localStart: string; localEnd: string; names: string[] }>;
}

export function MeetingForm({
  values,
  errors,
  advice,
  kinds,
  groups,
  zones,
  isNew,
  busy,
}: {
  values: MeetingFormValues;
  errors: FieldErrors;
  advice: FairAdvice | null;
  kinds: readonly string[];
  groups: Array<{ id: string; name: string }>;
  zones: TimeZoneGroup[];
  isNew: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation("meetings");
  const reader = useReader();
  const when = (iso: string) => formatDateTime(iso, reader, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return (
    <Form method="post" className="stack" noValidate>
      <FormAlert focus message={errors.form} />
      <fieldset className="stack">
        <legend>{t("form.what")}</legend>
        <SelectField name="kind" label={t("form.kind")} defaultValue={values.kind} error={errors.kind} options={kinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
        <SelectField
          name="groupId"
          label={t("form.group")}
          hint={t("form.groupHint")}
          defaultValue={values.groupId}
          error={errors.groupId}
          options={[{ value: "", label: t("form.noGroup") }, ...groups.map((group) => ({ value: group.id, label: group.name }))]}
        />
        <SelectField
          name="audience"
          label={t("form.audience")}
          defaultValue={values.audience}
          error={errors.audience}
          options={["community", "group", "leads-mel"].map((audience) => ({ value: audience, label: t(`audience.${audience}`) }))}
        />
        <Field name="titleEn" label={t("form.titleEn")} defaultValue={values.titleEn} error={errors.titleEn} lang="en" maxLength={140} required />
        <Field name="titleFr" label={t("form.titleFr")} defaultValue={values.titleFr} error={errors.titleFr} lang="fr" maxLength={140} required />
        <Field name="callUrl" type="url" label={t("form.callUrl")} hint={t("form.callUrlHint")} defaultValue={values.callUrl} error={errors.callUrl} inputMode="url" />
      </fieldset>

      <fieldset className="stack">
        <legend>{t("form.when")}</legend>
        <div className="inline-fields">
          <Field name="date" type="date" label={t("form.date")} defaultValue={values.date} error={errors.date} required />
          <Field name="time" type="time" label={t("form.time")} defaultValue={values.time} error={errors.time} required />
          <Field name="durationMinutes" type="number" label={t("form.duration")} hint={t("form.durationHint")} defaultValue={values.durationMinutes} error={errors.durationMinutes} min={15} max={90} step={5} required />
        </div>
        <TimeZoneSelect name="timeZone" label={t("form.timeZone")} hint={t("form.timeZoneHint")} value={values.timeZone} error={errors.timeZone} groups={zones} />
        {isNew ? (
          <div className="inline-fields">
            <SelectField name="repeat" label={t("form.repeat")} defaultValue={values.repeat} error={errors.repeat} options={["none", "weekly", "fortnightly", "four-weekly"].map((repeat) => ({ value: repeat, label: t(`repeat.${repeat}`) }))} />
            <Field name="occurrences" type="number" label={t("form.occurrences")} defaultValue={values.occurrences} error={errors.occurrences} min={1} max={12} />
            <Field name="rotate1" type="time" label={t("form.rotate1")} hint={t("form.rotateHint")} defaultValue={values.rotate1} error={errors.rotateTimes} />
            <Field name="rotate2" type="time" label={t("form.rotate2")} defaultValue={values.rotate2} />
          </div>
        ) : null}
        <button type="submit" name="intent" value="check" className="button">{t("fair.check")}</button>
      </fieldset>

      {advice ? (
        <section className="panel fair-times" aria-labelledby="fair-heading" aria-live="polite">
          <h2 id="fair-heading">{t("fair.heading")}</h2>
          {advice.slots.map((slot) => (
            <div key={slot.startsAt}>
              <h3 className="small">{when(slot.startsAt)}</h3>
              {slot.unfair.length === 0 ? (
                <p className="status--valid">{t("fair.allFair", { count: advice.invitees })}</p>
              ) : (
                <ul className="fair-times__unfair">
                  {slot.unfair.map((zone) => (
                    <li key={zone.zone}>
                      {t("fair.outside", { count: zone.people, zone: zoneCity(zone.zone), start: zone.localStart, end: zone.localEnd })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          {advice.suggestions.length ? (
            <>
              <h3 className="small">{t("fair.suggestions")}</h3>
              <ul className="row row--start plain-row">
                {advice.suggestions.map((suggestion) => (
                  <li key={suggestion}>
                    <button type="submit" name="intent" value={`use:${suggestion}`} className="button button--quiet">
                      {t("fair.use", { time: when(suggestion) })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {advice?.night?.length || errors.acknowledgeNight ? (
        <fieldset className={`panel stack${errors.acknowledgeNight ? " field--invalid" : ""}`} aria-describedby={errors.acknowledgeNight ? "acknowledgeNight-error" : undefined}>
          <legend>{t("fair.nightHeading")}</legend>
          <ul>
            {(advice?.night ?? []).map((zone) => (
              <li key={zone.zone}>
                {t("fair.night", { count: zone.people, zone: zoneCity(zone.zone), start: zone.localStart, end: zone.localEnd, names: zone.names.join(", ") })}
              </li>
            ))}
          </ul>
          {errors.acknowledgeNight ? <p className="field__error" id="acknowledgeNight-error">{t(errors.acknowledgeNight)}</p> : null}
          <label>
            <input type="checkbox" name="acknowledgeNight" value="yes" defaultChecked={values.acknowledgeNight === "yes"} /> {t("fair.acknowledge")}
          </label>
        </fieldset>
      ) : null}

      <button type="submit" name="intent" value="save" className="button button--primary" disabled={busy}>
        {isNew ? t("schedule.submit") : t("edit.submit")}
      </button>
    </Form>
  );
}
