// Spending: expenses against a group's budget lines, spent vs. planned and allocated per group
// and for the whole CoP budget (set by the coordinator), and the CSV export for finance.
// Expenses are never edited or deleted: a correction is a new, negative expense.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { storeFile } from "~/infra/file-store.server";
import { prepareUpload } from "./file-worker.server";
import { newId } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { centsToDecimal, DEFAULT_CURRENCY, MAX_AMOUNT_CENTS, parseAmountToCents } from "./money";
import type { Actor } from "./permissions";
import * as budget from "./policies/budget";
import { ok, refuse, type Result } from "./result";
import { displayNames } from "./workplans.server";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const expenseSchema = z.object({
  budgetLineId: z.string().min(1, "mel:expense.lineRequired"),
  amount: z
    .string()
    .trim()
    .min(1, "mel:expense.amountRequired")
    .transform((value, ctx) => {
      const cents = parseAmountToCents(value);
      if (cents === null || cents === 0 || Math.abs(cents) > MAX_AMOUNT_CENTS) {
        ctx.addIssue({ code: "custom", message: "mel:expense.amountInvalid" });
        return z.NEVER;
      }
      return cents;
    }),
  spentOn: z
    .string()
    .trim()
    .regex(isoDate, "mel:expense.dateInvalid")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "mel:expense.dateInvalid")
    .refine((value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 24 * 3600 * 1000, "mel:expense.dateInFuture"),
  description: z.string().trim().min(1, "mel:expense.descriptionRequired").max(500, "mel:expense.descriptionTooLong"),
  /** The entry this one corrects (its line is then the corrected entry's line). */
  correctsId: z.string().trim().optional().default(""),
  /** "yes" once the person has confirmed an amount far above what the line has left. */
  confirmLarge: z.string().optional().default(""),
});

export type ExpenseInput = z.input<typeof expenseSchema>;

/** An expense above this share of its line's remaining amount asks to confirm (150 %). */
export const LARGE_EXPENSE_PERCENT = 150;

/** Whether an amount is far above what a line has left: more than 150 % of it (or anything when nothing is left). */
export function isFarAboveRemaining(amountCents: number, remainingCents: number): boolean {
  if (amountCents <= 0) return false;
  return amountCents * 100 > LARGE_EXPENSE_PERCENT * Math.max(remainingCents, 0);
}

/** Receipts: a PDF or a photo, at most this size. */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const RECEIPT_TYPES = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp"]);

export async function recordExpense(
  actor: Actor,
  groupId: string,
  input: ExpenseInput,
  receipt?: { bytes: Uint8Array; fileName: string; isTooLarge?: boolean } | null,
): Promise<Result<{ id: string }>> {
  if (!budget.allow(actor, "spend", { groupId })) return refuse.forbidden();
  const parsed = expenseSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse.invalid(issue.message.includes(":") ? issue.message : "common:errors.invalidValue", String(issue.path[0] ?? "form"));
  }
  let corrects: { id: string; budgetLineId: string } | null = null;
  if (parsed.data.correctsId) {
    // A correction of another group's entry, or of a correction, is as good as unknown.
    const target = await db().expense.findUnique({ where: { id: parsed.data.correctsId }, select: { id: true, groupId: true, budgetLineId: true, correctsId: true } });
    if (!target || target.groupId !== groupId || target.correctsId) return refuse.invalid("mel:expense.correctsInvalid", "correctsId");
    corrects = { id: target.id, budgetLineId: target.budgetLineId };
  }
  const budgetLineId = corrects?.budgetLineId ?? parsed.data.budgetLineId;
  const line = await db().budgetLine.findUnique({ where: { id: budgetLineId }, select: { groupId: true, currency: true, item: true, category: true, amountCents: true } });
  // A line of another group is as good as unknown: no hint that it exists.
  if (!line || line.groupId !== groupId) return refuse.invalid(corrects ? "mel:expense.correctsInvalid" : "mel:expense.lineRequired", corrects ? "correctsId" : "budgetLineId");
  if (!corrects && parsed.data.confirmLarge !== "yes") {
    const spent = await db().expense.aggregate({ where: { budgetLineId }, _sum: { amountCents: true } });
    const remainingCents = line.amountCents - (spent._sum.amountCents ?? 0);
    if (isFarAboveRemaining(parsed.data.amount, remainingCents)) {
      return refuse.conflict("mel:expense.confirmLarge", { details: { needsConfirmation: true, amountCents: parsed.data.amount, remainingCents, currency: line.currency, budgetLine: line.item } });
    }
  }
  let stored: { receiptHash: string; receiptMime: string; receiptName: string } | null = null;
  if (receipt?.isTooLarge) return refuse.tooLarge("mel:expense.receiptTooLarge", "receipt");
  if (receipt && receipt.bytes.length > 0) {
    // Cleaned like a library file (photo location and camera, PDF authors) before it is kept,
    // under a neutral name: the phone's file name can say who or where (the type adds the extension).
    const prepared = await prepareUpload(receipt.bytes);
    if (!prepared.ok || !RECEIPT_TYPES.has(prepared.mime)) return refuse.invalid("mel:expense.receiptType", "receipt");
    const saved = await storeFile(prepared.bytes, { maxBytes: MAX_RECEIPT_BYTES });
    if (!saved.ok) return refuse.tooLarge("mel:expense.receiptTooLarge", "receipt");
    stored = { receiptHash: saved.file.hash, receiptMime: prepared.mime, receiptName: `receipt-${parsed.data.spentOn}` };
  }
  const id = newId();
  const spentOn = new Date(`${parsed.data.spentOn}T00:00:00Z`);
  await db().$transaction(async (tx) => {
    await tx.expense.create({
      data: { id, groupId, budgetLineId, budgetLineItem: line.item, budgetLineCategory: line.category, correctsId: corrects?.id ?? null, amountCents: parsed.data.amount, currency: line.currency, spentOn, description: parsed.data.description, recordedById: actor.id, ...stored },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "expense.recorded",
        objectType: "budget",
        objectId: groupId,
        data: { expenseId: id, correctsId: corrects?.id ?? null, confirmedLarge: parsed.data.confirmLarge === "yes", amountCents: parsed.data.amount, currency: line.currency, budgetLine: line.item, category: line.category, spentOn: parsed.data.spentOn, description: parsed.data.description, receipt: stored?.receiptHash ?? null },
      },
      tx,
    );
  });
  return ok({ id });
}

