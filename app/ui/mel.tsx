// Presentational pieces of the MEL pages: the five-step stage, amounts, the assembled check-in
// facts and the audit trail. They receive plain data and speak through the "mel" namespace.
import { learningQuestionsStatus } from "~/domain/learning-questions";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Form } from "react-router";
import { SelectField } from "./forms";
import type { CheckInFacts, MilestoneFact } from "~/domain/checkins.server";
import type { CopStage, StageState } from "~/domain/cop-stages";
import { MONTHLY } from "~/domain/honoraria";
import { formatMoney } from "~/domain/money";
import { LocalTime, useReader } from "./time";
import { ScrollTable } from "./scroll-table";

export function Money({ cents, currency }: { cents: number; currency: string }) {
  const { locale } = useReader();
  return <span className="money">{formatMoney(cents, currency, locale)}</span>;
}

/**
 * A budget category in the reader's language: the workplan's categories are keys ("travel"),
 * older or imported lines may carry the English word ("Travel"), matched without case; anything
 * else is the group's own word, shown as typed.
 */
export function categoryLabel(t: TFunction, category: string): string {
  if (!category) return t("mel:budget.noCategory");
  const key = category.trim().toLowerCase();
  return t(`documents:workplan.category.${key}`, { defaultValue: category });
}

/** A calendar date (stored as midnight UTC): the same day for every reader, whatever their zone. */
export function DateOnly({ value }: { value: Date | string }) {
  const { locale } = useReader();
  const date = new Date(value);
  return <time dateTime={date.toISOString().slice(0, 10)}>{new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date)}</time>;
}

export function StageSteps({ stages, label }: { stages: Array<{ stage: CopStage; state: StageState }>; label: string }) {
  const { t } = useTranslation("mel");
  return (
    <ol className="stages" aria-label={label}>
      {stages.map(({ stage, state }) => (
        <li key={stage} className={`stages__step stages__step--${state}`} aria-current={state === "current" ? "step" : undefined}>
          <span className="stages__name">{t(`stage.${stage}`)}</span>
          <span className="visually-hidden"> ({t(`stage.state.${state}`)})</span>
        </li>
      ))}
    </ol>
  );
}

/** Spent against a reference amount, as a bar and in words. */
export function SpentBar({ spentCents, ofCents, currency }: { spentCents: number; ofCents: number | null; currency: string }) {
  const { t } = useTranslation("mel");
  const percent = ofCents && ofCents > 0 ? Math.round((spentCents / ofCents) * 100) : null;
  return (
    <div className="spent">
      <p className="spent__words">
        {ofCents === null ? (
          <>{t("budget.spentOnly")} <Money cents={spentCents} currency={currency} /></>
        ) : (
          <>
            <Money cents={spentCents} currency={currency} /> {t("budget.of")} <Money cents={ofCents} currency={currency} />
            {percent !== null ? <span className="muted"> · {t("budget.percent", { percent })}</span> : null}
          </>
        )}
      </p>
      {percent !== null ? (
        <progress className={percent > 100 ? "spent__bar spent__bar--over" : "spent__bar"} max={100} value={Math.min(percent, 100)} aria-hidden="true" />
      ) : null}
    </div>
  );
}

