// The post body: a plain textarea (works everywhere, without JavaScript) with a short formatting
// hint and the post's language. The live island offers @mention suggestions on it
// (app/islands/live/mentions.ts), labelled by `data-mentions`.
import { useTranslation } from "react-i18next";

export function BodyField({
  id,
  defaultValue,
  error,
  language,
  rows = 6,
  label,
}: {
  id: string;
  defaultValue?: string;
  error?: string;
  language: string;
  rows?: number;
  label: string;
}) {
  const { t } = useTranslation("discussions");
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={hintId}>{t("compose.formatHint")}</p>
      <textarea
        id={id}
        name="body"
        rows={rows}
        required
        maxLength={20000}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        data-mentions={t("compose.mentionSuggestions")}
      />
      {error ? <p className="field__error" id={errorId}>{t(error)}</p> : null}
      <label className="inline-label">
        {t("compose.language")}{" "}
        <select name="language" defaultValue={language}>
          <option value="en">{t("common:language.name.en")}</option>
          <option value="fr">{t("common:language.name.fr")}</option>
        </select>
      </label>
    </div>
  );
}
