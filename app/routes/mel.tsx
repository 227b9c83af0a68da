import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/mel";
import { auditTrailFor } from "~/domain/audit.server";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { copBudgetSummary, setCopBudget } from "~/domain/budget.server";
import { groupOverview } from "~/domain/checkins.server";
import { listGroups } from "~/domain/groups.server";
import { centsToDecimal } from "~/domain/money";
import { can } from "~/domain/permissions";
import { Field, FormAlert, text } from "~/ui/forms";
import { AuditTrail, melTitle, Money, SpentBar, StageSteps } from "~/ui/mel";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read-mostly: its forms post natively, so the page ships no JavaScript (slow, costly connections).
// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  // Each group whose check-ins this person follows (its leads: their own; MEL and coordinators: all).
  const overviews = (
    await Promise.all(
      (await listGroups()).map(async (g) => ({ group: { id: g.id, slug: g.slug, nameEn: g.nameEn, nameFr: g.nameFr }, overview: await groupOverview(user, g) })),
    )
  ).flatMap(({ group, overview }) => (overview.ok ? [{ group, overview: overview.value }] : []));
  if (overviews.length === 0) throw new Response("Forbidden", { status: 403 });
  const isDashboard = can(user, "mel.dashboard");
  const cop = isDashboard ? await copBudgetSummary(user) : null;
  return {
    isDashboard,
    canSetCopBudget: can(user, "budget.setCop"),
    canManageHonoraria: can(user, "honoraria.manage"),
    groups: overviews.map((o) => ({ ...o, canReview: can(user, "workplan.review", { groupId: o.group.id }), canPrepare: can(user, "checkin.prepare", { groupId: o.group.id }) })),
    cop: cop?.ok ? cop.value : null,
    copTrail: isDashboard ? await auditTrailFor([{ objectType: "cop-budget", objectId: "cop" }], { newestFirst: true, limit: 10 }) : [],
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  if (text(form, "intent") !== "set-cop-budget") return data({ error: "common:errors.invalidValue", total: "" }, { status: 400 });
  const total = text(form, "total");
  const result = await setCopBudget(user, { total });
  if (!result.ok) return data({ error: result.error, total }, { status: result.status });
  return { error: null, total: "", saved: true };
}