function MilestoneList({ items, empty }: { items: MilestoneFact[]; empty: string }) {
  const { t } = useTranslation("mel");
  if (items.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <ul className="compact-list">
      {items.map((m) => (
        <li key={m.id}>
          {m.title}
          {m.dueDate ? <span className="muted small"> · {t("milestones.due")} <DateOnly value={m.dueDate} /></span> : null}
          {m.ownerName ? <span className="muted small"> · {m.ownerName}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** What Praxis assembled for a check-in (live in a draft, frozen once submitted). */
export function CheckInFactsView({ facts }: { facts: CheckInFacts }) {
  const { t, i18n } = useTranslation("mel");
  const fr = i18n.language === "fr";
  return (
    <div className="facts">
      <p className="muted small">
        {facts.since ? (
          <>{t("facts.since")} <LocalTime value={facts.since} options={{ dateStyle: "long" }} /></>
        ) : (
          t("facts.sinceStart")
        )}
        {" · "}
        {t("facts.assembledAt")} <LocalTime value={facts.assembledAt} />
      </p>

      <section aria-labelledby="facts-milestones">
        <h3 id="facts-milestones">{t("facts.milestones")}</h3>
        {facts.milestones.total === 0 ? (
          <p className="muted small">{t("milestones.none")}</p>
        ) : (
          <div className="fact-grid">
            <div>
              <h4>{t("milestones.late", { count: facts.milestones.late.length })}</h4>
              <MilestoneList items={facts.milestones.late} empty={t("milestones.noneLate")} />
            </div>
            <div>
              <h4>{t("milestones.dueSoon", { count: facts.milestones.due.length })}</h4>
              <MilestoneList items={facts.milestones.due} empty={t("milestones.noneDue")} />
            </div>
            <div>
              <h4>{t("milestones.done", { count: facts.milestones.done.length, total: facts.milestones.total })}</h4>
              {facts.since ? <p className="muted small">{t("milestones.doneSince", { count: facts.milestones.doneSinceCount })}</p> : null}
              <MilestoneList items={facts.milestones.done} empty={t("milestones.noneDone")} />
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="facts-budget">
        <h3 id="facts-budget">{t("facts.budget")}</h3>
        <BudgetCategoriesTable categories={facts.budget.categories} currency={facts.budget.currency} showSince={Boolean(facts.since)} />
        <p className="small">
          {t("budget.planned")} <Money cents={facts.budget.plannedCents} currency={facts.budget.currency} />
          {" · "}
          {facts.budget.allocationCents === null ? t("budget.notAllocated") : <>{t("budget.allocated")} <Money cents={facts.budget.allocationCents} currency={facts.budget.currency} /></>}
          {" · "}
          {t("budget.spent")} <Money cents={facts.budget.spentCents} currency={facts.budget.currency} />
        </p>
      </section>

      <section aria-labelledby="facts-plan">
        <h3 id="facts-plan">{t("facts.plan")}</h3>
        <ul className="compact-list">
          <li>{t(`facts.questions.${learningQuestionsStatus(facts.plan).state}`)}</li>
          <li>
            {facts.plan.outcomeForm ? (
              <>{t("facts.outcome.decided")}{facts.plan.outcomeDecidedAt ? <> (<LocalTime value={facts.plan.outcomeDecidedAt} options={{ dateStyle: "medium" }} />)</> : null}</>
            ) : (
              t("facts.outcome.open")
            )}
          </li>
          <li>{t(`workplan.status.${facts.plan.workplanStatus}`)}</li>
        </ul>
      </section>

      <section aria-labelledby="facts-meetings">
        <h3 id="facts-meetings">{t("facts.meetings")}</h3>
        {facts.meetings.held.length === 0 ? (
          <p className="muted small">{t("facts.noMeetings")}</p>
        ) : (
          <ul className="compact-list">
            {facts.meetings.held.map((m) => (
              <li key={m.id}>
                {fr ? m.titleFr : m.titleEn} · <LocalTime value={m.startsAt} options={{ dateStyle: "medium" }} />
                <span className="muted small"> · {m.recorded ? t("facts.attendance", { attended: m.attended, recorded: m.recorded }) : t("facts.noAttendance")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {facts.discussions ? (
        <section aria-labelledby="facts-discussions">
          <h3 id="facts-discussions">{t("facts.discussions")}</h3>
          <p className="small">{t("facts.discussionCounts", { threads: t("facts.threadsActive", { count: facts.discussions.threads }), posts: t("facts.postsCount", { count: facts.discussions.posts }) })}</p>
        </section>
      ) : null}
      {facts.decisions ? (
        <section aria-labelledby="facts-decisions">
          <h3 id="facts-decisions">{t("facts.decisions")}</h3>
          <p className="small" data-testid="facts-decisions">{t("facts.decisionsTaken", { count: facts.decisions.taken })}</p>
        </section>
      ) : null}
      {facts.library ? (
        <section aria-labelledby="facts-library">
          <h3 id="facts-library">{t("facts.library")}</h3>
          {facts.library.resources.length === 0 ? (
            <p className="muted small">{t("facts.noResources")}</p>
          ) : (
            <ul className="compact-list">{facts.library.resources.map((r) => <li key={r.id}>{r.title}</li>)}</ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function BudgetCategoriesTable({
  categories,
  currency,
  showSince,
}: {
  categories: Array<{ category: string; plannedCents: number; spentCents: number; spentSinceCents: number }>;
  currency: string;
  showSince: boolean;
}) {
  const { t } = useTranslation("mel");
  if (categories.length === 0) return <p className="muted small">{t("budget.noLines")}</p>;
  return (
    <ScrollTable label={t("budget.byCategory")}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("budget.category")}</th>
            <th scope="col" className="num">{t("budget.planned")}</th>
            <th scope="col" className="num">{t("budget.spent")}</th>
            {showSince ? <th scope="col" className="num">{t("budget.spentSince")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.category}>
              <th scope="row">{categoryLabel(t, c.category)}</th>
              <td className="num"><Money cents={c.plannedCents} currency={currency} /></td>
              <td className={c.spentCents > c.plannedCents ? "num over" : "num"}><Money cents={c.spentCents} currency={currency} /></td>
              {showSince ? <td className="num"><Money cents={c.spentSinceCents} currency={currency} /></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export interface AuditEntry {
  id: string;
  action: string;
  data: string;
  createdAt: Date | string;
  actor: { displayName: string } | null;
}

/** The audit trail: who did what, when. Read-only by construction (there is nothing to edit). */
export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation("mel");
  if (entries.length === 0) return <p className="muted small">{t("audit.empty")}</p>;
  return (
    <ol className="audit">
      {entries.map((entry) => {
        const data = JSON.parse(entry.data) as Record<string, unknown>;
        return (
          <li key={entry.id}>
            <LocalTime value={entry.createdAt} /> · <strong>{entry.actor?.displayName ?? t("audit.unknownActor")}</strong> · {t(`audit.action.${entry.action}`, { defaultValue: entry.action })}
            <AuditDetails data={data} />
          </li>
        );
      })}
    </ol>
  );
}

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

function AuditDetails({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation("mel");
  const parts: React.ReactNode[] = [];
  const currency = typeof data.currency === "string" ? data.currency : "EUR";
  for (const key of ["amountCents", "allocationCents", "totalCents"]) {
    if (typeof data[key] === "number") parts.push(<Money key={key} cents={data[key] as number} currency={currency} />);
  }
  for (const key of ["member", "month", "budgetLine", "description", "title", "comments"]) {
    if (typeof data[key] !== "string" || data[key] === "") continue;
    // A month ("2026-12") reads as the reader's month name, like the schedule above it.
    parts.push(key === "month" && MONTH_KEY.test(data[key] as string) ? <MonthName key={key} month={data[key] as string} /> : <span key={key}>{data[key] as string}</span>);
  }
  // A schedule change says what it became: "monthly", "in 3 instalments a year".
  if (typeof data.instalmentsPerYear === "number") {
    const perYear = data.instalmentsPerYear;
    parts.push(<span key="schedule">{perYear === MONTHLY ? t("audit.scheduleMonthly") : t("audit.scheduleInstalments", { n: perYear })}</span>);
  }
  if (parts.length === 0) return null;
  return (
    <span className="muted small">
      {" — "}
      {parts.flatMap((part, index) => (index ? [" · ", part] : [part]))}
    </span>
  );
}

/** A page title from the root loader's translations (meta runs outside React's i18n context). */
export function melTitle(rootData: unknown, key: string, prefix?: string): string {
  const root = rootData as { language?: string; resources?: Record<string, Record<string, unknown>> } | undefined;
  let node: unknown = root?.resources?.[root.language ?? "en"]?.mel;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const title = typeof node === "string" ? node : "";
  return [prefix, title, "Praxis"].filter(Boolean).join(" · ");
}

export function LanguageSelect({ id, defaultValue, name = "language" }: { id: string; defaultValue: string; name?: string }) {
  const { t } = useTranslation("mel");
  return (
    <SelectField
      id={id}
      name={name}
      label={t("language.label")}
      hint={t("language.hint")}
      defaultValue={defaultValue === "fr" ? "fr" : "en"}
      options={(["en", "fr"] as const).map((language) => ({ value: language, label: t(`common:language.name.${language}`) }))}
    />
  );
}

export function FollowUpList({
  items,
  canComplete,
}: {
  items: Array<{ id: string; title: string; language: string; ownerName: string | null; dueDate: Date | string | null; status: string }>;
  canComplete: boolean;
}) {
  const { t } = useTranslation("mel");
  if (items.length === 0) return <p className="muted small">{t("followUps.none")}</p>;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <ul className="plain-list follow-ups">
      {items.map((f) => {
        const isLate = f.status === "open" && f.dueDate !== null && new Date(f.dueDate).toISOString().slice(0, 10) < today;
        return (
          <li key={f.id} className="row">
            <span>
              <span lang={f.language} className={f.status === "done" ? "done" : undefined}>{f.title}</span>
              <span className="muted small">
                {f.ownerName ? <> · {t("followUps.owner", { name: f.ownerName })}</> : null}
                {f.dueDate ? <> · {t("followUps.due")} <DateOnly value={f.dueDate} /></> : null}
              </span>
              {f.status === "done" ? <span className="tag tag--muted">{t("followUps.done")}</span> : isLate ? <span className="tag tag--attention">{t("followUps.late")}</span> : null}
            </span>
            {canComplete && f.status === "open" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="complete-followup" />
                <input type="hidden" name="followUpId" value={f.id} />
                <button type="submit" className="button button--quiet-dark" aria-label={t("followUps.markDoneLabel", { title: f.title })}>{t("followUps.markDone")}</button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}


/** "November 2026" / "novembre 2026" for an accounting month "2026-11". */
export function MonthName({ month }: { month: string }) {
  const { locale } = useReader();
  const [year, index] = month.split("-").map(Number);
  return <span>{new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, index - 1, 1)))}</span>;
}

/** "30 April 2026" / "30 avril 2026" for an accounting date "2026-04-30" (a day, not an instant: no zone shift). */
export function AccountingDate({ date }: { date: string }) {
  const { locale } = useReader();
  return <time dateTime={date}>{new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`))}</time>;
}

/** A member's own honoraria (settings page). */
export function OwnHonorarium({ record }: { record: { currency: string; paidCents: number; owedCents: number; months: Array<{ month: string; amountCents: number; paidAt: Date | string | null }> } }) {
  const { t } = useTranslation("mel");
  return (
    <>
      <p className="small">
        {t("honoraria.paid")} <Money cents={record.paidCents} currency={record.currency} /> · {t("honoraria.owed")} <Money cents={record.owedCents} currency={record.currency} />
      </p>
      <ul className="months">
        {record.months.map((m) => (
          <li key={m.month} className={m.paidAt ? "month month--paid" : "month"}>
            <span><MonthName month={m.month} /> · <Money cents={m.amountCents} currency={record.currency} /></span>
            <span className="small">{m.paidAt ? <>{t("honoraria.paidOn")} <LocalTime value={m.paidAt} options={{ dateStyle: "medium" }} /></> : t("honoraria.notYetPaid")}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
