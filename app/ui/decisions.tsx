// Decision pages: a space's list (open and closed, with outcomes, searchable), the form to start
// a proposal, poll or time poll, and one decision with its vote form, results and outcome.
// Plain forms throughout: everything works without JavaScript; the live island only updates
// counts in place (data-live-count) when results are shown live.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Link } from "~/ui/link";
import { localized } from "~/domain/bilingual";
import { POLL_TYPES, POSITIONS, POSITIONS_NEEDING_REASON, TIME_ANSWERS } from "~/domain/decisions/types";
import type { DecisionListItem } from "~/domain/decisions/decisions.server";
import type { DecisionFormData, DecisionPageData, SpaceRef } from "~/web/decisions.server";
import { Field, FormAlert, SelectField } from "./forms";
import { liveStrings } from "./live-strings";
import { zoneCity } from "./meeting-time";
import { PageHeader } from "./page";
import { ScrollTable } from "./scroll-table";
import { LocalTime, useReader } from "./time";

const WHEN: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };

export function spaceName(space: SpaceRef, language: string, communityLabel: string): string {
  return space.groupId ? localized(space, "name", language) : communityLabel;
}

function kindLabel(t: (key: string) => string, item: { kind: string; pollType: string }): string {
  return item.kind === "poll" ? t(`pollType.${item.pollType}`) : t(`kind.${item.kind}`);
}

// --- The space's list ---------------------------------------------------------------------------

export function DecisionList({ data }: { data: { space: SpaceRef; open: DecisionListItem[]; closed: DecisionListItem[]; query: string; canPropose: boolean } }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  const name = spaceName(data.space, language, t("discussions:space.community"));
  const base = `${data.space.href}/decisions`;
  return (
    <>
      <PageHeader title={t("list.title", { space: name })} lead={t("list.lead")}>
        <p>
          <Link to={data.space.href}>{t("list.back", { space: name })}</Link>
        </p>
      </PageHeader>
      {data.canPropose ? (
        <section className="panel" aria-labelledby="start-heading">
          <h2 id="start-heading">{t("list.start")}</h2>
          <p className="row row--start">
            <Link className="button button--primary" to={`${base}/new?kind=proposal`}>{t("new.proposal")}</Link>
            <Link className="button" to={`${base}/new?kind=poll`}>{t("new.poll")}</Link>
            <Link className="button" to={`${base}/new?kind=time-poll`}>{t("new.timePoll")}</Link>
          </p>
        </section>
      ) : null}
      <form method="get" action={base} className="row row--start" role="search" aria-label={t("list.searchLabel")}>
        <Field name="q" type="search" label={t("list.search")} defaultValue={data.query} maxLength={100} />
        <button type="submit" className="button">{t("list.searchButton")}</button>
      </form>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("list.open")}</h2>
        {data.open.length ? <Items items={data.open} base={base} /> : <p className="muted">{data.query ? t("list.noMatch") : t("list.noneOpen")}</p>}
      </section>
      <section aria-labelledby="closed-heading">
        <h2 id="closed-heading">{t("list.closed")}</h2>
        {data.closed.length ? <Items items={data.closed} base={base} /> : <p className="muted">{data.query ? t("list.noMatch") : t("list.noneClosed")}</p>}
      </section>
    </>
  );
}

