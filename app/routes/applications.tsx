import { useTranslation } from "react-i18next";
import type { Route } from "./+types/applications";
import { type BalanceFigures, rankApplications } from "~/domain/applications/ranking.server";
import { listReviewQueue } from "~/domain/applications/review.server";
import { canReviewApplications } from "~/domain/applications/reviewers.server";
import { REGIONS } from "~/domain/applications/model";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import * as applicationsPolicy from "~/domain/policies/applications";
import { listGroupNames } from "~/domain/groups.server";
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
    return { view: "coordinator" as const, ranking: ranking.value, queue: null, groups };
  }
  const queue = await listReviewQueue(user);
  if (!queue.ok) throw new Response("Forbidden", { status: queue.status });
  return { view: "reviewer" as const, ranking: null, queue: queue.value, groups };
}

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

function Balance({ title, figures, groups }: { title: string; figures: BalanceFigures; groups: Array<{ id: string; nameEn: string; nameFr: string }> }) {
  const { t, i18n } = useTranslation("applications");
  return (
    <div className="card balance">
      <h3>{title}</h3>
      <dl>
        <dt>{t("list.regions")}</dt>
        {REGIONS.map((region) => <dd key={region}>{t(`form.regions.${region}`)}: <strong>{figures.regions[region] ?? 0}</strong></dd>)}
        <dt>{t("list.groups")}</dt>
        {groups.map((group) => <dd key={group.id}>{localized(group, "name", i18n.language)}: <strong>{figures.groups[group.id] ?? 0}</strong></dd>)}
        <dt>{t("list.languages")}</dt>
        <dd>{t("form.languages.en")}: <strong>{figures.languages.en}</strong></dd>
        <dd>{t("form.languages.fr")}: <strong>{figures.languages.fr}</strong></dd>
      </dl>
    </div>
  );
}

export default function Applications({ loaderData }: Route.ComponentProps) {
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
        {!queue.call ? <p className="muted">{t("list.noCall")}</p> : queue.items.length === 0 ? <p className="muted">{t("list.none")}</p> : (
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
          <section aria-labelledby="balance-heading">
            <h2 id="balance-heading">{t("list.balance")}</h2>
            <p className="muted small">{t("list.languagesNote")}</p>
            <div className="columns columns--two">
              <Balance title={t("list.balanceShortlist", { count: ranking.shortlist.total })} figures={ranking.shortlist} groups={loaderData.groups} />
              <Balance title={t("list.balanceAccepted", { count: ranking.accepted.total })} figures={ranking.accepted} groups={loaderData.groups} />
              <Balance title={t("list.balanceAll", { count: ranking.all.total })} figures={ranking.all} groups={loaderData.groups} />
            </div>
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
                      <th scope="col">{t("list.reviews")}</th>
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
                        <td>{row.mean === null ? <span className="muted">{t("list.noScore")}</span> : formatDecimal(row.mean, locale)}</td>
                        <td>{row.reviewCount}{row.recusedCount ? <span className="muted small"> ({t("list.recusedCount", { count: row.recusedCount })})</span> : null}</td>
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