async function listBudgetLines(groupId: string) {
  return db().budgetLine.findMany({
    where: { groupId },
    select: { id: true, item: true, category: true, amountCents: true, currency: true },
    orderBy: { position: "asc" },
  });
}

async function listExpenses(groupIds: string[], options: { since?: Date | null; limit?: number } = {}) {
  const expenses = await db().expense.findMany({
    where: { groupId: { in: groupIds }, ...(options.since ? { createdAt: { gte: options.since } } : {}) },
    orderBy: [{ spentOn: "desc" }, { createdAt: "desc" }],
    take: options.limit,
  });
  const lineIds = [...new Set(expenses.map((e) => e.budgetLineId))];
  const lines = await db().budgetLine.findMany({ where: { id: { in: lineIds } }, select: { id: true, item: true, category: true } });
  const byId = new Map(lines.map((l) => [l.id, l]));
  const names = await displayNames(expenses.map((e) => e.recordedById));
  // A correction sits right under the entry it corrects (when both are in the list).
  const shownIds = new Set(expenses.map((e) => e.id));
  const corrections = new Map<string, typeof expenses>();
  for (const e of expenses) if (e.correctsId && shownIds.has(e.correctsId)) corrections.set(e.correctsId, [...(corrections.get(e.correctsId) ?? []), e]);
  const ordered = expenses.filter((e) => !(e.correctsId && shownIds.has(e.correctsId))).flatMap((e) => [e, ...(corrections.get(e.id) ?? []).reverse()]);
  return ordered.map(({ receiptHash, receiptMime: _mime, ...e }) => ({
    ...e,
    hasReceipt: receiptHash !== null,
    // A line removed from the workplan since keeps its expenses, under the name it last had.
    budgetLine: byId.get(e.budgetLineId)?.item ?? e.budgetLineItem,
    category: byId.get(e.budgetLineId)?.category ?? e.budgetLineCategory,
    lineRemoved: !byId.has(e.budgetLineId),
    recordedBy: names.get(e.recordedById) ?? "",
  }));
}

export interface CategorySummary {
  category: string;
  plannedCents: number;
  spentCents: number;
  spentSinceCents: number;
}

export interface GroupBudgetSummary {
  currency: string;
  plannedCents: number;
  allocationCents: number | null;
  spentCents: number;
  remainingCents: number | null;
  categories: CategorySummary[];
  lines: Array<{ id: string; item: string; category: string; amountCents: number; spentCents: number }>;
}

/**
 * A group's budget as its page shows it: the summary, the latest expenses (the CSV export has
 * them all) and how many there are. For the group's leads, MEL and coordinators.
 */
