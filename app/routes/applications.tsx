import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/applications";
import { type BalanceFigures, rankApplications } from "~/domain/applications/ranking.server";
import { declareConflicts, listReviewQueue } from "~/domain/applications/review.server";
import { canReviewApplications } from "~/domain/applications/reviewers.server";
import { REGIONS } from "~/domain/applications/model";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import * as applicationsPolicy from "~/domain/policies/applications";
import { listGroupNames } from "~/domain/groups.server";
import { refuse } from "~/domain/result";
import { ConfirmBox, FormAlert, isConfirmed } from "~/ui/forms";
import { PageHeader } from "~/ui/page";
import { LocalTime, useReader } from "~/ui/time";
import { formatDecimal } from "~/infra/numbers";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { ScrollTable } from "~/ui/scroll-table";

// The committee's view of the call: the coordinator ranks and balances; reviewers work through
// their queue. Never visible to ordinary members.
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  if (!(await canReviewApplications(user))) throw new Response("Forbidden", { status: 403 });
  const groups = await listGroupNames();
  if (applicationsPolicy.allow(user, "manage")) {
    const ranking = await rankApplications(user);
    if (!ranking.ok) throw new Response("Forbidden", { status: ranking.status });
    return { view: "coordinator" as const, ranking: ranking.value, queue: null, groups, declared: false };
  }
  const queue = await listReviewQueue(user);
  if (!queue.ok) throw new Response("Forbidden", { status: queue.status });
  return { view: "reviewer" as const, ranking: null, queue: queue.value, groups, declared: new URL(request.url).searchParams.has("declared") };
}

/** The blind round's list of names: a conflict with those ticked, none with the rest, at once. */
export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const conflicts = strings("conflict");
  const result = isConfirmed(form) ? await declareConflicts(user, { shown: strings("shown"), conflicts }) : refuse.invalid("common:errors.confirmRequired", "confirm");
  if (result.ok) return redirect("/applications?declared=1", 303);
  return data({ error: result.error, conflicts }, { status: result.status });
}

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

