// The structured parts of a group's plan documents edited through plain forms, without the
// rich editor: the workplan's milestones and budget lines, and the learning questions. Every
// change is a server change to the same Yjs document (changeDocument): stored like any edit,
// relayed to open editors at once, derived into the tables, and counted by "changed since
// approval" like an edit in the editor.
// Removing or renaming a budget line that has expenses asks first (a 409 carrying what to
// confirm); the expenses stay attached under the line's last name, or move to a line the person
// picks when they may record spending.
import * as Y from "yjs";
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { numberedItemNodesOf, numberedItemsOf, paragraph, textOf } from "./document-content.server";
import { authoriseDocument, changeDocument, readDocument } from "./documents.server";
import { learningQuestionsDocumentId } from "./learning-questions.server";
import type { Actor } from "./permissions";
import { budgetLinesOf, milestonesOf } from "./plan-derivation.server";
import { BUDGET_CATEGORIES, MAX_QUESTIONS, MILESTONE_STATUSES, parseAmountToCents, type BudgetLineData, type MilestoneData } from "./plans";
import * as budgetPolicy from "./policies/budget";
import * as documentPolicy from "./policies/documents";
import { ok, refuse, type Result } from "./result";
import { budgetEntry, milestoneEntry, workplanDocumentId } from "./workplans.server";

type Group = { id: string; slug: string };
export type PlanItemsKind = "workplan" | "learning-questions";

export interface QuestionData {
  /** Position among the questions (0-based), with the text it had: a stale form is refused. */
  position: number;
  text: string;
  translation: string;
}

export interface PlanItems {
  canEdit: boolean;
  milestones: MilestoneData[];
  lines: Array<BudgetLineData & { expenseCount: number }>;
  /** Whether this reader may see how many expenses a line has and move them. */
  canSeeExpenses: boolean;
  canMoveExpenses: boolean;
  questions: QuestionData[];
  maxQuestions: number;
}

function documentIdFor(kind: PlanItemsKind, slug: string) {
  return kind === "workplan" ? workplanDocumentId(slug) : learningQuestionsDocumentId(slug);
}

/** The items as stored now (the stored document is never behind the live one). */
export async function readPlanItems(actor: Actor, group: Group, kind: PlanItemsKind): Promise<Result<PlanItems>> {
  const documentId = documentIdFor(kind, group.slug);
  const allowed = await authoriseDocument(actor, documentId, "read");
  if (!allowed.ok) return allowed;
  const doc = await readDocument(documentId);
  try {
    const canSeeExpenses = budgetPolicy.allow(actor, "read", { groupId: group.id });
    const counts = kind === "workplan" ? await expenseCounts(group.id) : new Map<string, number>();
    return ok({
      canEdit: documentPolicy.allow(actor, "edit", allowed.value),
      milestones: kind === "workplan" ? milestonesOf(doc) : [],
      lines: kind === "workplan" ? budgetLinesOf(doc).map((line) => ({ ...line, expenseCount: counts.get(line.id) ?? 0 })) : [],
      canSeeExpenses,
      canMoveExpenses: budgetPolicy.allow(actor, "spend", { groupId: group.id }),
      questions: kind === "learning-questions" ? numberedItemsOf(doc).map(({ text, translation }, position) => ({ position, text, translation })) : [],
      maxQuestions: MAX_QUESTIONS,
    });
  } finally {
    doc.destroy();
  }
}

/** Expenses per budget line, keyed by the line's id in the document. */
async function expenseCounts(groupId: string): Promise<Map<string, number>> {
  const rows = await db().expense.groupBy({ by: ["budgetLineId"], where: { groupId }, _count: { _all: true } });
  const prefix = `${groupId}:`;
  return new Map(rows.filter((r) => r.budgetLineId.startsWith(prefix)).map((r) => [r.budgetLineId.slice(prefix.length), r._count._all]));
}

/** A group's budget line ids (in the document) that have expenses: the editor asks before removing them. */
export async function linesWithExpenses(actor: Actor, group: Group): Promise<Record<string, number>> {
  const allowed = await authoriseDocument(actor, workplanDocumentId(group.slug), "edit");
  if (!allowed.ok) return {};
  return Object.fromEntries(await expenseCounts(group.id));
}

