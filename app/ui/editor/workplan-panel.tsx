// The workplan's structured parts, co-edited in the same Yjs document as its text: milestones
// and budget lines (Y.Array of Y.Map), with live totals and the SMART check of the objectives.
import { useEffect, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import {
  BUDGET_CATEGORIES,
  budgetTotals,
  formatCents,
  MILESTONE_STATUSES,
  parseAmountToCents,
  smartCheck,
  type BudgetLineData,
  type MilestoneData,
} from "~/domain/plans";
import { SmartReport } from "~/ui/smart-report";

export interface WorkplanPanelProps {
  doc: Y.Doc;
  canEdit: boolean;
  /** Members of the group who can own a milestone. */
  members: Array<{ id: string; displayName: string }>;
  language: string;
  /** Budget line ids (in the document) with recorded expenses: removing one asks first. */
  expensesByLine?: Record<string, number>;
}

function useYArray(array: Y.Array<Y.Map<unknown>>) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    array.observeDeep(rerender);
    return () => array.unobserveDeep(rerender);
  }, [array]);
  return array.toArray();
}

function newEntryId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 20);
}

export function WorkplanPanel({ doc, canEdit, members, language, expensesByLine = {} }: WorkplanPanelProps) {
  const { t } = useTranslation("documents");
  const [confirming, setConfirming] = useState<string | null>(null);
  const milestones = useYArray(doc.getArray<Y.Map<unknown>>("milestones"));
  const budget = useYArray(doc.getArray<Y.Map<unknown>>("budget"));
  const lines = budget.map((entry) => ({
    category: String(entry.get("category") ?? "other"),
    amountCents: typeof entry.get("amountCents") === "number" ? (entry.get("amountCents") as number) : 0,
  }));
  const totals = budgetTotals(lines);

  return (
    <div className="workplan-panel stack">
      <SmartChecklist doc={doc} undated={milestones.filter((m) => !m.get("due")).length} />
      <section aria-labelledby="milestones-live-heading">
        <h2 id="milestones-live-heading">{t("workplan.milestones.title")}</h2>
        <div className="table-scroll"><table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("workplan.milestones.titleColumn")}</th>
              <th scope="col">{t("workplan.milestones.due")}</th>
              <th scope="col">{t("workplan.milestones.status")}</th>
              <th scope="col">{t("workplan.milestones.owner")}</th>
              {canEdit ? <th scope="col"><span className="visually-hidden">{t("workplan.actions")}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {milestones.map((entry, index) => (
              <tr key={String(entry.get("id"))}>
                <td>
                  <TextCell entry={entry} field="title" label={t("workplan.milestones.titleColumn")} canEdit={canEdit} />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={t("workplan.milestones.due")}
                    value={String(entry.get("due") ?? "")}
                    disabled={!canEdit}
                    onChange={(e) => entry.set("due", e.currentTarget.value)}
                  />
                </td>
                <td>
                  <select aria-label={t("workplan.milestones.status")} value={String(entry.get("status") ?? "planned")} disabled={!canEdit} onChange={(e) => entry.set("status", e.currentTarget.value)}>
                    {MILESTONE_STATUSES.map((status) => (
                      <option key={status} value={status}>{t(`workplan.milestoneStatus.${status}`)}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={t("workplan.milestones.owner")} value={String(entry.get("ownerId") ?? "")} disabled={!canEdit} onChange={(e) => entry.set("ownerId", e.currentTarget.value)}>
                    <option value="">{t("workplan.milestones.noOwner")}</option>
                    {members.map((member) => (
                      <option key={member.id} value={member.id}>{member.displayName}</option>
                    ))}
                  </select>
                </td>
                {canEdit ? (
                  <td>
                    <button type="button" className="button button--small" onClick={() => doc.getArray("milestones").delete(index, 1)}>
                      {t("workplan.remove")}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table></div>
        {canEdit ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              const entry = new Y.Map<unknown>();
              const data: MilestoneData = { id: newEntryId(), title: "", due: "", status: "planned", ownerId: "" };
              for (const [key, value] of Object.entries(data)) entry.set(key, value);
              doc.getArray<Y.Map<unknown>>("milestones").push([entry]);
            }}
          >
            {t("workplan.milestones.add")}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="budget-live-heading">
        <h2 id="budget-live-heading">{t("workplan.budget.title")}</h2>
        <div className="table-scroll"><table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("workplan.budget.item")}</th>
              <th scope="col">{t("workplan.budget.category")}</th>
              <th scope="col">{t("workplan.budget.amount")}</th>
              <th scope="col">{t("workplan.budget.note")}</th>
              {canEdit ? <th scope="col"><span className="visually-hidden">{t("workplan.actions")}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {budget.map((entry, index) => (
              <tr key={String(entry.get("id"))}>
                <td><TextCell entry={entry} field="item" label={t("workplan.budget.item")} canEdit={canEdit} /></td>
                <td>
                  <select aria-label={t("workplan.budget.category")} value={String(entry.get("category") ?? "other")} disabled={!canEdit} onChange={(e) => entry.set("category", e.currentTarget.value)}>
                    {BUDGET_CATEGORIES.map((category) => (
                      <option key={category} value={category}>{t(`workplan.category.${category}`)}</option>
                    ))}
                  </select>
                </td>
                <td><AmountCell entry={entry} canEdit={canEdit} language={language} /></td>
                <td><TextCell entry={entry} field="note" label={t("workplan.budget.note")} canEdit={canEdit} /></td>
                {canEdit ? (
                  <td>
                    {confirming === entry.get("id") ? (
                      // A line with expenses asks first: they stay attached under its name
                      // (moving them to another line is on the plain forms page).
                      <span role="group" aria-label={t("plainForms.confirm.removeTitle", { item: String(entry.get("item") ?? "") })}>
                        <span className="small">{t("plainForms.hasExpenses")} {t("plainForms.confirm.keep")}</span>{" "}
                        <button type="button" className="button button--small" onClick={() => { setConfirming(null); const at = indexOfId(doc, String(entry.get("id"))); if (at >= 0) doc.getArray("budget").delete(at, 1); }}>
                          {t("plainForms.confirm.removeButton")}
                        </button>{" "}
                        <button type="button" className="button button--small" onClick={() => setConfirming(null)}>{t("plainForms.confirm.cancel")}</button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => ((expensesByLine[String(entry.get("id"))] ?? 0) > 0 ? setConfirming(String(entry.get("id"))) : doc.getArray("budget").delete(index, 1))}
                      >
                        {t("workplan.remove")}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t("workplan.budget.total")}</th>
              <td data-testid="budget-total">{formatCents(totals.total, language)}</td>
              <td colSpan={canEdit ? 2 : 1}>
                {Object.entries(totals.byCategory)
                  .map(([category, cents]) => `${t(`workplan.category.${category}`)}: ${formatCents(cents, language)}`)
                  .join(" · ")}
              </td>
            </tr>
          </tfoot>
        </table></div>
        {canEdit ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              const entry = new Y.Map<unknown>();
              const data: BudgetLineData = { id: newEntryId(), item: "", category: "activities", amountCents: 0, note: "" };
              for (const [key, value] of Object.entries(data)) entry.set(key, value);
              doc.getArray<Y.Map<unknown>>("budget").push([entry]);
            }}
          >
            {t("workplan.budget.add")}
          </button>
        ) : null}
      </section>
    </div>
  );
}

function indexOfId(doc: Y.Doc, id: string): number {
  return doc.getArray<Y.Map<unknown>>("budget").toArray().findIndex((entry) => entry.get("id") === id);
}

/** A text field bound to one key of a Y.Map: written on every keystroke, others' edits shown. */
function TextCell({ entry, field, label, canEdit }: { entry: Y.Map<unknown>; field: string; label: string; canEdit: boolean }) {
  return (
    <input
      type="text"
      aria-label={label}
      value={String(entry.get(field) ?? "")}
      readOnly={!canEdit}
      maxLength={500}
      onChange={(e) => entry.set(field, e.currentTarget.value)}
    />
  );
}

/** Amounts are typed as text ("1 200,50") and stored as integer cents once they parse. */
function AmountCell({ entry, canEdit, language }: { entry: Y.Map<unknown>; canEdit: boolean; language: string }) {
  const { t } = useTranslation("documents");
  const stored = typeof entry.get("amountCents") === "number" ? (entry.get("amountCents") as number) : 0;
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = draft !== null && parseAmountToCents(draft) === null;
  return (
    <>
      <input
        type="text"
        inputMode="decimal"
        aria-label={t("workplan.budget.amount")}
        aria-invalid={invalid || undefined}
        value={draft ?? (stored / 100).toFixed(2)}
        readOnly={!canEdit}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setDraft(value);
          const cents = parseAmountToCents(value);
          if (cents !== null) entry.set("amountCents", cents);
        }}
        onBlur={() => setDraft(null)}
      />
      {invalid ? <span className="field__error small">{t("workplan.budget.invalidAmount")}</span> : null}
      <span className="visually-hidden">{formatCents(stored, language)}</span>
    </>
  );
}

/** Objectives without a measurable result or a date, from the live text. */
function SmartChecklist({ doc, undated }: { doc: Y.Doc; undated: number }) {
  const { t } = useTranslation("documents");
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const fragment = doc.getXmlFragment("default");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(rerender, 500);
    };
    fragment.observeDeep(later);
    return () => {
      clearTimeout(timer);
      fragment.unobserveDeep(later);
    };
  }, [doc]);
  const check = smartCheck(sectionsFromFragment(doc.getXmlFragment("default")));
  return <SmartReport objectives={check.objectives} flags={check.flags} undatedMilestones={undated} t={t} />;
}

function textOfNode(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toDelta().map((op: { insert: unknown }) => (typeof op.insert === "string" ? op.insert : "")).join("");
  const parts = node.toArray().map((child) => textOfNode(child as Y.XmlElement));
  return parts.join(["bulletList", "orderedList", "listItem"].includes(node.nodeName) ? "\n" : "");
}

function sectionsFromFragment(fragment: Y.XmlFragment) {
  const sections: Array<{ heading: string; text: string }> = [];
  let current = { heading: "", text: "" };
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const text = textOfNode(node).trim();
    if (node.nodeName === "heading") {
      sections.push(current);
      current = { heading: text, text: "" };
    } else if (text) current.text = current.text ? `${current.text}\n${text}` : text;
  }
  sections.push(current);
  return sections;
}