function DeclareConflicts({ names, ticked, error }: { names: Array<{ conflictKey: string; name: string }>; ticked: string[]; error: string | null }) {
  const { t } = useTranslation("applications");
  return (
    <section className="panel" aria-labelledby="declare-heading">
      <h2 id="declare-heading">{t("blind.declareHeading")}</h2>
      <p className="muted small">{t("blind.declareExplain")}</p>
      <FormAlert focus message={error} />
      <Form method="post" className="stack">
        <fieldset className="stack">
          <legend>{t("blind.namesLegend", { count: names.length })}</legend>
          <ul className="plain-list">
            {names.map((entry) => (
              <li key={entry.conflictKey}>
                <input type="hidden" name="shown" value={entry.conflictKey} />
                <label className="checkbox">
                  <input type="checkbox" name="conflict" value={entry.conflictKey} defaultChecked={ticked.includes(entry.conflictKey)} /> {t("blind.conflictWith", { name: entry.name })}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ConfirmBox label={t("blind.confirmDeclarations")} />
        <button type="submit" className="button button--primary">{t("blind.sendDeclarations")}</button>
      </Form>
    </section>
  );
}

function BalanceTable({ ranking, groups }: { ranking: { shortlist: BalanceFigures; accepted: BalanceFigures; all: BalanceFigures }; groups: Array<{ id: string; nameEn: string; nameFr: string }> }) {
  const { t, i18n } = useTranslation("applications");
  const columns = [ranking.shortlist, ranking.accepted, ranking.all];
  const row = (label: string, figure: (f: BalanceFigures) => number) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      {columns.map((f, i) => <td key={i}>{figure(f)}</td>)}
    </tr>
  );
  return (
    <ScrollTable label={t("list.balance")}>
      <table className="balance-table">
        <thead>
          <tr>
            <td />
            <th scope="col">{t("list.balanceShortlist", { count: ranking.shortlist.total })}</th>
            <th scope="col">{t("list.balanceAccepted", { count: ranking.accepted.total })}</th>
            <th scope="col">{t("list.balanceAll", { count: ranking.all.total })}</th>
          </tr>
        </thead>
        <tbody>
          <tr><th scope="rowgroup" colSpan={4}>{t("list.regions")}</th></tr>
          {REGIONS.map((region) => row(t(`form.regions.${region}`), (f) => f.regions[region] ?? 0))}
          <tr><th scope="rowgroup" colSpan={4}>{t("list.groups")}</th></tr>
          {groups.map((group) => row(localized(group, "name", i18n.language), (f) => f.groups[group.id] ?? 0))}
          <tr><th scope="rowgroup" colSpan={4}>{t("list.languages")}</th></tr>
          {row(t("form.languages.en"), (f) => f.languages.en)}
          {row(t("form.languages.fr"), (f) => f.languages.fr)}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export default function Applications({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("applications");
  const { locale } = useReader();
  const groupName = (id: string | null) => {
    const group = loaderData.groups.find((g) => g.id === id);
    return group ? localized(group, "name", i18n.language) : "";
  };
  if (loaderData.view === "reviewer") {
    const { queue } = loaderData;
    return (
      <>
        <PageHeader title={t("list.title")} lead={t("list.reviewerLead")} />
        {loaderData.declared && queue.toDeclare.length === 0 ? <p className="alert alert--success" role="status">{t("blind.declared")}</p> : null}
        {queue.toDeclare.length ? <DeclareConflicts names={queue.toDeclare} ticked={actionData?.conflicts ?? []} error={actionData?.error ?? null} /> : null}
        {queue.isBlindRound && queue.items.length ? <p className="muted small">{t("blind.queueNote")}</p> : null}
        {!queue.call ? <p className="muted">{t("list.noCall")}</p> : queue.items.length === 0 ? (queue.toDeclare.length ? null : <p className="muted">{t("list.none")}</p>) : (
          <ul className="card-list">
            {queue.items.map((item) => (
              <li key={item.id} className="card">
                <h3>
                  {item.state === "recused" ? <span>{item.reference}</span> : <a href={`/applications/${item.id}`}>{item.reference}{item.name ? ` · ${item.name}` : ""}</a>}
                  <span className={`tag${item.state === "to-review" ? "" : " tag--muted"}`}>{t(`list.state.${item.state}`)}</span>
                  {item.flags.length ? <span className="tag tag--warning">{t("list.ineligible")}</span> : null}
                </h3>
                {item.state !== "recused" ? <p className="muted small">{t(`form.regions.${item.region}`, { defaultValue: "" })} · {groupName(item.preferredGroupId)}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  const { ranking } = loaderData;
  return (
    <>
      <PageHeader title={t("list.title")} lead={t("list.lead")}>
        <p><a href="/applications/settings">{t("list.settings")}</a></p>
        {ranking.call ? <p className="muted">{t("list.deadline")} <LocalTime value={ranking.call.closesAt} /></p> : null}
      </PageHeader>
      {!ranking.call ? <p className="muted">{t("list.noCall")}</p> : (
        <>
          {ranking.shortOfReviewers ? (
            <div className="alert" role="note">
              <p>{t("reviewers.shortPrompt", { count: ranking.shortOfReviewers, required: ranking.call.reviewersPerApplication })}</p>
              <p><a href="/applications/settings#reviewers">{t("reviewers.addOne")}</a></p>
            </div>
          ) : null}
          {ranking.call.blindFirstRound ? <p className="muted small">{ranking.call.blindRoundClosedAt ? t("blind.statusClosed") : t("blind.statusOpen")} <a href="/applications/settings">{t("list.settings")}</a></p> : null}
          <section aria-labelledby="balance-heading">
            <h2 id="balance-heading">{t("list.balance")}</h2>
            <p className="muted small">{t("list.languagesNote")}</p>
            <BalanceTable ranking={ranking} groups={loaderData.groups} />
          </section>
          <section aria-labelledby="ranked-heading">
            <h2 id="ranked-heading">{t("list.ranked")}</h2>
            {ranking.ranked.length === 0 ? <p className="muted">{t("list.none")}</p> : (
              <ScrollTable label={t("list.ranked")}>
                <table className="ranking">
                  <thead>
                    <tr>
                      <th scope="col">{t("list.rank")}</th>
                      <th scope="col">{t("list.applicant")}</th>
                      <th scope="col">{t("list.region")}</th>
                      <th scope="col">{t("list.group")}</th>
                      <th scope="col">{t("list.mean")}</th>
                      <th scope="col">{t("list.reviewers")}</th>
                      <th scope="col">{t("list.stage")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.ranked.map((row, index) => (
                      <tr key={row.id}>
                        <td>{index + 1}</td>
                        <td>
                          <a href={`/applications/${row.id}`}>{row.reference}</a>
                          {row.erasedAt ? <span className="tag tag--muted">{t("list.erased")}</span> : <> · {row.name}</>}
                          {row.flags.length ? <span className="tag tag--warning">{t("list.ineligible")}</span> : null}
                        </td>
                        <td>{row.region ? t(`form.regions.${row.region}`) : ""}</td>
                        <td>{groupName(row.decidedGroupId ?? row.preferredGroupId)}</td>
                        <td>
                          {row.mean === null ? <span className="muted">{t("list.noScore")}</span> : formatDecimal(row.mean, locale)}{" "}
                          <span className="muted small">{t("list.reviewCount", { count: row.reviewCount })}</span>
                        </td>
                        <td>
                          {t("list.reviewersOf", { count: row.reviewers, required: ranking.call!.reviewersPerApplication })}
                          {row.recusedCount ? <span className="muted small"> ({t("list.recusedCount", { count: row.recusedCount })})</span> : null}
                          {row.needsReviewer ? <> <a className="tag tag--warning" href="/applications/settings#reviewers">{t("reviewers.needsAnother")}</a></> : null}
                        </td>
                        <td>{t(`stages.${row.stage}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
