import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/mel.honoraria";
import { requireViewer } from "~/web/auth.server";
import { honorariaTrail, listHonoraria, markHonorariumPaid, unmarkHonorariumPaid } from "~/domain/honoraria.server";
import { refuse } from "~/domain/result";
import { orRefused } from "~/web/results.server";
import { FormAlert, text } from "~/ui/forms";
import { AuditTrail, melTitle, Money, MonthName } from "~/ui/mel";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read-mostly: its forms post natively, so the page ships no JavaScript (slow, costly connections).
// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const [records, trail] = await Promise.all([listHonoraria(user), honorariaTrail(user)]);
  return { records: orRefused(records), trail: orRefused(trail) };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  const userId = text(form, "userId");
  const month = text(form, "month");
  const result =
    intent === "mark-paid" ? await markHonorariumPaid(user, userId, month) : intent === "unmark-paid" ? await unmarkHonorariumPaid(user, userId, month) : refuse.invalid("common:errors.invalidValue");
  if (!result.ok) return data({ error: result.error }, { status: result.status });
  return { error: null };
}

export default function Honoraria({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("mel");
  return (
    <>
      <PageHeader title={t("honoraria.title")} lead={t("honoraria.lead")}>
        <p className="row-links"><Link to="/mel">{t("group.back")}</Link></p>
      </PageHeader>
      <FormAlert focus message={actionData?.error} />
      {loaderData.records.length === 0 ? (
        <p className="muted">{t("honoraria.nobody")}</p>
      ) : (
        <ul className="plain-list honoraria">
          {loaderData.records.map((record) => (
            <li key={record.userId}>
              <h2 className="h3">{record.displayName}</h2>
              <p className="small">
                {t("honoraria.paid")} <Money cents={record.paidCents} currency={record.currency} /> · {t("honoraria.owed")} <Money cents={record.owedCents} currency={record.currency} />
              </p>
              <ul className="months">
                {record.months.map((m) => (
                  <li key={m.month} className={m.paidAt ? "month month--paid" : "month"}>
                    <span><MonthName month={m.month} /> · <Money cents={m.amountCents} currency={record.currency} /></span>
                    {m.paidAt ? (
                      <span className="small">
                        {t("honoraria.paidOn")} <LocalTime value={m.paidAt} options={{ dateStyle: "medium" }} />
                      </span>
                    ) : null}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={record.userId} />
                      <input type="hidden" name="month" value={m.month} />
                      {m.paidAt ? (
                        <button type="submit" name="intent" value="unmark-paid" className="button button--small">{t("honoraria.unmark")}</button>
                      ) : (
                        <button type="submit" name="intent" value="mark-paid" className="button button--small button--primary">{t("honoraria.markPaid")}</button>
                      )}
                    </Form>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="honoraria-audit">
        <h2 id="honoraria-audit">{t("audit.heading")}</h2>
        <AuditTrail entries={loaderData.trail} />
      </section>
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: melTitle(matches[0]?.data, "honoraria.title") }];
