import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/mel.honoraria";
import { requireViewer } from "~/web/auth.server";
import { honorariaTrail, honorariumInstalmentsPerYear, listHonoraria, markHonorariumPaid, setHonorariumSchedule, unmarkHonorariumPaid } from "~/domain/honoraria.server";
import { MONTHLY } from "~/domain/honoraria";
import { refuse } from "~/domain/result";
import { orRefused } from "~/web/results.server";
import { Field, FormAlert, text } from "~/ui/forms";
import { AccountingDate, AuditTrail, melTitle, Money, MonthName } from "~/ui/mel";
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
  return { records: orRefused(records), trail: orRefused(trail), instalmentsPerYear: await honorariumInstalmentsPerYear() };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "schedule") {
    const values = { mode: text(form, "mode"), instalments: text(form, "instalments") };
    const result = await setHonorariumSchedule(user, values);
    if (!result.ok) return data({ intent, error: result.error, fieldErrors: result.fieldErrors ?? {}, values }, { status: result.status });
    return { intent, error: null, fieldErrors: {}, values };
  }
  const userId = text(form, "userId");
  const month = text(form, "month");
  const result =
    intent === "mark-paid" ? await markHonorariumPaid(user, userId, month) : intent === "unmark-paid" ? await unmarkHonorariumPaid(user, userId, month) : refuse.invalid("common:errors.invalidValue");
  if (!result.ok) return data({ intent, error: result.error, fieldErrors: {}, values: {} }, { status: result.status });
  return { intent, error: null, fieldErrors: {}, values: {} };
}

export default function Honoraria({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("mel");
  const perYear = loaderData.instalmentsPerYear;
  const scheduleAnswer = actionData?.intent === "schedule" ? actionData : null;
  // After a refused save, the form shows what was typed, not the stored setting.
  const typed = (scheduleAnswer?.values ?? {}) as { mode?: string; instalments?: string };
  const chosenMode = scheduleAnswer?.error ? typed.mode : perYear === MONTHLY ? "monthly" : "instalments";
  const chosenCount = scheduleAnswer?.error ? typed.instalments : perYear === MONTHLY ? "" : String(perYear);
  const fieldErrors = (scheduleAnswer?.fieldErrors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <PageHeader title={t("honoraria.title")} lead={t("honoraria.lead")}>
        <p className="row-links"><Link to="/mel">{t("group.back")}</Link></p>
      </PageHeader>
      <FormAlert focus message={scheduleAnswer ? null : actionData?.error} />
      <section className="panel" aria-labelledby="honoraria-schedule">
        <h2 id="honoraria-schedule">{t("honoraria.schedule.heading")}</h2>
        <p className="muted">{t("honoraria.schedule.lead")}</p>
        <p>{perYear === MONTHLY ? t("honoraria.schedule.currentMonthly") : t("honoraria.schedule.currentInstalments", { n: perYear })}</p>
        <FormAlert focus message={scheduleAnswer?.error} />
        {scheduleAnswer && !scheduleAnswer.error ? <FormAlert focus tone="success" message="mel:honoraria.schedule.saved" /> : null}
        {/* noValidate: a wrong count gets the page's translated error, not the browser's bubble. */}
        <Form method="post" noValidate key={`${chosenMode}-${chosenCount}-${scheduleAnswer?.error ?? ""}`}>
          <input type="hidden" name="intent" value="schedule" />
          <fieldset className={fieldErrors.mode ? "field field--invalid" : "field"}>
            <legend>{t("honoraria.schedule.frequency")}</legend>
            <label className="choice"><input type="radio" name="mode" value="monthly" defaultChecked={chosenMode === "monthly"} /> {t("honoraria.schedule.monthly")}</label>
            <label className="choice"><input type="radio" name="mode" value="instalments" defaultChecked={chosenMode === "instalments"} /> {t("honoraria.schedule.instalments")}</label>
          </fieldset>
          <Field name="instalments" type="number" inputMode="numeric" min={2} max={4} label={t("honoraria.schedule.count")} defaultValue={chosenCount} error={fieldErrors.instalments} />
          <button type="submit" className="button button--primary">{t("honoraria.schedule.save")}</button>
        </Form>
      </section>
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
              <div className="table-scroll"><table className="table small honoraria-schedule">
                <caption className="visually-hidden">{t("honoraria.schedule.table")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("honoraria.schedule.due")}</th>
                    <th scope="col">{t("honoraria.schedule.covers")}</th>
                    <th scope="col">{t("honoraria.schedule.amount")}</th>
                    <th scope="col">{t("honoraria.schedule.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.schedule.map((instalment) => {
                    const first = instalment.months[0];
                    const last = instalment.months[instalment.months.length - 1];
                    const isDue = instalment.months.every((m) => record.months.some((r) => r.month === m));
                    return (
                      <tr key={first} className={instalment.isPaid ? "month--paid" : undefined}>
                        <td><AccountingDate date={instalment.dueDate} /></td>
                        <td>{first === last ? <MonthName month={first} /> : <><MonthName month={first} /> – <MonthName month={last} /></>}</td>
                        <td><Money cents={instalment.amountCents} currency={record.currency} /></td>
                        <td>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="userId" value={record.userId} />
                            <input type="hidden" name="month" value={first} />
                            {instalment.isPaid ? (
                              <>
                                <span className="small">{t("honoraria.paidOn")} {instalment.paidAt ? <LocalTime value={instalment.paidAt} options={{ dateStyle: "medium" }} /> : null}</span>{" "}
                                <button type="submit" name="intent" value="unmark-paid" className="button button--small">{t("honoraria.unmark")}</button>
                              </>
                            ) : isDue ? (
                              <>
                                {instalment.paidCents > 0 ? <span className="small">{t("honoraria.schedule.partlyPaid")}<Money cents={instalment.paidCents} currency={record.currency} /></span> : null}{" "}
                                <button type="submit" name="intent" value="mark-paid" className="button button--small button--primary">{t("honoraria.markPaid")}</button>
                              </>
                            ) : (
                              <span className="small muted">{t("honoraria.schedule.notDueYet")}</span>
                            )}
                          </Form>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table></div>
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
