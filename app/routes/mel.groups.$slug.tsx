import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/mel.groups.$slug";
import { auditTrailFor } from "~/domain/audit.server";
import { orNotFound, requirePermission, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { MAX_RECEIPT_BYTES, readGroupBudget, recordExpense } from "~/domain/budget.server";
import { isMultipart, parseMultipart } from "~/infra/multipart.server";
import { completeFollowUpAction, groupOverview, listCheckIns, listFollowUpActions, openCheckInDraft } from "~/domain/checkins.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { listMilestones, workplanChangedSinceApproval } from "~/domain/workplans.server";
import { can } from "~/domain/permissions";
import * as budgetPolicy from "~/domain/policies/budget";
import * as checkInPolicy from "~/domain/policies/checkins";
import { refuse, type Refusal } from "~/domain/result";
import { orRefused } from "~/web/results.server";
import { approveWorkplan, getGroupPlan, listWorkplanReviews, requestWorkplanChanges } from "~/domain/workplans.server";
import { markNoticesAboutRead } from "~/domain/work-notices.server";
import { Field, FormAlert, SelectField, text } from "~/ui/forms";
import { AuditTrail, BudgetCategoriesTable, categoryLabel, DateOnly, FollowUpList, LanguageSelect, melTitle, Money, SpentBar, StageSteps } from "~/ui/mel";
import { LiveRefreshNotice } from "~/ui/live-notice";
import { PageHeader } from "~/ui/page";
import { LocalTime, useReader } from "~/ui/time";
import { ScrollTable } from "~/ui/scroll-table";
import { formatMoney } from "~/domain/money";

const EXPENSES_SHOWN = 100;

export async function loader({ request, params }: Route.LoaderArgs) {
  const group = orNotFound(await getGroupBySlug(params.slug));
  const { user } = await requireViewer(request);
  const target = { groupId: group.id };
  const overview = orRefused(await groupOverview(user, group));
  const [milestones, plan, reviews, checkIns, followUps, budget, trail] = await Promise.all([
    listMilestones(group.id),
    getGroupPlan(group.id),
    listWorkplanReviews(user, group.id),
    listCheckIns(user, group.id),
    listFollowUpActions(user, group.id),
    // The page shows the latest expenses; the CSV export has them all.
    budgetPolicy.allow(user, "read", target) ? readGroupBudget(user, group.id, { expenseLimit: EXPENSES_SHOWN }) : null,
    can(user, "audit.read", target)
      ? auditTrailFor([{ objectType: "workplan", objectId: group.id }, { objectType: "budget", objectId: group.id }], { newestFirst: true, limit: 100 })
      : [],
  ]);
  // Where MEL reviews and leads read the answer: opening it reads the workplan's notices.
  const unreadAfterMarking = await markNoticesAboutRead(user.id, "workplan", [group.id]);
  const shownBudget = budget?.ok ? budget.value : null;
  const canPrepare = checkInPolicy.allowPrepare(user, group.id);
  return {
    // The shell shows this count: its own was read before this page marked its notices.
    unreadNotifications: unreadAfterMarking,
    group: { id: group.id, slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr },
    overview,
    plan: { workplanStatus: plan.workplanStatus, workplanSubmittedAt: plan.workplanSubmittedAt, workplanApprovedAt: plan.workplanApprovedAt },
    changedSinceApproval: await workplanChangedSinceApproval(group),
    reviews,
    milestones,
    // A draft is the lead's work in progress: MEL sees check-ins once submitted.
    checkIns: orRefused(checkIns),
    followUps: orRefused(followUps),
    budget: shownBudget?.summary ?? null,
    expenses: shownBudget?.expenses ?? [],
    expenseCount: shownBudget?.expenseCount ?? 0,
    trail,
    can: {
      review: can(user, "workplan.review", target),
      prepare: canPrepare,
      spend: budgetPolicy.allow(user, "spend", target),
      completeFollowUp: checkInPolicy.allowFollowUp(user, "complete", target),
      audit: can(user, "audit.read", target),
    },
  };
}

type ActionResult = { intent: string; error: string | null; field?: string; values?: Record<string, string>; done?: string; details?: Record<string, unknown> };

export async function action({ request, params }: Route.ActionArgs) {
  const group = orNotFound(await getGroupBySlug(params.slug));
  const { user } = await requirePermission(request, "checkin.read", { groupId: group.id });
  // The expense form carries an optional receipt, so it comes as multipart; the others do not.
  let receipt: { bytes: Uint8Array; fileName: string; isTooLarge: boolean } | null = null;
  let form: FormData;
  if (isMultipart(request)) {
    const parsed = await parseMultipart(request, { maxFileBytes: MAX_RECEIPT_BYTES });
    form = new FormData();
    for (const [name, values] of parsed.fields) for (const value of values) form.append(name, value);
    receipt = parsed.file ? { bytes: parsed.file.bytes, fileName: parsed.file.fileName, isTooLarge: parsed.isFileTooLarge } : null;
  } else {
    form = await request.formData();
  }
  const intent = text(form, "intent");
  const fail = (error: string, field?: string, values?: Record<string, string>) =>
    data<ActionResult>({ intent, error, field, values }, { status: error === "common:errors.forbidden" ? 403 : 400 });
  const refused = (refusal: Refusal, values?: Record<string, string>) =>
    data<ActionResult>({ intent, error: refusal.error, field: Object.keys(refusal.fieldErrors ?? {})[0], values }, { status: refusal.status });

  switch (intent) {
    case "open-draft": {
      const result = await openCheckInDraft(user, group.id);
      if (!result.ok) return refused(result);
      throw redirect(`/mel/checkins/${result.value.id}`, { status: 303 });
    }
    case "approve":
    case "request-changes": {
      const values = { comments: text(form, "comments"), language: text(form, "language") };
      const result = intent === "approve" ? await approveWorkplan(user, group.id, values) : await requestWorkplanChanges(user, group.id, values);
      if (!result.ok) return data<ActionResult>({ intent, error: result.error, field: Object.keys(result.fieldErrors ?? {})[0], values }, { status: result.status });
      return data<ActionResult>({ intent, error: null, done: intent === "approve" ? "mel:review.approved" : "mel:review.changesRequested" });
    }
    case "record-expense": {
      const values = { budgetLineId: text(form, "budgetLineId"), amount: text(form, "amount"), spentOn: text(form, "spentOn"), description: text(form, "description"), correctsId: text(form, "correctsId"), confirmLarge: text(form, "confirmLarge") };
      const result = await recordExpense(user, group.id, values, receipt);
      // A far larger amount than the line has left comes back to be confirmed (the form, kept).
      if (!result.ok) return data<ActionResult>({ intent, error: result.error, field: Object.keys(result.fieldErrors ?? {})[0], values, details: result.details }, { status: result.status });
      return data<ActionResult>({ intent, error: null, done: "mel:expense.recorded" });
    }
    case "complete-followup": {
      const result = await completeFollowUpAction(user, text(form, "followUpId"));
      if (!result.ok) return refused(result);
      return data<ActionResult>({ intent, error: null });
    }
    default:
      return refused(refuse.invalid("common:errors.invalidValue"));
  }
}

export default function MelGroup({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("mel");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { group, overview, plan, budget } = loaderData;
  const name = localized(group, "name", i18n.language);
  const result = actionData as ActionResult | undefined;
  const errorFor = (intent: string, field: string) => (result?.intent === intent && result.error && (result.field ?? "form") === field ? result.error : undefined);
  const valueFor = (intent: string, field: string) => (result?.intent === intent && result.error ? result.values?.[field] : undefined);
  const { locale } = useReader();
  const largeToConfirm =
    result?.intent === "record-expense" && result.details?.needsConfirmation
      ? (result.details as { amountCents: number; remainingCents: number; currency: string; budgetLine: string })
      : null;
  const expenseById = new Map(loaderData.expenses.map((e) => [e.id, e]));
  // The entries a correction can name: recent ones that are not corrections themselves.
  const correctable = loaderData.expenses
    .filter((e) => !e.correctsId)
    .map((e) => ({ value: e.id, label: `${e.description} (${formatMoney(e.amountCents, e.currency, locale)})` }));
  const reviewIntent = result?.intent === "approve" || result?.intent === "request-changes" ? result.intent : null;

  return (
    <>
      <PageHeader title={name} lead={t("group.lead")}>
        <p className="row-links">
          <Link to="/mel">{t("group.back")}</Link>
          <Link to={`/groups/${group.slug}`}>{t("group.groupPage")}</Link>
        </p>
      </PageHeader>
      <StageSteps stages={overview.stages} label={t("stage.label", { group: name })} />
      {result?.done ? <FormAlert focus tone="success" message={result.done} /> : null}
      <LiveRefreshNotice topic={{ event: "workplan:reviewed", groupId: group.id }} message="mel:review.reviewedLive" />
      <LiveRefreshNotice topic={{ event: "checkin:changed", groupId: group.id }} message="mel:checkins.changedLive" />

      <section className="panel" id="review" aria-labelledby="review-heading">
        <h2 id="review-heading">{t("workplan.heading")}</h2>
        <p>
          <span className={`tag tag--${plan.workplanStatus}`}>{t(`workplan.status.${plan.workplanStatus}`)}</span>
          {plan.workplanStatus === "approved" && plan.workplanApprovedAt ? <span className="muted small"> <LocalTime value={plan.workplanApprovedAt} /></span> : null}
          {loaderData.changedSinceApproval ? (
            <>
              {" "}
              <span className="tag tag--changed">{t("documents:workplan.changedSinceApproval")}</span>{" "}
              <Link to={`/groups/${group.slug}/docs/workplan/history?version=${loaderData.changedSinceApproval.versionId}`}>{t("documents:workplan.seeChanges")}</Link>
            </>
          ) : null}
          {plan.workplanStatus === "submitted" && plan.workplanSubmittedAt ? <span className="muted small"> {t("workplan.submittedAt")} <LocalTime value={plan.workplanSubmittedAt} /></span> : null}
        </p>
        {overview.budget.allocationCents !== null ? (
          <p>{t("workplan.allocation")} <Money cents={overview.budget.allocationCents} currency={overview.budget.currency} /></p>
        ) : null}
        <h3>{t("facts.milestones")}</h3>
        {loaderData.milestones.length === 0 ? (
          <p className="muted small">{t("milestones.none")}</p>
        ) : (
          <ScrollTable label={t("facts.milestones")}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("milestones.title")}</th>
                  <th scope="col">{t("milestones.dueDate")}</th>
                  <th scope="col">{t("milestones.status")}</th>
                  <th scope="col">{t("milestones.owner")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.title}</th>
                    <td>{m.dueDate ? <DateOnly value={m.dueDate} /> : null}</td>
                    <td>{t(`milestones.statuses.${m.status}`, { defaultValue: m.status })}{m.isLate ? <span className="tag tag--attention">{t("followUps.late")}</span> : null}</td>
                    <td>{m.ownerName ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {plan.workplanStatus === "submitted" && loaderData.can.review ? (
          <Form method="post" className="stack">
            <p className="muted small">{t("review.explain")} <Money cents={overview.budget.plannedCents} currency={overview.budget.currency} /></p>
            {reviewIntent && !result?.field ? <FormAlert focus message={result?.error} /> : null}
            <Field name="comments" label={t("review.comments")} hint={t("review.commentsHint")} error={reviewIntent ? errorFor(reviewIntent, "comments") : undefined}>
              <textarea id="field-comments" name="comments" rows={4} defaultValue={reviewIntent ? valueFor(reviewIntent, "comments") : ""} />
            </Field>
            <LanguageSelect id="review-language" defaultValue={(reviewIntent && valueFor(reviewIntent, "language")) || i18n.language} />
            <div className="row">
              <button type="submit" name="intent" value="request-changes" className="button" disabled={busy}>{t("review.requestChanges")}</button>
              <button type="submit" name="intent" value="approve" className="button button--primary" disabled={busy}>{t("review.approve")}</button>
            </div>
          </Form>
        ) : null}
        {loaderData.reviews.length ? (
          <>
            <h3>{t("review.history")}</h3>
            <ul className="plain-list">
              {loaderData.reviews.map((r) => (
                <li key={r.id}>
                  <strong>{t(`review.decision.${r.decision}`)}</strong> · {r.reviewerName} · <LocalTime value={r.createdAt} />
                  {r.allocationCents !== null ? <> · <Money cents={r.allocationCents} currency={r.currency} /></> : null}
                  {r.comments ? <p className="prose" lang={r.language}>{r.comments}</p> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="panel" id="checkins" aria-labelledby="checkins-heading">
        <h2 id="checkins-heading">{t("checkins.heading")}</h2>
        {loaderData.can.prepare ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open-draft" />
            <button type="submit" className="button button--primary">{overview.draftCheckInId ? t("checkins.continueDraft") : t("checkins.prepare")}</button>
            <p className="muted small">{t("checkins.prepareHint")}</p>
          </Form>
        ) : null}
        {loaderData.checkIns.length === 0 ? (
          <p className="muted">{t("checkins.none")}</p>
        ) : (
          <ul className="plain-list">
            {loaderData.checkIns.map((c) => (
              <li key={c.id} className="row">
                <span>
                  <Link to={`/mel/checkins/${c.id}`}>
                    {c.status === "submitted" && c.submittedAt ? <>{t("checkins.submittedOn")} <LocalTime value={c.submittedAt} options={{ dateStyle: "medium" }} /></> : t("checkins.draftLabel")}
                  </Link>
                  <span className="muted small"> · {c.preparedByName}</span>
                </span>
                <span>
                  {c.hasOpenRequests ? <span className="tag tag--attention">{t("checkins.openRequests")}</span> : null}
                  {c.hasAdvice ? <span className="tag">{t("checkins.advised")}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" id="follow-ups" aria-labelledby="followups-heading">
        <h2 id="followups-heading">{t("followUps.heading")}</h2>
        <FollowUpList items={loaderData.followUps} canComplete={loaderData.can.completeFollowUp} />
      </section>

      {budget ? (
        <section className="panel" id="budget" aria-labelledby="budget-heading">
          <h2 id="budget-heading">{t("budget.heading")}</h2>
          <SpentBar spentCents={budget.spentCents} ofCents={budget.allocationCents ?? (budget.plannedCents || null)} currency={budget.currency} />
          <p className="small">
            {t("budget.planned")} <Money cents={budget.plannedCents} currency={budget.currency} /> ·{" "}
            {budget.allocationCents === null ? t("budget.notAllocated") : <>{t("budget.allocated")} <Money cents={budget.allocationCents} currency={budget.currency} /></>}
            {budget.remainingCents !== null ? <> · {t("budget.remaining")} <Money cents={budget.remainingCents} currency={budget.currency} /></> : null}
          </p>
          <h3>{t("budget.byCategory")}</h3>
          <BudgetCategoriesTable categories={budget.categories} currency={budget.currency} showSince={false} />
          {budget.lines.length ? (
            <>
              <h3>{t("budget.byLine")}</h3>
              <ScrollTable label={t("budget.byLine")}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("budget.line")}</th>
                      <th scope="col">{t("budget.category")}</th>
                      <th scope="col" className="num">{t("budget.planned")}</th>
                      <th scope="col" className="num">{t("budget.spent")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {budget.lines.map((l) => (
                      <tr key={l.id}>
                        <th scope="row">{l.item}</th>
                        <td>{categoryLabel(t, l.category)}</td>
                        <td className="num"><Money cents={l.amountCents} currency={budget.currency} /></td>
                        <td className={l.spentCents > l.amountCents ? "num over" : "num"}><Money cents={l.spentCents} currency={budget.currency} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </>
          ) : null}

          {loaderData.can.spend && budget.lines.length ? (
            <Form method="post" encType="multipart/form-data" className="stack expense-form" id="record-expense">
              <h3>{t("expense.heading")}</h3>
              <input type="hidden" name="intent" value="record-expense" />
              {result?.intent === "record-expense" && result.error && !result.field && !largeToConfirm ? <FormAlert focus message={result.error} /> : null}
              {largeToConfirm ? (
                <div className="alert alert--error" role="alert">
                  <p>
                    {t("expense.confirmLarge", {
                      amount: formatMoney(largeToConfirm.amountCents, largeToConfirm.currency, locale),
                      remaining: formatMoney(largeToConfirm.remainingCents, largeToConfirm.currency, locale),
                      line: largeToConfirm.budgetLine,
                    })}
                  </p>
                  <label className="checkbox">
                    <input type="checkbox" name="confirmLarge" value="yes" required /> {t("expense.confirmLargeLabel")}
                  </label>
                  <p className="small">{t("expense.confirmLargeReceipt")}</p>
                </div>
              ) : null}
              <SelectField
                name="budgetLineId"
                label={t("expense.line")}
                error={errorFor("record-expense", "budgetLineId")}
                defaultValue={valueFor("record-expense", "budgetLineId")}
                options={budget.lines.map((l) => ({ value: l.id, label: `${l.item} (${categoryLabel(t, l.category)})` }))}
              />
              <div className="inline-fields">
                <Field name="amount" label={t("expense.amount", { currency: budget.currency })} hint={t("expense.amountHint")} inputMode="decimal" error={errorFor("record-expense", "amount")} defaultValue={valueFor("record-expense", "amount")} required />
                <Field name="spentOn" type="date" label={t("expense.date")} error={errorFor("record-expense", "spentOn")} defaultValue={valueFor("record-expense", "spentOn")} required />
              </div>
              {correctable.length ? (
                <SelectField
                  name="correctsId"
                  label={t("expense.corrects")}
                  hint={t("expense.correctsHint")}
                  error={errorFor("record-expense", "correctsId")}
                  defaultValue={valueFor("record-expense", "correctsId") ?? ""}
                  options={[{ value: "", label: t("expense.correctsNone") }, ...correctable]}
                />
              ) : null}
              <Field name="description" label={t("expense.description")} error={errorFor("record-expense", "description")} defaultValue={valueFor("record-expense", "description")} required maxLength={500} />
              <Field name="receipt" type="file" label={t("expense.receipt")} hint={t("expense.receiptHint")} error={errorFor("record-expense", "receipt")} accept="application/pdf,image/jpeg,image/png,image/webp" />
              <p className="muted small">{t("expense.noEdit")}</p>
              <button type="submit" className="button button--primary" disabled={busy}>{t("expense.save")}</button>
            </Form>
          ) : null}

          <h3>{t("expense.list")}</h3>
          {loaderData.expenses.length === 0 ? (
            <p className="muted small">{t("expense.none")}</p>
          ) : (
            <ScrollTable label={t("expense.list")}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("expense.date")}</th>
                    <th scope="col">{t("expense.description")}</th>
                    <th scope="col">{t("expense.line")}</th>
                    <th scope="col" className="num">{t("expense.amountShort")}</th>
                    <th scope="col">{t("expense.recordedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaderData.expenses.map((e) => (
                    <tr key={e.id} className={e.correctsId ? "expense--correction" : undefined}>
                      <td><DateOnly value={e.spentOn} /></td>
                      <td>
                        {e.correctsId ? <span className="tag">{t("expense.correctionOf", { description: expenseById.get(e.correctsId)?.description ?? t("expense.earlierEntry") })}</span> : null}{" "}
                        {e.description}
                        {e.hasReceipt ? <> · <a href={`/mel/receipts/${e.id}`}>{t("expense.receiptLink")}</a></> : null}
                      </td>
                      <td>{e.budgetLine ? <>{e.budgetLine}{e.lineRemoved ? <> <span className="muted small">{t("budget.noCategory")}</span></> : null}</> : t("budget.noCategory")}</td>
                      <td className="num"><Money cents={e.amountCents} currency={e.currency} /></td>
                      <td>{e.recordedBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          {loaderData.expenseCount > loaderData.expenses.length ? (
            <p className="muted small">{t("expense.showingLatest", { shown: loaderData.expenses.length, total: loaderData.expenseCount })}</p>
          ) : null}
          <p><a href={`/mel/expenses.csv?group=${group.slug}`} download>{t("export.group")}</a></p>
        </section>
      ) : null}

      {loaderData.can.audit ? (
        <section className="panel" id="audit" aria-labelledby="audit-heading">
          <h2 id="audit-heading">{t("audit.heading")}</h2>
          <p className="muted small">{t("audit.explain")}</p>
          <AuditTrail entries={loaderData.trail} />
        </section>
      ) : null}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: melTitle(matches[0]?.data, "title", data ? localized(data.group, "name", language) : undefined) }];
};