function Items({ items, base }: { items: DecisionListItem[]; base: string }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  return (
    <ul className="card-list">
      {items.map((item) => (
        <li key={item.id} className="card" data-decision-row={item.id}>
          <h3>
            <Link to={`${base}/${item.id}`}>{localized(item, "title", language)}</Link>{" "}
            <span className="tag tag--muted">{kindLabel(t, item)}</span>
            {item.closedAt ? null : item.hasVoted ? <span className="tag">{t("list.youTookPart")}</span> : null}
          </h3>
          <p className="muted small">
            {item.closedAt ? (
              <>{t("list.closedOn")} <LocalTime value={item.closedAt} options={WHEN} /></>
            ) : (
              <>{t("list.closes")} <LocalTime value={item.closesAt} options={WHEN} /></>
            )}
            {" · "}
            {t("list.voted", { count: item.voted })}
            {item.quorumMet === false ? <> · {t("results.noQuorum")}</> : null}
          </p>
          {item.closedAt ? (
            localized(item, "outcome", language) ? (
              <p><strong>{t("outcome.label")}</strong> {localized(item, "outcome", language)}</p>
            ) : (
              <p className="muted small">{t("outcome.pending")}</p>
            )
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The space page's panel: open decisions and the latest outcomes, with a link to all. */
export function SpaceDecisions({ data, href }: { data: { open: DecisionListItem[]; closed: DecisionListItem[]; canPropose: boolean }; href: string }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  return (
    <section className="panel" aria-labelledby="space-decisions-heading">
      <h2 id="space-decisions-heading">{t("space.heading")}</h2>
      {data.open.length === 0 && data.closed.length === 0 ? <p className="muted">{t("space.none")}</p> : null}
      {data.open.length ? (
        <ul className="compact-list">
          {data.open.map((item) => (
            <li key={item.id}>
              <Link to={`${href}/decisions/${item.id}`}>{localized(item, "title", language)}</Link>{" "}
              <span className="muted small">{t("list.closes")} <LocalTime value={item.closesAt} options={WHEN} /></span>
            </li>
          ))}
        </ul>
      ) : null}
      {data.closed.length ? (
        <>
          <h3>{t("space.outcomes")}</h3>
          <ul className="compact-list">
            {data.closed.map((item) => (
              <li key={item.id}>
                <Link to={`${href}/decisions/${item.id}`}>{localized(item, "title", language)}</Link>
                {localized(item, "outcome", language) ? <>: {localized(item, "outcome", language)}</> : <span className="muted small"> · {t("outcome.pending")}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={`${href}/decisions`}>{t("space.all")}</Link>
      </p>
    </section>
  );
}

// --- Starting one -------------------------------------------------------------------------------

interface NewDecisionData {
  space: SpaceRef;
  kind: "proposal" | "poll" | "time-poll" | null;
  zone: string;
  closing: { date: string; time: string };
  documents: Array<{ id: string; label: string; isCore: boolean }>;
  meetings: Array<{ id: string; titleEn: string; titleFr: string; startsAt: Date | string }>;
  optionRows: number;
  maxDuration: number;
  preset: { documentId: string; meetingId: string };
}

export function DecisionForm({ data, actionData }: { data: NewDecisionData; actionData?: DecisionFormData }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  const reader = useReader();
  const name = spaceName(data.space, language, t("discussions:space.community"));
  const values = actionData?.values ?? {};
  const errors = actionData?.fieldErrors ?? {};
  const kind = (values.kind as NewDecisionData["kind"]) || data.kind;
  const base = `${data.space.href}/decisions`;
  const value = (field: string, fallback = "") => values[field] ?? fallback;
  if (!kind) {
    return (
      <>
        <PageHeader title={t("new.title", { space: name })} />
        <ul className="plain-list">
          {(["proposal", "poll", "time-poll"] as const).map((k) => (
            <li key={k}>
              <Link to={`${base}/new?kind=${k}`}>{t(`new.${k === "time-poll" ? "timePoll" : k}`)}</Link> <span className="muted small">{t(`new.explain.${k}`)}</span>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const heading = t(`new.${kind === "time-poll" ? "timePoll" : kind}`);
  const rows = [...Array(data.optionRows).keys()];
  return (
    <>
      <PageHeader title={heading} lead={t(`new.explain.${kind}`)}>
        <p><Link to={base}>{t("list.title", { space: name })}</Link></p>
      </PageHeader>
      <Form method="post" className="stack" noValidate>
        <FormAlert message={actionData?.error} />
        <input type="hidden" name="kind" value={kind} />
        <div className="columns columns--2">
          <Field name="titleEn" label={t("form.titleEn")} defaultValue={value("titleEn")} error={errors.titleEn} maxLength={140} required lang="en" />
          <Field name="titleFr" label={t("form.titleFr")} defaultValue={value("titleFr")} error={errors.titleFr} maxLength={140} required lang="fr" />
        </div>
        <div className="columns columns--2">
          <Field id="field-textEn" name="textEn" label={t("form.textEn")} error={errors.textEn}>
            <textarea id="field-textEn" name="textEn" defaultValue={value("textEn")} maxLength={5000} lang="en" rows={5} />
          </Field>
          <Field id="field-textFr" name="textFr" label={t("form.textFr")} error={errors.textFr}>
            <textarea id="field-textFr" name="textFr" defaultValue={value("textFr")} maxLength={5000} lang="fr" rows={5} />
          </Field>
        </div>

        {kind === "poll" ? (
          <>
            <SelectField
              name="pollType"
              label={t("form.pollType")}
              defaultValue={value("pollType", "single")}
              error={errors.pollType}
              options={POLL_TYPES.map((type) => ({ value: type, label: `${t(`pollType.${type}`)} — ${t(`pollTypeHint.${type}`)}` }))}
            />
            <fieldset className="field">
              <legend>{t("form.options")}</legend>
              <p className="field__hint">{t("form.optionsHint")}</p>
              {errors.options ? <p className="field__error" role="alert">{t(errors.options)}</p> : null}
              {rows.map((i) => (
                <div key={i} className="inline-fields">
                  <Field name={`option${i}En`} label={t("form.optionEn", { number: i + 1 })} defaultValue={value(`option${i}En`)} maxLength={140} lang="en" />
                  <Field name={`option${i}Fr`} label={t("form.optionFr", { number: i + 1 })} defaultValue={value(`option${i}Fr`)} maxLength={140} lang="fr" />
                </div>
              ))}
            </fieldset>
            <div className="inline-fields">
              <Field name="maxChoices" type="number" min={0} max={10} label={t("form.maxChoices")} hint={t("form.maxChoicesHint")} defaultValue={value("maxChoices", "0")} error={errors.maxChoices} />
              <Field name="scoreMax" type="number" min={1} max={10} label={t("form.scoreMax")} hint={t("form.scoreMaxHint")} defaultValue={value("scoreMax", "5")} error={errors.scoreMax} />
            </div>
            <label className="checkbox">
              <input type="checkbox" name="isAnonymous" defaultChecked={value("isAnonymous") === "on"} /> <span>{t("form.anonymous")}<span className="choice__description">{t("form.anonymousHint")}</span></span>
            </label>
          </>
        ) : null}

        {kind === "time-poll" ? (
          <>
            <fieldset className="field">
              <legend>{t("form.slots")}</legend>
              <p className="field__hint">{t("form.slotsHint", { zone: zoneCity(data.zone) })}</p>
              {errors.slots ? <p className="field__error" role="alert">{t(errors.slots)}</p> : null}
              {rows.map((i) => (
                <div key={i} className="inline-fields">
                  <Field name={`slot${i}Date`} type="date" label={t("form.slotDate", { number: i + 1 })} defaultValue={value(`slot${i}Date`)} />
                  <Field name={`slot${i}Time`} type="time" label={t("form.slotTime", { number: i + 1 })} defaultValue={value(`slot${i}Time`)} />
                </div>
              ))}
            </fieldset>
            <Field name="durationMinutes" type="number" min={15} max={data.maxDuration} label={t("form.duration")} defaultValue={value("durationMinutes", "60")} error={errors.durationMinutes} />
          </>
        ) : null}

        <fieldset className="field">
          <legend>{t("form.closes")}</legend>
          <p className="field__hint">{t("form.closesHint", { zone: zoneCity(data.zone) })}</p>
          <div className="inline-fields">
            <Field name="closesDate" type="date" label={t("form.closesDate")} defaultValue={value("closesDate", data.closing.date)} error={errors.closesDate} required />
            <Field name="closesTime" type="time" label={t("form.closesTime")} defaultValue={value("closesTime", data.closing.time)} error={errors.closesTime} required />
          </div>
        </fieldset>

        {data.space.groupId ? (
          <fieldset className="choices">
            <legend>{t("form.voters")}</legend>
            {(["group", "cop"] as const).map((scope) => (
              <label key={scope} className="choice">
                <input type="radio" name="voters" value={scope} defaultChecked={value("voters", "group") === scope} /> <span>{t(`voters.${scope}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : null}

        <div className="inline-fields">
          <SelectField
            name="quorumKind"
            label={t("form.quorum")}
            defaultValue={value("quorumKind")}
            error={errors.quorumKind}
            options={[{ value: "", label: t("quorum.none") }, { value: "count", label: t("quorum.count") }, { value: "share", label: t("quorum.share") }]}
          />
          <Field name="quorumValue" type="number" min={0} label={t("form.quorumValue")} hint={t("form.quorumValueHint")} defaultValue={value("quorumValue", "")} error={errors.quorumValue} />
        </div>

        <label className="checkbox">
          <input type="checkbox" name="resultsLive" defaultChecked={value("resultsLive") === "on"} /> <span>{t("form.resultsLive")}<span className="choice__description">{t("form.resultsLiveHint")}</span></span>
        </label>

        {data.documents.length ? (
          <SelectField
            name="documentId"
            label={t("form.document")}
            defaultValue={value("documentId", data.preset.documentId)}
            error={errors.documentId}
            options={[{ value: "", label: t("form.noDocument") }, ...data.documents.map((d) => ({ value: d.id, label: d.isCore ? t(`documents:kinds.${d.label}`, { defaultValue: d.label }) : d.label }))]}
          />
        ) : null}
        {data.meetings.length ? (
          <SelectField
            name="meetingId"
            label={t("form.meeting")}
            hint={t("form.meetingHint")}
            defaultValue={value("meetingId", data.preset.meetingId)}
            error={errors.meetingId}
            options={[
              { value: "", label: t("form.noMeeting") },
              ...data.meetings.map((m) => ({
                value: m.id,
                label: `${localized(m, "title", language)} · ${new Intl.DateTimeFormat(reader.locale, { dateStyle: "medium", timeZone: reader.timeZone }).format(new Date(m.startsAt))}`,
              })),
            ]}
          />
        ) : null}
        <button type="submit" className="button button--primary">{t("form.submit")}</button>
      </Form>
    </>
  );
}

// --- One decision ---------------------------------------------------------------------------------

export function DecisionView({ page, actionData }: { page: DecisionPageData; actionData?: DecisionFormData }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  const other = language === "fr" ? "en" : "fr";
  const reader = useReader();
  const { decision, options } = page;
  const name = spaceName(page.space, language, t("discussions:space.community"));
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.fieldErrors : {});
  const alertFor = (intent: string) => (actionData?.intent === intent ? actionData.error : null);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : {});
  const optionLabel = (id: string) => {
    const option = options.find((o) => o.id === id);
    if (!option) return "";
    return option.startsAt ? new Intl.DateTimeFormat(reader.locale, { ...WHEN, timeZone: reader.timeZone }).format(new Date(option.startsAt)) : localized(option, "label", language);
  };
  const text = localized(decision, "text", language);
  const outcome = localized(decision, "outcome", language);
  const outcomeOther = localized(decision, "outcome", other);
  return (
    <div
      data-live-decision={decision.id}
      data-space={decision.groupId ?? "community"}
      data-strings={liveStrings(i18n, { voted: "decisions:status.voted", changed: "decisions:status.changedLive" })}
    >
      <PageHeader title={localized(decision, "title", language)}>
        <p>
          <span className="tag">{kindLabel(t, decision)}</span>
          <span className="tag tag--muted">{name}</span>
          {decision.isAnonymous ? <span className="tag tag--muted">{t("tags.anonymous")}</span> : null}
          {decision.isOpen ? <span className="tag tag--submitted">{t("status.open")}</span> : <span className="tag tag--approved">{t("status.closed")}</span>}
        </p>
        <p className="muted small">
          {t("status.proposedBy", { name: decision.proposerName })} · <Link to={`${page.space.href}/decisions`}>{t("list.title", { space: name })}</Link>
        </p>
      </PageHeader>
      <div data-live-region aria-live="polite" />
      {actionData?.error && !formShown(page, actionData.intent) ? <FormAlert message={actionData.error} /> : null}

      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading" className="visually-hidden">{t("about")}</h2>
        {text ? text.split(/\n{2,}/).map((paragraph, index) => <p key={index}>{paragraph}</p>) : null}
        {page.documentHref ? <p><Link to={page.documentHref}>{t("status.aboutDocument")}</Link></p> : null}
        {page.meeting ? (
          <p>
            {t("status.raisedIn")} <Link to={`/meetings/${page.meeting.id}`}>{localized(page.meeting, "title", language)}</Link>
          </p>
        ) : null}
        <p>
          {decision.isOpen ? t("status.closes") : t("status.closedOn")}{" "}
          <strong><LocalTime value={decision.closedAt ?? decision.closesAt} options={{ ...WHEN, weekday: "long" }} /></strong>{" "}
          <span className="muted small">({t("status.yourZone", { zone: zoneCity(reader.timeZone) })})</span>
        </p>
        <p data-live-voted data-eligible={page.eligible}>{t("status.voted", { count: page.voted, eligible: page.eligible })}</p>
        {decision.quorumKind ? (
          <p className="small">
            {t(`quorum.needs.${decision.quorumKind}`, { count: page.quorumNeeded, value: decision.quorumValue })}
            {decision.quorumMet === false ? <> · <strong>{t("results.noQuorum")}</strong></> : decision.quorumMet ? <> · {t("results.quorumMet")}</> : null}
          </p>
        ) : null}
        <p className="muted small">{t(`voters.${decision.groupId ? decision.voters : "cop"}`)}{decision.isAnonymous ? ` · ${t("form.anonymousHint")}` : ""}</p>
        {decision.isPastClosing ? <p className="alert alert--info">{t("status.closing")}</p> : null}
        {page.canClose ? (
          <Form method="post">
            <FormAlert message={alertFor("close")} />
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="button">{t("actions.closeNow")}</button>
          </Form>
        ) : null}
      </section>

      {decision.kind === "time-poll" && page.fairness ? <SlotTable page={page} /> : null}

      {page.canVote ? <VoteForm page={page} errors={errorsFor("vote")} alert={alertFor("vote")} values={valuesFor("vote")} /> : null}
      {decision.isOpen && !page.canVote ? (
        <p className="muted">{page.isEligible ? t("vote.cannot") : t("vote.notEligible")}</p>
      ) : null}

      {page.results ? <ResultsView page={page} optionLabel={optionLabel} /> : decision.kind !== "time-poll" ? (
        <section className="panel" aria-labelledby="results-heading">
          <h2 id="results-heading">{t("results.heading")}</h2>
          <p className="muted">{t("results.hiddenUntilClose")}</p>
        </section>
      ) : null}

      {!decision.isOpen ? (
        <section className="panel" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t("outcome.heading")}</h2>
          {outcome ? (
            <>
              <p data-testid="outcome" lang={language}>{outcome}</p>
              {outcomeOther ? (
                <details>
                  <summary>{t(`outcome.in.${other}`)}</summary>
                  <p lang={other}>{outcomeOther}</p>
                </details>
              ) : null}
              <p className="muted small">{t("outcome.by", { name: decision.outcomeByName })}{decision.outcomeAt ? <> · <LocalTime value={decision.outcomeAt} /></> : null}</p>
            </>
          ) : (
            <p className="muted">{t("outcome.pending")}</p>
          )}
          {page.canWriteOutcome ? (
            <Form method="post" className="stack">
              <FormAlert message={alertFor("outcome")} />
              <input type="hidden" name="intent" value="outcome" />
              <div className="columns columns--2">
                <Field id="field-outcomeEn" name="outcomeEn" label={t("outcome.en")} error={errorsFor("outcome").outcomeEn}>
                  <textarea id="field-outcomeEn" name="outcomeEn" lang="en" rows={4} maxLength={5000} defaultValue={valuesFor("outcome").outcomeEn ?? decision.outcomeEn} aria-invalid={errorsFor("outcome").outcomeEn ? true : undefined} />
                </Field>
                <Field id="field-outcomeFr" name="outcomeFr" label={t("outcome.fr")} error={errorsFor("outcome").outcomeFr}>
                  <textarea id="field-outcomeFr" name="outcomeFr" lang="fr" rows={4} maxLength={5000} defaultValue={valuesFor("outcome").outcomeFr ?? decision.outcomeFr} aria-invalid={errorsFor("outcome").outcomeFr ? true : undefined} />
                </Field>
              </div>
              <button type="submit" className="button button--primary">{decision.outcomeEn ? t("outcome.update") : t("outcome.save")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {page.meeting && (page.actionItems.length || page.canAddActionItems) ? (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("actionItems.heading")}</h2>
          {page.actionItems.length ? (
            <ul className="plain-list">
              {page.actionItems.map((item) => (
                <li key={item.id} className={item.doneAt ? "action-item action-item--done" : "action-item"}>
                  {item.description}{" "}
                  <span className="muted small">
                    {t("meetings:actions.owner", { name: item.ownerName })}
                    {item.dueDate ? <> · {t("meetings:actions.due")} <LocalTime value={item.dueDate} options={{ dateStyle: "medium" }} /></> : null}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("actionItems.none")}</p>
          )}
          {page.canAddActionItems ? (
            <Form method="post" className="stack" aria-labelledby="add-action-heading">
              <h3 id="add-action-heading">{t("actionItems.add")}</h3>
              <FormAlert message={alertFor("action-add")} />
              <input type="hidden" name="intent" value="action-add" />
              <Field name="description" label={t("meetings:actions.description")} defaultValue={valuesFor("action-add").description ?? ""} error={errorsFor("action-add").description} maxLength={500} required />
              <div className="inline-fields">
                <SelectField
                  name="ownerId"
                  label={t("meetings:actions.ownerLabel")}
                  defaultValue={valuesFor("action-add").ownerId ?? ""}
                  error={errorsFor("action-add").ownerId}
                  options={[{ value: "", label: t("meetings:actions.chooseOwner") }, ...page.actionItemOwners.map((o) => ({ value: o.id, label: o.displayName }))]}
                />
                <Field name="dueDate" type="date" label={t("meetings:actions.dueLabel")} defaultValue={valuesFor("action-add").dueDate ?? ""} error={errorsFor("action-add").dueDate} />
              </div>
              <button type="submit" className="button">{t("meetings:actions.submit")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** Whether the form an action came from is on the page (it shows its own errors then). */
function formShown(page: DecisionPageData, intent: string): boolean {
  const shown: Record<string, boolean> = { vote: page.canVote, close: page.canClose, outcome: page.canWriteOutcome, "action-add": page.canAddActionItems, schedule: page.canSchedule };
  return shown[intent] ?? false;
}

function SlotTable({ page }: { page: DecisionPageData }) {
  const { t } = useTranslation("decisions");
  const reader = useReader();
  const fairness = page.fairness!;
  const slots = page.results?.kind === "time-poll" ? page.results.slots : null;
  const best = slots ? bestOf(fairness.slots, slots) : null;
  return (
    <section className="panel" aria-labelledby="slots-heading">
      <h2 id="slots-heading">{t("slots.heading")}</h2>
      <p className="small muted">{t("slots.explain", { zone: zoneCity(reader.timeZone), duration: page.decision.durationMinutes })}</p>
      <ScrollTable label={t("slots.heading")}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("slots.when")}</th>
              <th scope="col">{t("slots.outside")}</th>
              {slots ? TIME_ANSWERS.map((answer) => <th key={answer} scope="col">{t(`answer.${answer}`)}</th>) : null}
            </tr>
          </thead>
          <tbody>
            {fairness.slots.map((slot) => (
              <tr key={slot.optionId} data-slot={slot.optionId}>
                <th scope="row">
                  <LocalTime value={slot.startsAt} options={WHEN} />
                  {best === slot.optionId ? <> <span className="tag tag--approved">{t("slots.best")}</span></> : null}
                </th>
                <td data-testid={`outside-${slot.optionId}`}>
                  {t("slots.outsideCount", { count: slot.outside })}
                  {slot.unfair.length ? <span className="muted small"> ({slot.unfair.map((z) => `${zoneCity(z.zone)} ${z.localStart}`).join(", ")})</span> : null}
                </td>
                {slots ? TIME_ANSWERS.map((answer) => <td key={answer} className="num" data-live-count={`${slot.optionId}.${answer}`}>{slots[slot.optionId]?.[answer] ?? 0}</td>) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {page.scheduledMeeting ? (
        <p>
          {t("slots.scheduled")} <Link to={`/meetings/${page.scheduledMeeting.id}`}><LocalTime value={page.scheduledMeeting.startsAt} options={WHEN} /></Link>
        </p>
      ) : null}
      {page.canSchedule ? (
        <Form method="post" className="stack" aria-labelledby="schedule-heading">
          <h3 id="schedule-heading">{t("slots.schedule")}</h3>
          <input type="hidden" name="intent" value="schedule" />
          <SelectField
            name="optionId"
            label={t("slots.chosen")}
            defaultValue={best ?? ""}
            options={fairness.slots.map((slot) => ({
              value: slot.optionId,
              label: new Intl.DateTimeFormat(reader.locale, { ...WHEN, timeZone: reader.timeZone }).format(new Date(slot.startsAt)),
            }))}
          />
          <Field name="callUrl" type="url" label={t("slots.callUrl")} hint={t("slots.callUrlHint")} />
          <button type="submit" className="button button--primary">{t("slots.scheduleButton")}</button>
        </Form>
      ) : null}
    </section>
  );
}

function bestOf(slots: Array<{ optionId: string; startsAt: Date | string; outside: number }>, counts: Record<string, { yes: number; maybe: number; no: number }>): string | null {
  const sorted = [...slots].sort((a, b) => {
    const ca = counts[a.optionId];
    const cb = counts[b.optionId];
    return (cb?.yes ?? 0) - (ca?.yes ?? 0) || (cb?.maybe ?? 0) - (ca?.maybe ?? 0) || a.outside - b.outside || new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime();
  });
  const top = sorted[0];
  return top && ((counts[top.optionId]?.yes ?? 0) > 0 || (counts[top.optionId]?.maybe ?? 0) > 0) ? top.optionId : null;
}

function VoteForm({ page, errors, alert, values }: { page: DecisionPageData; errors: Record<string, string>; alert: string | null; values: Record<string, string> }) {
  const { t, i18n } = useTranslation("decisions");
  const language = i18n.language;
  const reader = useReader();
  const { decision, options } = page;
  const mine = page.mine?.choice as Record<string, unknown> | undefined;
  const firstError = Object.values(errors)[0];
  const submitLabel = page.hasVoted ? (decision.kind === "proposal" ? t("vote.changePosition") : t("vote.change")) : decision.kind === "proposal" ? t("vote.savePosition") : t("vote.save");
  const label = (option: (typeof options)[number]) =>
    option.startsAt ? new Intl.DateTimeFormat(reader.locale, { ...WHEN, timeZone: reader.timeZone }).format(new Date(option.startsAt)) : localized(option, "label", language);
  return (
    <section className="panel" aria-labelledby="vote-heading">
      <h2 id="vote-heading">{decision.kind === "proposal" ? t("vote.positionHeading") : t("vote.heading")}</h2>
      {page.hasVoted ? <p className="alert alert--success" role="status">{decision.isAnonymous ? t("vote.castAnonymous") : t("vote.recorded")}</p> : null}
      <FormAlert message={alert ?? (firstError && !["reason", "position"].includes(Object.keys(errors)[0]) ? firstError : null)} />
      {decision.isAnonymous && page.hasVoted ? null : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="vote" />
          {decision.kind === "proposal" ? (
            <>
              <fieldset className={`choices${errors.position ? " field--invalid" : ""}`} aria-describedby={errors.position ? "position-error" : undefined}>
                <legend>{t("vote.position")}</legend>
                {POSITIONS.map((position) => (
                  <label key={position} className="choice">
                    <input type="radio" name="position" value={position} defaultChecked={(values.position || (mine?.position as string)) === position} required />
                    <span>
                      {t(`position.${position}`)}
                      <span className="choice__description">{t(`positionHint.${position}`)}</span>
                    </span>
                  </label>
                ))}
                {errors.position ? <p className="field__error" id="position-error">{t(errors.position)}</p> : null}
              </fieldset>
              <Field id="field-reason" name="reason" label={t("vote.reason")} hint={t("vote.reasonHint", { positions: POSITIONS_NEEDING_REASON.map((p) => t(`position.${p}`)).join(", ") })} error={errors.reason}>
                <textarea id="field-reason" name="reason" rows={3} maxLength={2000} defaultValue={values.reason ?? page.mine?.reason ?? ""} aria-invalid={errors.reason ? true : undefined} aria-describedby={["field-reason-hint", errors.reason ? "field-reason-error" : ""].filter(Boolean).join(" ")} />
              </Field>
            </>
          ) : null}
          {decision.kind === "poll" && (decision.pollType === "single" || decision.pollType === "multiple") ? (
            <fieldset className="choices">
              <legend>{decision.pollType === "single" ? t("vote.chooseOne") : decision.maxChoices ? t("vote.chooseUpTo", { count: decision.maxChoices }) : t("vote.chooseAny")}</legend>
              {options.map((option) => (
                <label key={option.id} className="choice">
                  <input type={decision.pollType === "single" ? "radio" : "checkbox"} name="option" value={option.id} defaultChecked={Array.isArray(mine?.options) && (mine.options as string[]).includes(option.id)} />
                  <span>{label(option)}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {decision.kind === "poll" && decision.pollType === "ranked" ? (
            <fieldset className="field">
              <legend>{t("vote.rank")}</legend>
              <p className="field__hint">{t("vote.rankHint")}</p>
              {options.map((option) => {
                const ranking = Array.isArray(mine?.ranking) ? (mine.ranking as string[]) : [];
                const current = ranking.indexOf(option.id);
                return (
                  <SelectField
                    key={option.id}
                    id={`rank-${option.id}`}
                    name={`rank.${option.id}`}
                    label={label(option)}
                    defaultValue={current >= 0 ? String(current + 1) : ""}
                    options={[{ value: "", label: t("vote.notRanked") }, ...options.map((_, i) => ({ value: String(i + 1), label: t("vote.rankNumber", { number: i + 1 }) }))]}
                  />
                );
              })}
            </fieldset>
          ) : null}
          {decision.kind === "poll" && decision.pollType === "score" ? (
            <fieldset className="field">
              <legend>{t("vote.score", { max: decision.scoreMax })}</legend>
              {options.map((option) => {
                const scores = (mine?.scores ?? {}) as Record<string, number>;
                return (
                  <SelectField
                    key={option.id}
                    id={`score-${option.id}`}
                    name={`score.${option.id}`}
                    label={label(option)}
                    defaultValue={option.id in scores ? String(scores[option.id]) : ""}
                    options={[{ value: "", label: t("vote.notScored") }, ...[...Array(decision.scoreMax + 1).keys()].map((n) => ({ value: String(n), label: String(n) }))]}
                  />
                );
              })}
            </fieldset>
          ) : null}
          {decision.kind === "time-poll" ? (
            <>
              {options.map((option) => {
                const answers = (mine?.answers ?? {}) as Record<string, string>;
                return (
                  <fieldset key={option.id} className="choices">
                    <legend>{label(option)}</legend>
                    <div className="row row--start">
                      {TIME_ANSWERS.map((answer) => (
                        <label key={answer} className="choice">
                          <input type="radio" name={`answer.${option.id}`} value={answer} defaultChecked={answers[option.id] === answer} /> <span>{t(`answer.${answer}`)}</span>
                        </label>
                      ))}
                    </div>
                  </fieldset>
                );
              })}
            </>
          ) : null}
          {decision.isAnonymous ? <p className="muted small">{t("vote.anonymousFinal")}</p> : null}
          <button type="submit" className="button button--primary">{submitLabel}</button>
        </Form>
      )}
    </section>
  );
}

function ResultsView({ page, optionLabel }: { page: DecisionPageData; optionLabel: (id: string) => string }) {
  const { t } = useTranslation("decisions");
  const results = page.results!;
  if (results.kind === "time-poll") {
    return page.votes.length ? (
      <section className="panel" aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("results.answers")}</h2>
        <ul className="plain-list">
          {page.votes.map((vote) => (
            <li key={vote.userId}>
              <strong>{vote.displayName}</strong>:{" "}
              {Object.entries((vote.choice as { answers?: Record<string, string> }).answers ?? {})
                .map(([id, answer]) => `${optionLabel(id)} — ${t(`answer.${answer}`)}`)
                .join("; ")}
            </li>
          ))}
        </ul>
      </section>
    ) : null;
  }
  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">{page.decision.isOpen ? t("results.live") : t("results.heading")}</h2>
      {results.kind === "proposal" ? (
        <ul className="plain-list">
          {POSITIONS.map((position) => (
            <li key={position}>
              {t(`position.${position}`)}: <strong data-live-count={position}>{results.counts[position]}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {results.kind === "single" || results.kind === "multiple" ? (
        <ul className="plain-list">
          {page.options.map((option) => (
            <li key={option.id}>
              {optionLabel(option.id)}: <strong data-live-count={option.id}>{results.counts[option.id] ?? 0}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {results.kind === "score" ? (
        <ul className="plain-list">
          {page.options.map((option) => (
            <li key={option.id}>
              {optionLabel(option.id)}: <strong data-live-count={option.id}>{results.scores[option.id]?.average ?? 0}</strong>{" "}
              <span className="muted small">{t("results.scoreDetail", { count: results.scores[option.id]?.count ?? 0, max: page.decision.scoreMax })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {results.kind === "ranked" ? (
        <>
          <p>
            {results.runoff.winner ? (
              <>{t("results.winner")} <strong data-testid="winner">{optionLabel(results.runoff.winner)}</strong></>
            ) : results.runoff.tied.length ? (
              <>{t("results.tied")} {results.runoff.tied.map(optionLabel).join(", ")}</>
            ) : (
              t("results.noBallots")
            )}
          </p>
          <h3>{t("results.firstChoices")}</h3>
          <ul className="plain-list">
            {page.options.map((option) => (
              <li key={option.id}>
                {optionLabel(option.id)}: <strong data-live-count={option.id}>{results.firstChoices[option.id] ?? 0}</strong>
              </li>
            ))}
          </ul>
          {results.runoff.rounds.length > 1 ? (
            <ol>
              {results.runoff.rounds.map((round, index) => (
                <li key={index}>
                  {Object.entries(round.counts).map(([id, count]) => `${optionLabel(id)} ${count}`).join(" · ")}
                  {round.eliminated.length ? <span className="muted small"> — {t("results.eliminated", { options: round.eliminated.map(optionLabel).join(", ") })}</span> : null}
                </li>
              ))}
            </ol>
          ) : null}
          <p className="muted small">{t("results.rankedRule")}</p>
        </>
      ) : null}
      {page.votes.length ? (
        <>
          <h3>{page.decision.kind === "proposal" ? t("results.positions") : t("results.votes")}</h3>
          <ul className="plain-list">
            {page.votes.map((vote) => {
              const choice = vote.choice as { position?: string; options?: string[]; ranking?: string[]; scores?: Record<string, number> };
              const said = choice.position
                ? t(`position.${choice.position}`)
                : choice.options
                  ? choice.options.map(optionLabel).join(", ")
                  : choice.ranking
                    ? choice.ranking.map(optionLabel).join(" > ")
                    : Object.entries(choice.scores ?? {}).map(([id, score]) => `${optionLabel(id)} ${score}`).join(", ");
              return (
                <li key={vote.userId} data-position-of={vote.userId}>
                  <strong>{vote.displayName}</strong>: {said}
                  {vote.reason ? <p className="small">{vote.reason}</p> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
