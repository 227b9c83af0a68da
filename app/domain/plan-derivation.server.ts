// Structured data other pages need, derived from the co-edited documents and stored in tables:
// milestones and budget lines (workplan), the outcome form (learning outcome), the current
// learning questions. Called by the Yjs server after changes (debounced) and by server writes.
import type * as Y from "yjs";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { numberedItemsOf } from "./document-content.server";
import { BUDGET_CATEGORIES, MILESTONE_STATUSES, OUTCOME_FORMS, type BudgetLineData, type MilestoneData } from "./plans";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(value: unknown, max = 500): string {
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** The workplan's milestones as the editor holds them (Y.Array of Y.Map), cleaned. */
export function milestonesOf(doc: Y.Doc): MilestoneData[] {
  const seen = new Set<string>();
  const out: MilestoneData[] = [];
  for (const entry of doc.getArray<Y.Map<unknown>>("milestones").toArray()) {
    if (typeof entry?.get !== "function") continue;
    const id = str(entry.get("id"), 64);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const status = str(entry.get("status"));
    const due = str(entry.get("due"), 10);
    out.push({
      id,
      title: str(entry.get("title")),
      due: DATE.test(due) ? due : "",
      status: (MILESTONE_STATUSES as readonly string[]).includes(status) ? status : "planned",
      ownerId: str(entry.get("ownerId"), 64),
    });
  }
  return out;
}

export function budgetLinesOf(doc: Y.Doc): BudgetLineData[] {
  const seen = new Set<string>();
  const out: BudgetLineData[] = [];
  for (const entry of doc.getArray<Y.Map<unknown>>("budget").toArray()) {
    if (typeof entry?.get !== "function") continue;
    const id = str(entry.get("id"), 64);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const amount = entry.get("amountCents");
    const category = str(entry.get("category"));
    out.push({
      id,
      item: str(entry.get("item")),
      category: (BUDGET_CATEGORIES as readonly string[]).includes(category) ? category : "other",
      amountCents: typeof amount === "number" && Number.isSafeInteger(amount) && amount >= 0 && amount < 1e11 ? amount : 0,
      note: str(entry.get("note"), 1000),
    });
  }
  return out;
}

export function outcomeFormOf(doc: Y.Doc): string | null {
  const form = doc.getMap("meta").get("outcomeForm");
  return typeof form === "string" && (OUTCOME_FORMS as readonly string[]).includes(form) ? form : null;
}

/**
 * Two derivations of one workplan can overlap (the Yjs server's, and a server change's own):
 * on PostgreSQL the later one's inserts then collide with the earlier one's rows. It is tried
 * again, and then sees the earlier one's result; both write the same kind of state.
 */
async function retryingConflicts(run: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 4 || (code !== "P2002" && code !== "P2034")) throw error;
    }
  }
}

export async function deriveWorkplan(groupId: string, doc: Y.Doc): Promise<void> {
  const milestones = milestonesOf(doc);
  const lines = budgetLinesOf(doc);
  await retryingConflicts(() => db().$transaction(async (tx) => {
    await tx.workplanMilestone.deleteMany({ where: { groupId } });
    await tx.budgetLine.deleteMany({ where: { groupId } });
    if (milestones.length) {
      await tx.workplanMilestone.createMany({
        data: milestones.map((m, position) => ({
          // Ids come from the document; scope them to the group so no two groups can collide.
          id: `${groupId}:${m.id}`,
          groupId,
          title: m.title,
          dueDate: m.due ? new Date(`${m.due}T00:00:00Z`) : null,
          status: m.status,
          ownerId: m.ownerId || null,
          position,
        })),
      });
    }
    if (lines.length) {
      await tx.budgetLine.createMany({
        data: lines.map((line, position) => ({
          id: `${groupId}:${line.id}`,
          groupId,
          item: line.item,
          category: line.category,
          amountCents: line.amountCents,
          note: line.note,
          position,
        })),
      });
    }
    await tx.groupPlan.upsert({ where: { groupId }, create: { groupId }, update: {} });
    // Expenses follow their line's renames; a line that left keeps its expenses under its last name.
    const labelled = await tx.expense.groupBy({ by: ["budgetLineId", "budgetLineItem", "budgetLineCategory"], where: { groupId } });
    for (const row of labelled) {
      const line = lines.find((l) => `${groupId}:${l.id}` === row.budgetLineId);
      if (!line || (line.item === row.budgetLineItem && line.category === row.budgetLineCategory)) continue;
      await tx.expense.updateMany({ where: { groupId, budgetLineId: row.budgetLineId }, data: { budgetLineItem: line.item, budgetLineCategory: line.category } });
    }
  }));
}

export async function deriveLearningOutcome(groupId: string, doc: Y.Doc): Promise<void> {
  const form = outcomeFormOf(doc);
  const plan = await db().groupPlan.findUnique({ where: { groupId }, select: { outcomeForm: true } });
  if (plan && plan.outcomeForm === form) return;
  await db().groupPlan.upsert({
    where: { groupId },
    create: { groupId, outcomeForm: form, outcomeDecidedAt: form ? new Date() : null },
    update: { outcomeForm: form, outcomeDecidedAt: form ? new Date() : null },
  });
}

export async function deriveLearningQuestions(groupId: string, doc: Y.Doc): Promise<void> {
  const questions = numberedItemsOf(doc);
  await db().$transaction(async (tx) => {
    await tx.learningQuestion.deleteMany({ where: { groupId } });
    if (questions.length) {
      await tx.learningQuestion.createMany({
        data: questions.map((q, position) => ({ id: newId(), groupId, position, text: q.text.slice(0, 2000), translation: q.translation.slice(0, 2000) })),
      });
    }
  });
}
