// A working group's workplan and learning outcome: the derived milestones and budget (tables),
// submitting the workplan for MEL review (a frozen, named version), the outcome form, and the
// starting content of the group's core documents.
import * as Y from "yjs";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { heading, orderedList, paragraph, sectionsOf } from "./document-content.server";
import { changeDocument, deriveFromDocument, initialiseDocument, readDocument, saveVersion } from "./documents.server";
import { can, type Actor } from "./permissions";
import { budgetTotals, OUTCOME_FORMS, smartCheck, type BudgetLineData, type MilestoneData } from "./plans";
import type { PlanResult } from "./learning-questions.server";

export function workplanDocumentId(slug: string): string {
  return `workplan.${slug}`;
}

export function learningOutcomeDocumentId(slug: string): string {
  return `learning-outcome.${slug}`;
}

/** What pages show about a workplan without loading Yjs: status, milestones, budget, totals. */
export async function workplanOverview(groupId: string) {
  const [plan, milestones, lines] = await Promise.all([
    db().groupPlan.findUnique({ where: { groupId } }),
    db().workplanMilestone.findMany({ where: { groupId }, orderBy: { position: "asc" } }),
    db().budgetLine.findMany({ where: { groupId }, orderBy: { position: "asc" } }),
  ]);
  return {
    status: plan?.workplanStatus ?? "draft",
    submittedAt: plan?.workplanSubmittedAt ?? null,
    approvedAt: plan?.workplanApprovedAt ?? null,
    questionsStatus: plan?.questionsStatus ?? "draft",
    questionsFinalisedAt: plan?.questionsFinalisedAt ?? null,
    outcomeForm: plan?.outcomeForm ?? null,
    milestones,
    lines,
    totals: budgetTotals(lines),
  };
}

/** The SMART check of the stored workplan text, and milestones without a date. */
export async function workplanSmartCheck(slug: string) {
  const doc = await readDocument(workplanDocumentId(slug));
  try {
    return smartCheck(sectionsOf(doc));
  } finally {
    doc.destroy();
  }
}

/**
 * The lead sends the workplan to the MEL group: a named version is frozen and the document is
 * read-only until MEL approves it or asks for changes.
 */
export async function submitWorkplan(actor: Actor, group: { id: string; slug: string }, versionName: string): Promise<PlanResult> {
  if (!can(actor, "workplan.submit", { groupId: group.id })) return { ok: false, error: "documents:errors.forbidden" };
  const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { workplanStatus: true } });
  const status = plan?.workplanStatus ?? "draft";
  if (status === "submitted") return { ok: false, error: "documents:workplan.errors.alreadySubmitted" };
  const documentId = workplanDocumentId(group.slug);
  await deriveFromDocument(documentId);
  const lines = await db().budgetLine.findMany({ where: { groupId: group.id }, select: { category: true, amountCents: true } });
  const milestones = await db().workplanMilestone.count({ where: { groupId: group.id } });
  if (milestones === 0) return { ok: false, error: "documents:workplan.errors.noMilestones" };
  const totals = budgetTotals(lines);
  const now = new Date();
  const versionId = await saveVersion(documentId, {
    kind: "submitted",
    name: versionName,
    actorId: actor.id,
    summary: { totalCents: totals.total, milestones, previousStatus: status },
  });
  await db().groupPlan.upsert({
    where: { groupId: group.id },
    create: { groupId: group.id, workplanStatus: "submitted", workplanSubmittedAt: now },
    update: { workplanStatus: "submitted", workplanSubmittedAt: now },
  });
  await recordAudit({ actorId: actor.id, action: "workplan.submitted", objectType: "group", objectId: group.id, data: { versionId, totalCents: totals.total } });
  publish("document.accessChanged", { documentId });
  return { ok: true };
}

/** Choosing the outcome form is part of the co-edited document (others see it change live). */
export async function setOutcomeForm(actor: Actor, group: { id: string; slug: string }, form: string): Promise<PlanResult> {
  if (!can(actor, "document.edit", { groupId: group.id })) return { ok: false, error: "documents:errors.forbidden" };
  if (form !== "" && !(OUTCOME_FORMS as readonly string[]).includes(form)) return { ok: false, error: "documents:outcome.errors.unknownForm" };
  await changeDocument(learningOutcomeDocumentId(group.slug), (doc) => {
    if (form) doc.getMap("meta").set("outcomeForm", form);
    else doc.getMap("meta").delete("outcomeForm");
  });
  await recordAudit({ actorId: actor.id, action: "learningOutcome.formChosen", objectType: "group", objectId: group.id, data: { form } });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Starting content, written once when a core document is first opened (in the opener's
// language; the headings are then ordinary text anyone can change).

export interface WorkplanTemplate {
  objectives: string;
  steps: string;
  timeline: string;
  results: string;
  support: string;
}

export async function initialiseWorkplan(slug: string, headings: WorkplanTemplate): Promise<boolean> {
  return initialiseDocument(workplanDocumentId(slug), (doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.insert(
      0,
      [headings.objectives, headings.steps, headings.timeline, headings.results, headings.support].flatMap((text) => [heading(text), paragraph("")]),
    );
  });
}

export async function initialiseLearningQuestions(slug: string, intro: string): Promise<boolean> {
  return initialiseDocument(`learning-questions.${slug}`, (doc) => {
    doc.getXmlFragment("default").insert(0, [paragraph(intro), orderedList([[""]])]);
  });
}

export function milestoneEntry(data: Omit<MilestoneData, "id"> & { id?: string }): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set("id", data.id ?? newId());
  entry.set("title", data.title);
  entry.set("due", data.due);
  entry.set("status", data.status);
  entry.set("ownerId", data.ownerId);
  return entry;
}

export function budgetEntry(data: Omit<BudgetLineData, "id"> & { id?: string }): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set("id", data.id ?? newId());
  entry.set("item", data.item);
  entry.set("category", data.category);
  entry.set("amountCents", data.amountCents);
  entry.set("note", data.note);
  return entry;
}

/** Seed and tests: a workplan with text, milestones and budget lines, written like any change. */
export async function writeWorkplan(
  slug: string,
  content: { sections: Array<{ heading: string; paragraphs: string[] }>; milestones: Array<Omit<MilestoneData, "id">>; budget: Array<Omit<BudgetLineData, "id">> },
): Promise<void> {
  await changeDocument(workplanDocumentId(slug), (doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.delete(0, fragment.length);
    fragment.insert(0, content.sections.flatMap((section) => [heading(section.heading), ...section.paragraphs.map(paragraph)]));
    const milestones = doc.getArray<Y.Map<unknown>>("milestones");
    milestones.delete(0, milestones.length);
    milestones.insert(0, content.milestones.map(milestoneEntry));
    const budget = doc.getArray<Y.Map<unknown>>("budget");
    budget.delete(0, budget.length);
    budget.insert(0, content.budget.map(budgetEntry));
  });
}

/** Seed and tests: a learning-questions document with an introduction and numbered questions. */
export async function writeLearningQuestions(slug: string, intro: string, questions: string[][]): Promise<void> {
  await changeDocument(`learning-questions.${slug}`, (doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph(intro), orderedList(questions)]);
  });
}
