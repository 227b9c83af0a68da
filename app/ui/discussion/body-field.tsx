// The post body: a plain textarea (works everywhere, without JavaScript) with a short formatting
// hint, the post's language, and @mention suggestions when JavaScript is on.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export function BodyField({
  id,
  defaultValue,
  error,
  language,
  onTyping,
  rows = 6,
  label,
}: {
  id: string;
  defaultValue?: string;
  error?: string;
  language: string;
  onTyping?: () => void;
  rows?: number;
  label: string;
}) {
  const { t } = useTranslation("discussions");
  const ref = useRef<HTMLTextAreaElement>(null);
  const [suggestions, setSuggestions] = useState<Array<{ displayName: string; insert: string }>>([]);
  const [query, setQuery] = useState<string | null>(null);

  useEffect(() => {
    if (query === null || query.length < 1) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/discussions/mentions?q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((body: { suggestions: Array<{ displayName: string; insert: string }> }) => setSuggestions(body.suggestions))
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  function onInput() {
    onTyping?.();
    const area = ref.current;
    if (!area) return;
    const before = area.value.slice(0, area.selectionStart);
    const match = /(?:^|\s)@\[?([^\s@\]]{0,30})$/u.exec(before);
    setQuery(match ? match[1] : null);
  }

  function insert(mention: string) {
    const area = ref.current;
    if (!area) return;
    const caret = area.selectionStart;
    const before = area.value.slice(0, caret).replace(/@\[?[^\s@\]]*$/u, `${mention} `);
    area.value = before + area.value.slice(caret);
    area.focus();
    area.setSelectionRange(before.length, before.length);
    setQuery(null);
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={hintId}>{t("compose.formatHint")}</p>
      <textarea
        ref={ref}
        id={id}
        name="body"
        rows={rows}
        required
        maxLength={20000}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        onInput={onInput}
      />
      {suggestions.length > 0 ? (
        <div className="mention-suggestions" role="group" aria-label={t("compose.mentionSuggestions")}>
          {suggestions.map((s) => (
            <button type="button" key={s.displayName} className="button button--quiet" onClick={() => insert(s.insert)}>
              @{s.displayName}
            </button>
          ))}
        </div>
      ) : null}
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