// --- Input -------------------------------------------------------------------------------------

const idSchema = z.string().trim().min(1).max(64);
const direction = z.enum(["up", "down"]);

const milestoneFields = z.object({
  title: z.string().trim().min(1, "documents:plainForms.errors.titleRequired").max(500, "documents:plainForms.errors.tooLong"),
  due: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "documents:plainForms.errors.dateInvalid").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "documents:plainForms.errors.dateInvalid")]),
  status: z.enum(MILESTONE_STATUSES, { message: "common:errors.invalidValue" }),
  ownerId: z.string().max(64),
});

const budgetFields = z.object({
  item: z.string().trim().min(1, "documents:plainForms.errors.itemRequired").max(500, "documents:plainForms.errors.tooLong"),
  category: z.enum(BUDGET_CATEGORIES, { message: "common:errors.invalidValue" }),
  amount: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const cents = parseAmountToCents(value);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "documents:workplan.budget.invalidAmount" });
        return z.NEVER;
      }
      return cents;
    }),
  note: z.string().trim().max(1000, "documents:plainForms.errors.tooLong"),
});

const questionFields = z.object({
  text: z.string().trim().min(1, "documents:plainForms.errors.questionRequired").max(2000, "documents:plainForms.errors.tooLong"),
  translation: z.string().trim().max(2000, "documents:plainForms.errors.tooLong"),
});
const questionRef = z.object({ position: z.coerce.number().int().min(0).max(1000), expected: z.string().max(2000) });

export const planCommandSchema = z.discriminatedUnion("intent", [
  milestoneFields.extend({ intent: z.literal("milestone-add") }),
  milestoneFields.extend({ intent: z.literal("milestone-update"), id: idSchema }),
  z.object({ intent: z.literal("milestone-move"), id: idSchema, direction }),
  z.object({ intent: z.literal("milestone-remove"), id: idSchema }),
  budgetFields.extend({ intent: z.literal("budget-add") }),
  budgetFields.extend({ intent: z.literal("budget-update"), id: idSchema, confirmed: z.literal("yes").optional() }),
  z.object({ intent: z.literal("budget-move"), id: idSchema, direction }),
  z.object({
    intent: z.literal("budget-remove"),
    id: idSchema,
    confirmed: z.literal("yes").optional(),
    expenses: z.enum(["keep", "move"]).optional(),
    moveTo: z.string().max(64).optional(),
  }),
  questionFields.extend({ intent: z.literal("question-add") }),
  questionFields.merge(questionRef).extend({ intent: z.literal("question-update") }),
  questionRef.extend({ intent: z.literal("question-move"), direction }),
  questionRef.extend({ intent: z.literal("question-remove") }),
]);
export type PlanCommand = z.infer<typeof planCommandSchema>;
export const PLAN_INTENTS = planCommandSchema.options.map((option) => option.shape.intent.value);

// --- Changing ----------------------------------------------------------------------------------

/**
 * One change from a plain form. Refusals: 400 (bad input, marked field), 403/404 (policy: a
 * read-only member, a submitted workplan, finalised questions), 409 (the item changed or left
 * meanwhile, or a line with expenses needs confirming: details.confirm says what).
 */
export async function changePlanItem(actor: Actor, group: Group, input: Record<string, unknown>): Promise<Result<{ message: string }>> {
  const parsed = planCommandSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.message.includes(":") ? issue.message : "common:errors.invalidValue";
    return refuse.invalid(message, String(issue.path[0] ?? "form"));
  }
  const command = parsed.data;
  const kind: PlanItemsKind = command.intent.startsWith("question-") ? "learning-questions" : "workplan";
  const documentId = documentIdFor(kind, group.slug);
  const allowed = await authoriseDocument(actor, documentId, "edit");
  if (!allowed.ok) return allowed;
  if (command.intent.startsWith("milestone-")) return changeMilestones(group, documentId, command);
  if (command.intent.startsWith("budget-")) return changeBudget(actor, group, documentId, command);
  return changeQuestions(documentId, command);
}

