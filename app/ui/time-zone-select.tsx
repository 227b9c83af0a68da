// The time-zone picker: a native <select> grouped by region, which works without JavaScript.
// Once the page runs scripts, a filter box above it narrows the list (a city, a country, an old
// name such as Calcutta or Kiev, an offset such as UTC+3). The chosen zone always stays listed,
// so filtering never changes what the form sends.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { matchesTimeZone, type TimeZoneGroup } from "~/infra/time-zones";

export function TimeZoneSelect({
  name,
  label,
  hint,
  error,
  value,
  groups,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** The zone selected first (the stored one, already offered by `groups`). */
  value: string;
  groups: TimeZoneGroup[];
}) {
  // A value the list lacks is offered anyway: a form never silently swaps it for the first option.
  if (value && !groups.some((group) => group.zones.some((zone) => zone.id === value))) {
    groups = [...groups, { region: "other", zones: [{ id: value, label: value.replace(/_/g, " "), offset: "", keywords: "" }] }];
  }
  const { t } = useTranslation("common");
  const id = `field-${name}`;
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const [selected, setSelected] = useState(value);
  const [query, setQuery] = useState("");

  const filtering = query.trim() !== "";
  const matching = (zone: { id: string; label: string; keywords: string }) => !filtering || matchesTimeZone(zone, query);
  const shown = groups
    .map((group) => ({ ...group, zones: group.zones.filter((zone) => zone.id === selected || matching(zone)) }))
    .filter((group) => group.zones.length > 0);
  const matches = filtering ? groups.reduce((count, group) => count + group.zones.filter(matching).length, 0) : 0;
  const rows = shown.reduce((count, group) => count + group.zones.length + (group.region === "utc" ? 0 : 1), 0);

  const describedBy = [hint ? `${id}-hint` : null, scripted ? `${id}-filter-status` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {scripted ? (
        <div className="field time-zone-filter">
          <label htmlFor={`${id}-filter`} className="small">{t("timeZones.filter")}</label>
          <p className="field__hint" id={`${id}-filter-hint`}>{t("timeZones.filterHint")}</p>
          <input
            id={`${id}-filter`}
            type="search"
            value={query}
            autoComplete="off"
            spellCheck={false}
            aria-controls={id}
            aria-describedby={`${id}-filter-hint ${id}-filter-status`}
            onChange={(event) => {
              const next = event.target.value;
              setQuery(next);
              // One match left: choose it, as typing the whole name would have.
              const only = groups.flatMap((group) => group.zones).filter((zone) => next.trim() !== "" && matchesTimeZone(zone, next));
              if (only.length === 1) setSelected(only[0].id);
            }}
            onKeyDown={(event) => {
              // Enter in the filter must not send the whole form.
              if (event.key === "Enter") event.preventDefault();
            }}
          />
        </div>
      ) : null}
      <select
        id={id}
        name={name}
        value={selected}
        onChange={(event) => setSelected(event.target.value)}
        size={filtering ? Math.max(2, Math.min(8, rows)) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {shown.map((group) =>
          group.region === "utc" ? (
            group.zones.map((zone) => <option key={zone.id} value={zone.id}>{zone.label}</option>)
          ) : (
            <optgroup key={group.region} label={t(`timeZones.regions.${group.region}`)}>
              {group.zones.map((zone) => (
                <option key={zone.id} value={zone.id}>{zone.label}</option>
              ))}
            </optgroup>
          ),
        )}
      </select>
      {scripted ? (
        <p className="field__hint" id={`${id}-filter-status`} role="status">
          {filtering ? (matches ? t("timeZones.matches", { count: matches }) : t("timeZones.noMatch")) : ""}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
