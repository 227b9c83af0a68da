// The structured parts of a plan document as plain, labelled forms beside the co-editor: the
// workplan's milestones and budget lines, or the learning questions. Add, edit, move up or
// down, remove; each post changes the same Yjs document as the editor (open editors see it at
// once). Works without JavaScript (a light page); a screen reader or a low-end phone never needs
// the rich editor for these.
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/groups.$slug.docs.$docId.items";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { getGroupBySlug } from "~/domain/groups.server";
import { changePlanItem, PLAN_INTENTS, readPlanItems, type PlanItemsKind } from "~/domain/plan-items.server";
import { BUDGET_CATEGORIES, formatCents, MILESTONE_STATUSES } from "~/domain/plans";
import { FormAlert, text } from "~/ui/forms";
import { loadAsDocument, staticPage } from "~/ui/light-page";
import { PageHeader } from "~/ui/page";

export const handle = staticPage;
export const clientLoader = loadAsDocument;

async function loadContext(request: Request, params: { slug: string; docId: string }) {
  const { user } = await requireViewer(request);
  const group = orNotFound(await getGroupBySlug(params.slug));
  if (params.docId !== "workplan" && params.docId !== "learning-questions") throw data(null, { status: 404 });
  return { user, group, kind: params.docId as PlanItemsKind };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, group, kind } = await loadContext(request, params);
  const items = await readPlanItems(user, group, kind);
  if (!items.ok) throw data(null, { status: items.status });
  const done = new URL(request.url).searchParams.get("done");
  return {
    kind,
    group: { slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr },
    members: [...group.leads, ...group.members],
    items: items.value,
    done: done && (PLAN_INTENTS as string[]).includes(done) ? `documents:plainForms.done.${done}` : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, group, kind } = await loadContext(request, params);
  const form = await request.formData();
  const input: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") input[key] = value;
  // One form per item: its move buttons say the direction in the intent ("milestone-move-up").
  const move = /^(milestone|budget|question)-move-(up|down)$/.exec(input.intent ?? "");
  if (move) Object.assign(input, { intent: `${move[1]}-move`, direction: move[2] });
  const result = await changePlanItem(user, group, input);
  if (result.ok) return redirect(`/groups/${group.slug}/docs/${kind}/items?done=${input.intent}`, { status: 303 });
  return data(
    { intent: text(form, "intent"), error: result.error, fieldErrors: result.fieldErrors ?? {}, details: result.details ?? null, fields: input },
    { status: result.status },
  );
}

type Data = Route.ComponentProps["loaderData"];
type ActionData = Route.ComponentProps["actionData"];

export default function PlanItemsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("documents");
  const { group, kind, items } = loaderData;
  const confirm = actionData?.details && typeof actionData.details.confirm === "string" ? actionData : null;
  return (
    <>
      <PageHeader title={t(`plainForms.title.${kind}`)} lead={localized(group, "name", i18n.language)}>
        <p className="row">
          <Link to={`/groups/${group.slug}/docs/${kind}`}>{t("plainForms.backToDocument")}</Link>
        </p>
        <p className="muted">{t("plainForms.intro")}</p>
      </PageHeader>
      {confirm ? null : <FormAlert focus message={actionData?.error} values={(actionData?.details as Record<string, unknown> | null) ?? undefined} />}
      <FormAlert focus message={loaderData.done} tone="success" />
      {!items.canEdit ? <p className="muted">{t("readOnly")}</p> : null}
      {confirm ? <ConfirmBudgetChange loaderData={loaderData} actionData={confirm} /> : null}
      {kind === "workplan" ? (
        <>
          <Milestones loaderData={loaderData} actionData={actionData} />
          <BudgetLines loaderData={loaderData} actionData={actionData} />
        </>
      ) : (
        <Questions loaderData={loaderData} actionData={actionData} />
      )}
    </>
  );
}

/** The values a re-shown form starts with: what was typed when this form's post was refused. */
function typed(actionData: ActionData, intents: string[], key: { id?: string; position?: number }) {
  if (!actionData || !intents.includes(actionData.intent)) return null;
  const fields = actionData.fields as Record<string, string>;
  if (key.id !== undefined && fields.id !== key.id) return null;
  if (key.position !== undefined && fields.position !== String(key.position)) return null;
  return { fields, errors: actionData.fieldErrors as Record<string, string> };
}

