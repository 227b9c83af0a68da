// Browser-safe rules of a group's plan: the call's outcome forms, milestone statuses, budget
// categories, money in integer cents, and the SMART check. Shared by the editor and the server.

/** The call's list of learning-outcome forms. */
export const OUTCOME_FORMS = [
  "practical-tool",
  "resource-centre",
  "toolkit",
  "good-practice-guide",
  "workshop-series",
  "training-module",
  "webinar",
  "conference-panel",
  "research-study",
  "discussion-forum",
  "peer-exchange",
  "art-storytelling",
  "other",
] as const;
export type OutcomeForm = (typeof OUTCOME_FORMS)[number];

export const MILESTONE_STATUSES = ["planned", "in-progress", "done", "dropped"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const BUDGET_CATEGORIES = ["activities", "facilitation", "travel", "materials", "translation", "communication", "other"] as const;

export const WORKPLAN_STATUSES = ["draft", "submitted", "changes-requested", "approved"] as const;
export type WorkplanStatus = (typeof WORKPLAN_STATUSES)[number];

/** A group may finalise between one and three learning questions. */
export const MIN_QUESTIONS = 1;
export const MAX_QUESTIONS = 3;

/** "12.50", "12,50", "1 200" → cents; null when it is not an amount. */
export function parseAmountToCents(input: string): number | null {
  const cleaned = input.replace(/[\s\u00a0€]/g, "").replace(",", ".");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function formatCents(cents: number, language: string, currency = "EUR"): string {
  return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency }).format(cents / 100);
}

export interface MilestoneData {
  id: string;
  title: string;
  /** YYYY-MM-DD or "" */
  due: string;
  status: string;
  ownerId: string;
}

export interface BudgetLineData {
  id: string;
  item: string;
  category: string;
  amountCents: number;
  note: string;
}

export function budgetTotals(lines: ReadonlyArray<Pick<BudgetLineData, "category" | "amountCents">>) {
  const byCategory: Record<string, number> = {};
  let total = 0;
  for (const line of lines) {
    const amount = Number.isSafeInteger(line.amountCents) ? line.amountCents : 0;
    total += amount;
    byCategory[line.category] = (byCategory[line.category] ?? 0) + amount;
  }
  return { total, byCategory };
}

/** Headings that open the workplan's objectives section, in either language. */
const OBJECTIVE_HEADINGS = ["objective", "objectif"];

export function isObjectivesHeading(heading: string): boolean {
  const lower = heading.trim().toLowerCase();
  return OBJECTIVE_HEADINGS.some((word) => lower.startsWith(word));
}

const MONTHS = [
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  "janv", "févr", "fevr", "mars", "avr", "mai", "juin", "juil", "août", "aout", "sept", "déc",
];

/** A date or a deadline: 2027-03, 15/03, "March", "by week 12", "Q2". */
export function hasDate(text: string): boolean {
  if (/\b\d{4}-\d{2}(-\d{2})?\b/.test(text) || /\b\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?\b/.test(text)) return true;
  if (/\b(q[1-4]|t[1-4]|week\s*\d+|semaine\s*\d+|month\s*\d+|mois\s*\d+)\b/i.test(text)) return true;
  const words = text.toLowerCase().split(/[^a-zà-ÿ]+/);
  return words.some((word) => MONTHS.some((month) => word === month || (month.length >= 3 && word.startsWith(month) && word.length <= 9)));
}

/** Something that can be counted: a number, a percentage. */
export function hasMeasure(text: string): boolean {
  return /\d/.test(text.replace(/\b\d{4}-\d{2}(-\d{2})?\b/g, "").replace(/\b\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?\b/g, ""));
}

export interface SmartFlag {
  objective: string;
  missingMeasure: boolean;
  missingDate: boolean;
}

/** Each line of the objectives section, flagged when it lacks a measurable result or a date. */
export function smartCheck(sections: ReadonlyArray<{ heading: string; text: string }>): { objectives: number; flags: SmartFlag[] } {
  const lines = sections
    .filter((section) => isObjectivesHeading(section.heading))
    .flatMap((section) => section.text.split("\n"))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const flags = lines
    .map((objective) => ({ objective, missingMeasure: !hasMeasure(objective), missingDate: !hasDate(objective) }))
    .filter((flag) => flag.missingMeasure || flag.missingDate);
  return { objectives: lines.length, flags };
}
