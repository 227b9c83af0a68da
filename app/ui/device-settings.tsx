// Settings: this device and data. The reading pack's part that lives in the browser (marking the
// device as one's own, the pack's size, refreshing it, the month's data use) is drawn by the pack
// island into its host; the member's choices (cap, languages, data saver) are a plain form.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { FormAlert, SelectField } from "~/ui/forms";

export interface DeviceSettingsView {
  packLimitBytes: number;
  packBothLanguages: boolean;
  dataSaver: boolean | null;
  limitChoices: number[];
}

export function DeviceSettingsSection({ settings, saved, error, busy }: { settings: DeviceSettingsView; saved: boolean; error?: string; busy: boolean }) {
  const { t } = useTranslation("pack");
  return (
    <section className="panel" aria-labelledby="device-heading" id="device">
      <h2 id="device-heading">{t("settings.heading")}</h2>
      <p className="muted">{t("settings.explain")}</p>
      <noscript>
        <p>{t("settings.needsScript")}</p>
      </noscript>
      {/* Drawn by the pack island; React leaves its content alone. */}
      <div id="pack-settings" className="stack" dangerouslySetInnerHTML={{ __html: "" }} suppressHydrationWarning />
      {saved ? <FormAlert tone="success" message="pack:settings.saved" /> : null}
      {error ? <FormAlert message={error} /> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="device" />
        <SelectField
          name="packLimitBytes"
          label={t("settings.limit")}
          hint={t("settings.limitHint")}
          defaultValue={String(settings.packLimitBytes)}
          options={settings.limitChoices.map((bytes) => ({ value: String(bytes), label: t("settings.megabytes", { count: bytes / (1024 * 1024) }) }))}
        />
        <label className="choice">
          <input type="checkbox" name="packBothLanguages" defaultChecked={settings.packBothLanguages} /> {t("settings.bothLanguages")}
        </label>
        <label className="choice">
          <input type="checkbox" name="dataSaver" defaultChecked={settings.dataSaver === true} /> {t("settings.dataSaver")}
        </label>
        <p className="field__hint">{t("settings.dataSaverHint")}</p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("settings.save")}
        </button>
      </Form>
    </section>
  );
}