const gone = () => refuse.conflict("documents:plainForms.errors.changedMeanwhile");

function indexById(array: Y.Array<Y.Map<unknown>>, id: string): number {
  return array.toArray().findIndex((entry) => typeof entry?.get === "function" && entry.get("id") === id);
}

/** Moves an entry one place (Y.Array has no move: a copy goes in, the original out). */
function moveEntry(array: Y.Array<Y.Map<unknown>>, index: number, to: "up" | "down"): boolean {
  const target = to === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= array.length) return false;
  const copy = array.get(index).clone();
  array.delete(index, 1);
  array.insert(target, [copy]);
  return true;
}

async function memberIds(groupId: string): Promise<Set<string>> {
  const rows = await db().membership.findMany({ where: { groupId, user: { deactivatedAt: null } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

async function changeMilestones(group: Group, documentId: string, command: PlanCommand): Promise<Result<{ message: string }>> {
  if ((command.intent === "milestone-add" || command.intent === "milestone-update") && command.ownerId && !(await memberIds(group.id)).has(command.ownerId)) {
    return refuse.invalid("common:errors.invalidValue", "ownerId");
  }
  let found = true;
  await changeDocument(documentId, (doc) => {
    const array = doc.getArray<Y.Map<unknown>>("milestones");
    switch (command.intent) {
      case "milestone-add":
        array.push([milestoneEntry({ title: command.title, due: command.due, status: command.status, ownerId: command.ownerId })]);
        return;
      case "milestone-update": {
        const index = indexById(array, command.id);
        if (index < 0) return void (found = false);
        const entry = array.get(index);
        for (const [key, value] of Object.entries({ title: command.title, due: command.due, status: command.status, ownerId: command.ownerId })) {
          if (entry.get(key) !== value) entry.set(key, value);
        }
        return;
      }
      case "milestone-move":
        if (!moveEntry(array, indexById(array, command.id), command.direction)) found = indexById(array, command.id) >= 0;
        return;
      case "milestone-remove": {
        const index = indexById(array, command.id);
        if (index < 0) return void (found = false);
        array.delete(index, 1);
      }
    }
  });
  if (!found) return gone();
  return ok({ message: `documents:plainForms.done.${command.intent}` });
}

async function changeBudget(actor: Actor, group: Group, documentId: string, command: PlanCommand): Promise<Result<{ message: string }>> {
  if (command.intent === "budget-update" || command.intent === "budget-remove") {
    const current = await readDocument(documentId);
    const line = budgetLinesOf(current).find((l) => l.id === command.id);
    const others = budgetLinesOf(current).filter((l) => l.id !== command.id);
    current.destroy();
    if (!line) return gone();
    const lineRowId = `${group.id}:${line.id}`;
    const expenses = await db().expense.count({ where: { groupId: group.id, budgetLineId: lineRowId } });
    const renamed = command.intent === "budget-update" && (command.item !== line.item || command.category !== line.category);
    const canSee = budgetPolicy.allow(actor, "read", { groupId: group.id });
    if (expenses > 0 && (renamed || command.intent === "budget-remove") && command.confirmed !== "yes") {
      return refuse.conflict(command.intent === "budget-remove" ? "documents:plainForms.confirm.remove" : "documents:plainForms.confirm.rename", {
        details: { confirm: command.intent, lineId: line.id, item: line.item, count: canSee ? expenses : null },
      });
    }
    if (command.intent === "budget-remove" && expenses > 0 && command.expenses === "move") {
      if (!budgetPolicy.allow(actor, "spend", { groupId: group.id })) return refuse.forbidden();
      const target = others.find((l) => l.id === command.moveTo);
      if (!target) return refuse.invalid("documents:plainForms.errors.moveToRequired", "moveTo");
      await db().$transaction(async (tx) => {
        const result = await tx.expense.updateMany({
          where: { groupId: group.id, budgetLineId: lineRowId },
          data: { budgetLineId: `${group.id}:${target.id}`, budgetLineItem: target.item, budgetLineCategory: target.category },
        });
        await recordAudit({ actorId: actor.id, action: "budget.expensesMoved", objectType: "budget", objectId: group.id, data: { from: line.item, to: target.item, count: result.count } }, tx);
      });
    }
    if (expenses > 0) {
      await recordAudit({
        actorId: actor.id,
        action: command.intent === "budget-remove" ? "budget.lineWithExpensesRemoved" : "budget.lineWithExpensesRenamed",
        objectType: "budget",
        objectId: group.id,
        data: { item: line.item, ...(command.intent === "budget-update" ? { newItem: command.item } : { expenses: command.expenses === "move" ? "moved" : "kept" }) },
      });
    }
  }
  let found = true;
  await changeDocument(documentId, (doc) => {
    const array = doc.getArray<Y.Map<unknown>>("budget");
    switch (command.intent) {
      case "budget-add":
        array.push([budgetEntry({ id: newId(), item: command.item, category: command.category, amountCents: command.amount, note: command.note })]);
        return;
      case "budget-update": {
        const index = indexById(array, command.id);
        if (index < 0) return void (found = false);
        const entry = array.get(index);
        for (const [key, value] of Object.entries({ item: command.item, category: command.category, amountCents: command.amount, note: command.note })) {
          if (entry.get(key) !== value) entry.set(key, value);
        }
        return;
      }
      case "budget-move":
        if (!moveEntry(array, indexById(array, command.id), command.direction)) found = indexById(array, command.id) >= 0;
        return;
      case "budget-remove": {
        const index = indexById(array, command.id);
        if (index < 0) return void (found = false);
        array.delete(index, 1);
      }
    }
  });
  if (!found) return gone();
  return ok({ message: `documents:plainForms.done.${command.intent}` });
}

// --- Learning questions: the items of the document's numbered lists -----------------------------

function listItem(text: string, translation: string): Y.XmlElement {
  const item = new Y.XmlElement("listItem");
  item.insert(0, translation ? [paragraph(text), paragraph(translation)] : [paragraph(text)]);
  return item;
}

function indexIn(list: Y.XmlElement, item: Y.XmlElement): number {
  return list.toArray().indexOf(item);
}

async function changeQuestions(documentId: string, command: PlanCommand): Promise<Result<{ message: string }>> {
  let found = true;
  await changeDocument(documentId, (doc) => {
    const slots = numberedItemNodesOf(doc);
    const fragment = doc.getXmlFragment("default");
    if (command.intent === "question-add") {
      const last = slots.at(-1)?.list ?? fragment.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "orderedList");
      if (!last) {
        const list = new Y.XmlElement("orderedList");
        list.insert(0, [listItem(command.text, command.translation)]);
        fragment.push([list]);
        return;
      }
      // The template's empty item is filled rather than left above the new question.
      const items = last.toArray();
      const empty = items.findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "listItem" && n.toArray().every((c) => textOf(c).trim() === ""));
      if (empty >= 0) last.delete(empty, 1);
      last.insert(empty >= 0 ? empty : last.length, [listItem(command.text, command.translation)]);
      return;
    }
    if (command.intent !== "question-update" && command.intent !== "question-move" && command.intent !== "question-remove") return;
    const slot = slots[command.position];
    if (!slot || slot.text !== command.expected.trim()) return void (found = false);
    const at = indexIn(slot.list, slot.item);
    switch (command.intent) {
      case "question-update":
        slot.list.delete(at, 1);
        slot.list.insert(at, [listItem(command.text, command.translation)]);
        return;
      case "question-remove":
        slot.list.delete(at, 1);
        // A numbered list keeps at least one item (the editor's schema wants one).
        if (slot.list.length === 0) slot.list.insert(0, [listItem("", "")]);
        return;
      case "question-move": {
        const neighbour = slots[command.direction === "up" ? command.position - 1 : command.position + 1];
        if (!neighbour) return;
        const copy = slot.item.clone();
        slot.list.delete(at, 1);
        const there = indexIn(neighbour.list, neighbour.item);
        neighbour.list.insert(command.direction === "up" ? there : there + 1, [copy]);
        if (slot.list.length === 0) slot.list.insert(0, [listItem("", "")]);
      }
    }
  });
  if (!found) return gone();
  return ok({ message: `documents:plainForms.done.${command.intent}` });
}