function MoveButtons({ prefix, index, count, name }: { prefix: string; index: number; count: number; name: string }) {
  const { t } = useTranslation("documents");
  return (
    <>
      {index > 0 ? (
        <button className="button button--small" name="intent" value={`${prefix}-move-up`} formNoValidate aria-label={t("plainForms.named", { action: t("plainForms.moveUp"), name })}>
                      {t("plainForms.moveUp")}
        </button>
      ) : null}
      {index < count - 1 ? (
        <button className="button button--small" name="intent" value={`${prefix}-move-down`} formNoValidate aria-label={t("plainForms.named", { action: t("plainForms.moveDown"), name })}>
                      {t("plainForms.moveDown")}
        </button>
      ) : null}
    </>
  );
}

function Input({ id, name, label, value, error, ...rest }: { id: string; name: string; label: string; value: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...rest} />
      {error ? <p className="field__error" id={`${id}-error`}>{t(error)}</p> : null}
    </div>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

function Milestones({ loaderData, actionData }: { loaderData: Data; actionData: ActionData }) {
  const { t } = useTranslation("documents");
  const { items, members } = loaderData;
  const statuses = MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`workplan.milestoneStatus.${s}`) }));
  const owners = [{ value: "", label: t("workplan.milestones.noOwner") }, ...members.map((m) => ({ value: m.id, label: m.displayName }))];
  const fieldsFor = (prefix: string, values: Record<string, string>, errors: Record<string, string>) => (
    <>
      <Input id={`${prefix}-title`} name="title" label={t("workplan.milestones.titleColumn")} value={values.title ?? ""} error={errors.title} maxLength={500} required />
      <Input id={`${prefix}-due`} name="due" type="date" label={t("workplan.milestones.due")} value={values.due ?? ""} error={errors.due} />
      <Select id={`${prefix}-status`} name="status" label={t("workplan.milestones.status")} value={values.status ?? "planned"} options={statuses} />
      <Select id={`${prefix}-owner`} name="ownerId" label={t("workplan.milestones.owner")} value={values.ownerId ?? ""} options={owners} />
    </>
  );
  const added = typed(actionData, ["milestone-add"], {});
  return (
    <section className="stack" aria-labelledby="plain-milestones">
      <h2 id="plain-milestones">{t("workplan.milestones.title")}</h2>
      {items.milestones.length === 0 ? <p className="muted">{t("workplan.milestones.empty")}</p> : null}
      <ol className="plain-list stack">
        {items.milestones.map((m, index) => {
          const shown = typed(actionData, ["milestone-update"], { id: m.id });
          const name = m.title || t("plainForms.untitled");
          return (
            <li key={m.id} className="panel">
              {items.canEdit ? (
                <Form method="post" className="stack" aria-label={t("plainForms.milestoneNumber", { number: index + 1, name })}>
                  <input type="hidden" name="id" value={m.id} />
                  {fieldsFor(`ms-${m.id}`, shown?.fields ?? { title: m.title, due: m.due, status: m.status, ownerId: m.ownerId }, shown?.errors ?? {})}
                  <p className="row">
                    <button className="button button--primary" name="intent" value="milestone-update" aria-label={t("plainForms.named", { action: t("plainForms.save"), name })}>
                      {t("plainForms.save")}
                    </button>
                    <MoveButtons prefix="milestone" index={index} count={items.milestones.length} name={name} />
                    <button className="button button--small" name="intent" value="milestone-remove" formNoValidate aria-label={t("plainForms.named", { action: t("workplan.remove"), name })}>
                      {t("workplan.remove")}
                    </button>
                  </p>
                </Form>
              ) : (
                <p>
                  <strong>{name}</strong> · {m.due || "—"} · {t(`workplan.milestoneStatus.${m.status}`)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {items.canEdit ? (
        <Form method="post" className="panel stack" aria-labelledby="plain-milestone-add">
          <h3 id="plain-milestone-add">{t("workplan.milestones.add")}</h3>
          {fieldsFor("ms-new", added?.fields ?? {}, added?.errors ?? {})}
          <p>
            <button className="button button--primary" name="intent" value="milestone-add">{t("workplan.milestones.add")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

function BudgetLines({ loaderData, actionData }: { loaderData: Data; actionData: ActionData }) {
  const { t, i18n } = useTranslation("documents");
  const { items } = loaderData;
  const categories = BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`workplan.category.${c}`) }));
  const fieldsFor = (prefix: string, values: Record<string, string>, errors: Record<string, string>) => (
    <>
      <Input id={`${prefix}-item`} name="item" label={t("workplan.budget.item")} value={values.item ?? ""} error={errors.item} maxLength={500} required />
      <Select id={`${prefix}-category`} name="category" label={t("workplan.budget.category")} value={values.category ?? "activities"} options={categories} />
      <Input id={`${prefix}-amount`} name="amount" inputMode="decimal" label={t("workplan.budget.amount")} value={values.amount ?? ""} error={errors.amount} required />
      <Input id={`${prefix}-note`} name="note" label={t("workplan.budget.note")} value={values.note ?? ""} error={errors.note} maxLength={1000} />
    </>
  );
  const added = typed(actionData, ["budget-add"], {});
  const total = items.lines.reduce((sum, l) => sum + l.amountCents, 0);
  return (
    <section className="stack" aria-labelledby="plain-budget">
      <h2 id="plain-budget">{t("workplan.budget.title")}</h2>
      {items.lines.length === 0 ? <p className="muted">{t("workplan.budget.empty")}</p> : <p>{t("workplan.budget.total")}: {formatCents(total, i18n.language)}</p>}
      <ol className="plain-list stack">
        {items.lines.map((line, index) => {
          const shown = typed(actionData, ["budget-update"], { id: line.id });
          const name = line.item || t("plainForms.untitled");
          return (
            <li key={line.id} className="panel">
              {items.canEdit ? (
                <Form method="post" className="stack" aria-label={t("plainForms.lineNumber", { number: index + 1, name })}>
                  <input type="hidden" name="id" value={line.id} />
                  {fieldsFor(`bl-${line.id}`, shown?.fields ?? { item: line.item, category: line.category, amount: (line.amountCents / 100).toFixed(2), note: line.note }, shown?.errors ?? {})}
                  {line.expenseCount > 0 ? (
                    <p className="muted small">{items.canSeeExpenses ? t("plainForms.expenses", { count: line.expenseCount }) : t("plainForms.hasExpenses")}</p>
                  ) : null}
                  <p className="row">
                    <button className="button button--primary" name="intent" value="budget-update" aria-label={t("plainForms.named", { action: t("plainForms.save"), name })}>
                      {t("plainForms.save")}
                    </button>
                    <MoveButtons prefix="budget" index={index} count={items.lines.length} name={name} />
                    <button className="button button--small" name="intent" value="budget-remove" formNoValidate aria-label={t("plainForms.named", { action: t("workplan.remove"), name })}>
                      {t("workplan.remove")}
                    </button>
                  </p>
                </Form>
              ) : (
                <p>
                  <strong>{name}</strong> · {t(`workplan.category.${line.category}`)} · {formatCents(line.amountCents, i18n.language)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {items.canEdit ? (
        <Form method="post" className="panel stack" aria-labelledby="plain-budget-add">
          <h3 id="plain-budget-add">{t("workplan.budget.add")}</h3>
          {fieldsFor("bl-new", added?.fields ?? {}, added?.errors ?? {})}
          <p>
            <button className="button button--primary" name="intent" value="budget-add">{t("workplan.budget.add")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

/** Removing or renaming a line that has expenses: say so, and offer to keep or move them. */
function ConfirmBudgetChange({ loaderData, actionData }: { loaderData: Data; actionData: NonNullable<ActionData> }) {
  const { t } = useTranslation("documents");
  const details = actionData.details as unknown as { confirm: string; lineId: string; item: string; count: number | null };
  const fields = actionData.fields as Record<string, string>;
  const others = loaderData.items.lines.filter((l) => l.id !== details.lineId);
  const removing = details.confirm === "budget-remove";
  const canMove = removing && loaderData.items.canMoveExpenses && others.length > 0;
  return (
    <section className="callout stack" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" tabIndex={-1} autoFocus>
        {removing ? t("plainForms.confirm.removeTitle", { item: details.item }) : t("plainForms.confirm.renameTitle", { item: details.item })}
      </h2>
      <p>{details.count === null ? t("plainForms.hasExpenses") : t("plainForms.expenses", { count: details.count })}</p>
      <Form method="post" className="stack">
        {Object.entries(fields)
          .filter(([key]) => ["id", "item", "category", "amount", "note"].includes(key))
          .map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
        <input type="hidden" name="confirmed" value="yes" />
        {removing ? (
          <fieldset className="stack">
            <legend>{t("plainForms.confirm.expensesLegend")}</legend>
            <label className="choice">
              <input type="radio" name="expenses" value="keep" defaultChecked /> {t("plainForms.confirm.keep")}
            </label>
            {canMove ? (
              <>
                <label className="choice">
                  <input type="radio" name="expenses" value="move" /> {t("plainForms.confirm.move")}
                </label>
                <div className="field">
                  <label htmlFor="move-to">{t("plainForms.confirm.moveTo")}</label>
                  <select id="move-to" name="moveTo">
                    {others.map((l) => (
                      <option key={l.id} value={l.id}>{l.item || t("plainForms.untitled")}</option>
                    ))}
                  </select>
                </div>
              </>
            ) : null}
          </fieldset>
        ) : (
          <p>{t("plainForms.confirm.renameKeeps")}</p>
        )}
        <p className="row">
          <button className="button button--primary" name="intent" value={details.confirm}>
            {removing ? t("plainForms.confirm.removeButton") : t("plainForms.confirm.renameButton")}
          </button>
          <Link to={`/groups/${loaderData.group.slug}/docs/workplan/items`}>{t("plainForms.confirm.cancel")}</Link>
        </p>
      </Form>
    </section>
  );
}

function Questions({ loaderData, actionData }: { loaderData: Data; actionData: ActionData }) {
  const { t } = useTranslation("documents");
  const { items } = loaderData;
  const fieldsFor = (prefix: string, values: Record<string, string>, errors: Record<string, string>) => (
    <>
      <Textarea id={`${prefix}-text`} name="text" label={t("plainForms.question")} value={values.text ?? ""} error={errors.text} required />
      <Textarea id={`${prefix}-translation`} name="translation" label={t("plainForms.translation")} value={values.translation ?? ""} error={errors.translation} />
    </>
  );
  const added = typed(actionData, ["question-add"], {});
  return (
    <section className="stack" aria-labelledby="plain-questions">
      <h2 id="plain-questions">{t("plainForms.questionsTitle")}</h2>
      <p className="muted">{t("questions.howTo", { min: 1, max: items.maxQuestions })}</p>
      {items.questions.length === 0 ? <p className="muted">{t("plainForms.noQuestions")}</p> : null}
      <ol className="plain-list stack">
        {items.questions.map((q, index) => {
          const shown = typed(actionData, ["question-update"], { position: q.position });
          const name = t("plainForms.questionNumber", { number: index + 1 });
          return (
            <li key={`${q.position}:${q.text}`} className="panel">
              {items.canEdit ? (
                <Form method="post" className="stack" aria-label={name}>
                  <input type="hidden" name="position" value={q.position} />
                  <input type="hidden" name="expected" value={q.text} />
                  {fieldsFor(`q-${q.position}`, shown?.fields ?? { text: q.text, translation: q.translation }, shown?.errors ?? {})}
                  <p className="row">
                    <button className="button button--primary" name="intent" value="question-update" aria-label={t("plainForms.named", { action: t("plainForms.save"), name })}>
                      {t("plainForms.save")}
                    </button>
                    <MoveButtons prefix="question" index={index} count={items.questions.length} name={name} />
                    <button className="button button--small" name="intent" value="question-remove" formNoValidate aria-label={t("plainForms.named", { action: t("workplan.remove"), name })}>
                      {t("workplan.remove")}
                    </button>
                  </p>
                </Form>
              ) : (
                <p>
                  {q.text}
                  {q.translation ? <><br />{q.translation}</> : null}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {items.canEdit ? (
        <Form method="post" className="panel stack" aria-labelledby="plain-question-add">
          <h3 id="plain-question-add">{t("plainForms.addQuestion")}</h3>
          {fieldsFor("q-new", added?.fields ?? {}, added?.errors ?? {})}
          <p>
            <button className="button button--primary" name="intent" value="question-add">{t("plainForms.addQuestion")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}

function Textarea({ id, name, label, value, error, required }: { id: string; name: string; label: string; value: string; error?: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={2} maxLength={2000} defaultValue={value} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? <p className="field__error" id={`${id}-error`}>{t(error)}</p> : null}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ data: loaderData, matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  if (!loaderData) return [{ title: "Praxis" }];
  return [{ title: `${localized(loaderData.group, "name", language)} · Praxis` }];
};