export async function readGroupBudget(actor: Actor, groupId: string, options: { expenseLimit?: number } = {}) {
  if (!budget.allow(actor, "read", { groupId })) return refuse.forbidden();
  const [summary, expenses, expenseCount] = await Promise.all([
    groupBudgetSummary(groupId),
    listExpenses([groupId], { limit: options.expenseLimit }),
    db().expense.count({ where: { groupId } }),
  ]);
  return ok({ summary, expenses, expenseCount });
}

/**
 * Planned (budget lines), allocated (at approval) and spent (expenses), per category and line.
 * A building block for check-in facts and overviews, whose own readers are checked there.
 */
export async function groupBudgetSummary(groupId: string, options: { since?: Date | null } = {}): Promise<GroupBudgetSummary> {
  // Sums per budget line in the database: a year of receipts never travels to the app.
  const [plan, lines, spentRows, spentSinceRows] = await Promise.all([
    db().groupPlan.findUnique({ where: { groupId }, select: { allocationCents: true, currency: true } }),
    listBudgetLines(groupId),
    db().expense.groupBy({ by: ["budgetLineId", "budgetLineCategory"], where: { groupId }, _sum: { amountCents: true } }),
    options.since ? db().expense.groupBy({ by: ["budgetLineId"], where: { groupId, createdAt: { gte: options.since } }, _sum: { amountCents: true } }) : null,
  ]);
  const lastCategory = new Map(spentRows.map((r) => [r.budgetLineId, r.budgetLineCategory]));
  const spentByLine = new Map<string, number>();
  for (const r of spentRows) spentByLine.set(r.budgetLineId, (spentByLine.get(r.budgetLineId) ?? 0) + (r._sum.amountCents ?? 0));
  const spentSinceByLine = spentSinceRows ? new Map(spentSinceRows.map((r) => [r.budgetLineId, r._sum.amountCents ?? 0])) : spentByLine;
  const categories = new Map<string, CategorySummary>();
  const knownLines = new Set(lines.map((l) => l.id));
  for (const line of lines) {
    const entry = categories.get(line.category) ?? { category: line.category, plannedCents: 0, spentCents: 0, spentSinceCents: 0 };
    entry.plannedCents += line.amountCents;
    entry.spentCents += spentByLine.get(line.id) ?? 0;
    entry.spentSinceCents += spentSinceByLine.get(line.id) ?? 0;
    categories.set(line.category, entry);
  }
  // Spending on a line that left the workplan still counts, under the category it last had.
  for (const [lineId, cents] of spentByLine) {
    if (knownLines.has(lineId)) continue;
    const category = lastCategory.get(lineId) ?? "";
    const entry = categories.get(category) ?? { category, plannedCents: 0, spentCents: 0, spentSinceCents: 0 };
    entry.spentCents += cents;
    entry.spentSinceCents += spentSinceByLine.get(lineId) ?? 0;
    categories.set(category, entry);
  }
  const plannedCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const spentCents = [...spentByLine.values()].reduce((sum, cents) => sum + cents, 0);
  const allocationCents = plan?.allocationCents ?? null;
  return {
    currency: plan?.currency ?? lines[0]?.currency ?? DEFAULT_CURRENCY,
    plannedCents,
    allocationCents,
    spentCents,
    remainingCents: allocationCents === null ? null : allocationCents - spentCents,
    categories: [...categories.values()],
    lines: lines.map((l) => ({ id: l.id, item: l.item, category: l.category, amountCents: l.amountCents, spentCents: spentByLine.get(l.id) ?? 0 })),
  };
}

// --- The CoP budget ----------------------------------------------------------------------------

export const copBudgetSchema = z.object({
  total: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const cents = parseAmountToCents(value);
      if (cents === null || cents < 0 || cents > MAX_AMOUNT_CENTS * 10) {
        ctx.addIssue({ code: "custom", message: "mel:copBudget.invalid" });
        return z.NEVER;
      }
      return cents;
    }),
  currency: z.literal(DEFAULT_CURRENCY).default(DEFAULT_CURRENCY),
});