export default function MelDashboard({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("mel");
  const { cop } = loaderData;
  return (
    <>
      <PageHeader title={t("title")} lead={loaderData.isDashboard ? t("dashboard.lead") : t("dashboard.leadForLeads")}>
        <p className="row-links">
          {loaderData.isDashboard ? <a href="/mel/expenses.csv" download>{t("export.all")}</a> : null}
          {loaderData.canManageHonoraria ? <Link to="/mel/honoraria">{t("honoraria.title")}</Link> : null}
        </p>
      </PageHeader>

      <ul className="card-list mel-groups">
        {loaderData.groups.map(({ group, overview, canReview, canPrepare }) => {
          const name = localized(group, "name", i18n.language);
          const reference = overview.budget.allocationCents ?? (overview.budget.plannedCents || null);
          return (
            <li key={group.id} className="card">
              <h2 className="card__title"><Link to={`/mel/groups/${group.slug}`}>{name}</Link></h2>
              <StageSteps stages={overview.stages} label={t("stage.label", { group: name })} />
              <p>
                <span className={`tag tag--${overview.workplanStatus}`}>{t(`workplan.status.${overview.workplanStatus}`)}</span>
                {overview.workplanStatus === "submitted" && canReview ? <> <Link to={`/mel/groups/${group.slug}#review`}>{t("workplan.reviewNow")}</Link></> : null}
              </p>
              <h3>{t("facts.milestones")}</h3>
              <p className="small">
                {overview.milestones.total === 0
                  ? t("milestones.none")
                  : t("milestones.summary", { done: overview.milestones.done, total: overview.milestones.total, late: overview.milestones.late, due: overview.milestones.due })}
              </p>
              <h3>{t("budget.heading")}</h3>
              <SpentBar spentCents={overview.budget.spentCents} ofCents={reference} currency={overview.budget.currency} />
              <p className="muted small">{overview.budget.allocationCents === null ? t("budget.againstPlanned") : t("budget.againstAllocation")}</p>
              <h3>{t("checkins.latest")}</h3>
              {overview.latestCheckIn ? (
                <>
                  <p className="small">
                    <Link to={`/mel/checkins/${overview.latestCheckIn.id}`}>
                      {t("checkins.submittedOn")} <LocalTime value={overview.latestCheckIn.submittedAt!} options={{ dateStyle: "medium" }} />
                    </Link>
                    {/* Answered means MEL recorded its advice; until then the check-in waits for MEL. */}
                    {overview.latestCheckIn.hasAdvice ? <span className="tag tag--approved">{t("checkins.answered")}</span> : <span className="tag tag--attention">{t("checkins.awaitingAnswer")}</span>}
                    {overview.latestCheckIn.hasOpenRequests ? <span className="tag tag--attention">{t("checkins.openRequests")}</span> : null}
                  </p>
                  {overview.latestCheckIn.requests ? (
                    <dl className="requests small" lang={overview.latestCheckIn.requests.language}>
                      {overview.latestCheckIn.requests.helpSought ? (
                        <div><dt lang={i18n.language}>{t("checkin.fields.helpSought")}</dt><dd>{excerpt(overview.latestCheckIn.requests.helpSought)}</dd></div>
                      ) : null}
                      {overview.latestCheckIn.requests.proposedChanges ? (
                        <div><dt lang={i18n.language}>{t("checkin.fields.proposedChanges")}</dt><dd>{excerpt(overview.latestCheckIn.requests.proposedChanges)}</dd></div>
                      ) : null}
                    </dl>
                  ) : null}
                </>
              ) : (
                <p className="muted small">{t("checkins.none")}</p>
              )}
              {canPrepare ? (
                <p className="small">
                  <Link to={`/mel/groups/${group.slug}#checkins`}>{overview.draftCheckInId ? t("checkins.continueDraft") : t("checkins.prepare")}</Link>
                </p>
              ) : null}
              <p className="small">
                {t("followUps.openCount", { count: overview.openFollowUps })}
                {overview.lateFollowUps ? <span className="tag tag--attention">{t("followUps.lateCount", { count: overview.lateFollowUps })}</span> : null}
              </p>
            </li>
          );
        })}
      </ul>

      {cop ? (
        <section className="panel" aria-labelledby="cop-budget-heading">
          <h2 id="cop-budget-heading">{t("copBudget.heading")}</h2>
          {cop.totalCents === null ? (
            <p className="muted">{t("copBudget.notSet")}</p>
          ) : (
            <dl className="figures">
              <div><dt>{t("copBudget.total")}</dt><dd><Money cents={cop.totalCents} currency={cop.currency} /></dd></div>
              <div><dt>{t("copBudget.allocated")}</dt><dd><Money cents={cop.allocatedCents} currency={cop.currency} /></dd></div>
              <div><dt>{t("copBudget.unallocated")}</dt><dd><Money cents={cop.unallocatedCents ?? 0} currency={cop.currency} /></dd></div>
              <div><dt>{t("copBudget.spent")}</dt><dd><Money cents={cop.spentCents} currency={cop.currency} /></dd></div>
              <div><dt>{t("copBudget.remaining")}</dt><dd><Money cents={cop.remainingCents ?? 0} currency={cop.currency} /></dd></div>
              <div><dt>{t("copBudget.spentHonoraria")}</dt><dd><Money cents={cop.honorariaCents} currency={cop.currency} /></dd></div>
            </dl>
          )}
          {cop.totalCents !== null ? <SpentBar spentCents={cop.spentCents} ofCents={cop.totalCents} currency={cop.currency} /> : null}
          {loaderData.canSetCopBudget ? (
            <Form method="post" className="inline-fields">
              <input type="hidden" name="intent" value="set-cop-budget" />
              {actionData && "saved" in actionData ? <FormAlert focus tone="success" message="mel:copBudget.saved" /> : null}
              <Field
                name="total"
                label={t("copBudget.setLabel", { currency: cop.currency })}
                hint={t("copBudget.hint")}
                inputMode="decimal"
                defaultValue={actionData?.error ? actionData.total : cop.totalCents === null ? "" : centsToDecimal(cop.totalCents)}
                error={actionData?.error ?? undefined}
                required
              />
              <button type="submit" className="button">{t("copBudget.save")}</button>
            </Form>
          ) : null}
          <details>
            <summary>{t("audit.heading")}</summary>
            <AuditTrail entries={loaderData.copTrail} />
          </details>
        </section>
      ) : null}
    </>
  );
}

function excerpt(value: string, length = 160): string {
  return value.length > length ? `${value.slice(0, length - 1).trimEnd()}…` : value;
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: melTitle(matches[0]?.data, "title") }];