export async function setCopBudget(actor: Actor, input: { total: string }): Promise<Result> {
  if (!budget.allowCop(actor, "set")) return refuse.forbidden();
  const parsed = copBudgetSchema.safeParse({ total: input.total });
  if (!parsed.success) return refuse.invalid("mel:copBudget.invalid", "total");
  await db().$transaction(async (tx) => {
    const before = await tx.copBudget.findUnique({ where: { id: "cop" }, select: { totalCents: true } });
    await tx.copBudget.upsert({
      where: { id: "cop" },
      create: { id: "cop", totalCents: parsed.data.total, currency: parsed.data.currency, updatedById: actor.id },
      update: { totalCents: parsed.data.total, currency: parsed.data.currency, updatedById: actor.id },
    });
    await recordAudit({ actorId: actor.id, action: "copBudget.set", objectType: "cop-budget", objectId: "cop", data: { totalCents: parsed.data.total, previousCents: before?.totalCents ?? null, currency: parsed.data.currency } }, tx);
  });
  return ok();
}

/** The whole CoP: its budget, what groups were allocated and spent, and what is left. */
export async function copBudgetSummary(actor: Actor) {
  if (!budget.allowCop(actor, "read")) return refuse.forbidden();
  const [cop, plans, spent, honoraria] = await Promise.all([
    db().copBudget.findUnique({ where: { id: "cop" } }),
    db().groupPlan.findMany({ select: { allocationCents: true } }),
    db().expense.aggregate({ _sum: { amountCents: true } }),
    db().honorariumPayment.aggregate({ _sum: { amountCents: true } }),
  ]);
  const allocatedCents = plans.reduce((sum, p) => sum + (p.allocationCents ?? 0), 0);
  // Honoraria paid come out of the CoP budget as much as groups' expenses do.
  const expensesCents = spent._sum.amountCents ?? 0;
  const honorariaCents = honoraria._sum.amountCents ?? 0;
  const spentCents = expensesCents + honorariaCents;
  return ok({
    currency: cop?.currency ?? DEFAULT_CURRENCY,
    totalCents: cop?.totalCents ?? null,
    allocatedCents,
    unallocatedCents: cop ? cop.totalCents - allocatedCents : null,
    expensesCents,
    honorariaCents,
    spentCents,
    remainingCents: cop ? cop.totalCents - spentCents : null,
  });
}

// --- CSV for finance -----------------------------------------------------------------------------

/**
 * One CSV field: quoted when it holds a separator, quote or line break; a leading = + - @ or tab
 * is defused with an apostrophe so a spreadsheet never runs what a member typed as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvLabels {
  date: string;
  group: string;
  budgetLine: string;
  category: string;
  description: string;
  amount: string;
  currency: string;
  recordedBy: string;
  recordedAt: string;
}

/**
 * Expenses as CSV for the finance team: UTF-8 with a byte-order mark (so spreadsheets read
 * French accents right), CRLF line ends (RFC 4180), amounts as plain decimals with the
 * currency in its own column, dates as ISO 8601. Amounts are numbers, so never defused.
 */
export async function expensesCsv(actor: Actor, groups: Array<{ id: string; name: string }>, labels: CsvLabels): Promise<Result<string>> {
  // Every group asked for, or none: a partial export would look complete.
  if (groups.length === 0 || !groups.every((g) => budget.allow(actor, "read", { groupId: g.id }))) return refuse.forbidden();
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const expenses = await listExpenses(groups.map((g) => g.id));
  expenses.sort((a, b) => a.spentOn.getTime() - b.spentOn.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  const header = [labels.date, labels.group, labels.budgetLine, labels.category, labels.description, labels.amount, labels.currency, labels.recordedBy, labels.recordedAt].map(csvField);
  const rows = expenses.map((e) =>
    [
      e.spentOn.toISOString().slice(0, 10),
      csvField(names.get(e.groupId) ?? ""),
      csvField(e.budgetLine),
      csvField(e.category),
      csvField(e.description),
      centsToDecimal(e.amountCents),
      e.currency,
      csvField(e.recordedBy),
      e.createdAt.toISOString(),
    ].join(","),
  );
  return ok("\uFEFF" + [header.join(","), ...rows].join("\r\n") + "\r\n");
}

/** An expense's receipt, for those who may read the group's budget (404 for anyone else). */
export async function expenseReceipt(actor: Actor, expenseId: string): Promise<Result<{ hash: string; mime: string; fileName: string }>> {
  const expense = await db().expense.findUnique({ where: { id: expenseId }, select: { groupId: true, receiptHash: true, receiptMime: true, receiptName: true } });
  if (!expense?.receiptHash || !budget.allow(actor, "openReceipt", { groupId: expense.groupId })) return refuse.notFound();
  return ok({ hash: expense.receiptHash, mime: expense.receiptMime ?? "application/octet-stream", fileName: expense.receiptName ?? "receipt" });
}
