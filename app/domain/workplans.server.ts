// A working group's workplan: the derived milestones and budget (tables), submitting it for
// MEL review (a frozen, named version), the outcome form, the starting content of the core
// documents — and MEL's two review decisions (approve, request changes) with their history.
import { z } from "zod";
import * as Y from "yjs";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { blocksOf, heading, orderedList, paragraph, sectionsOf } from "./document-content.server";
import { authoriseDocument, changeDocument, deriveFromDocument, initialiseDocument, readDocument, recordVersion } from "./documents.server";
import type { Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import { learningQuestionsDocumentId } from "./learning-questions.server";
import { budgetTotals, OUTCOME_FORMS, smartCheck, type BudgetLineData, type MilestoneData } from "./plans";
import { ok, refuse, type Result } from "./result";
import { noticeWorkplanReviewed, noticeWorkplanSubmitted } from "./work-notices.server";
import { sharedRead } from "~/infra/request-scope.server";

export function workplanDocumentId(slug: string): string {
  return `workplan.${slug}`;
}

export function learningOutcomeDocumentId(slug: string): string {
  return `learning-outcome.${slug}`;
}

/** What pages show about a workplan without loading Yjs: status, milestones, budget, totals. */
/** A group's plan row, read once per read-only request (a group page asks for it twice). */
function groupPlanRow(groupId: string) {
  return sharedRead(`group-plan:${groupId}`, () => db().groupPlan.findUnique({ where: { groupId } }));
}

export async function workplanOverview(groupId: string) {
  const [plan, milestones, lines] = await Promise.all([
    groupPlanRow(groupId),
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

/**
 * Approved means approved: whether the workplan's text, milestones or budget differ from the
 * version MEL approved (the last one submitted), and that version, for the compare view. Only
 * for an approved workplan; the caller has authorised reading it.
 */
export async function workplanChangedSinceApproval(group: { id: string; slug: string }): Promise<{ versionId: string } | null> {
  const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { workplanStatus: true } });
  if (plan?.workplanStatus !== "approved") return null;
  const documentId = workplanDocumentId(group.slug);
  const approved = await db().documentVersion.findFirst({ where: { documentId, kind: "submitted" }, orderBy: { createdAt: "desc" }, select: { id: true, state: true } });
  if (!approved) return null;
  const then = new Y.Doc();
  Y.applyUpdate(then, new Uint8Array(approved.state));
  const now = await readDocument(documentId);
  try {
    const content = (doc: Y.Doc) => JSON.stringify([blocksOf(doc), doc.getArray("milestones").toJSON(), doc.getArray("budget").toJSON()]);
    return content(then) === content(now) ? null : { versionId: approved.id };
  } finally {
    then.destroy();
    now.destroy();
  }
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
export async function submitWorkplan(actor: Actor, group: { id: string; slug: string }, versionName: string): Promise<Result> {
  const documentId = workplanDocumentId(group.slug);
  const allowed = await authoriseDocument(actor, documentId, "submit");
  if (!allowed.ok) return allowed;
  const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { workplanStatus: true } });
  const status = plan?.workplanStatus ?? "draft";
  if (status === "submitted") return refuse.conflict("documents:workplan.errors.alreadySubmitted");
  await deriveFromDocument(documentId);
  const lines = await db().budgetLine.findMany({ where: { groupId: group.id }, select: { category: true, amountCents: true } });
  const milestones = await db().workplanMilestone.count({ where: { groupId: group.id } });
  if (milestones === 0) return refuse.invalid("documents:workplan.errors.noMilestones");
  const totals = budgetTotals(lines);
  const now = new Date();
  const versionId = await recordVersion(documentId, {
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
  await noticeWorkplanSubmitted(actor, group.id);
  return ok();
}

/** Choosing the outcome form is part of the co-edited document (others see it change live). */
export async function setOutcomeForm(actor: Actor, group: { id: string; slug: string }, form: string): Promise<Result> {
  const documentId = learningOutcomeDocumentId(group.slug);
  const allowed = await authoriseDocument(actor, documentId, "edit");
  if (!allowed.ok) return allowed;
  if (form !== "" && !(OUTCOME_FORMS as readonly string[]).includes(form)) return refuse.invalid("documents:outcome.errors.unknownForm", "form");
  await changeDocument(documentId, (doc) => {
    if (form) doc.getMap("meta").set("outcomeForm", form);
    else doc.getMap("meta").delete("outcomeForm");
  });
  await recordAudit({ actorId: actor.id, action: "learningOutcome.formChosen", objectType: "group", objectId: group.id, data: { form } });
  return ok();
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

/**
 * The first member able to write a core document who opens it writes its starting content, in
 * their language. Resolves whether this call wrote it (false: it already had content).
 */
export async function startPlanDocument(
  actor: Actor,
  group: { slug: string },
  kind: "workplan" | "learning-questions",
  template: { workplan: WorkplanTemplate; questionsIntro: string },
): Promise<Result<boolean>> {
  const documentId = kind === "workplan" ? workplanDocumentId(group.slug) : learningQuestionsDocumentId(group.slug);
  const allowed = await authoriseDocument(actor, documentId, "edit");
  if (!allowed.ok) return allowed;
  return ok(kind === "workplan" ? await initialiseWorkplan(group.slug, template.workplan) : await initialiseLearningQuestions(group.slug, template.questionsIntro));
}

async function initialiseWorkplan(slug: string, headings: WorkplanTemplate): Promise<boolean> {
  return initialiseDocument(workplanDocumentId(slug), (doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.insert(
      0,
      [headings.objectives, headings.steps, headings.timeline, headings.results, headings.support].flatMap((text) => [heading(text), paragraph("")]),
    );
  });
}

async function initialiseLearningQuestions(slug: string, intro: string): Promise<boolean> {
  return initialiseDocument(learningQuestionsDocumentId(slug), (doc) => {
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
  await changeDocument(learningQuestionsDocumentId(slug), (doc) => {
    const fragment = doc.getXmlFragment("default");
    fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph(intro), orderedList(questions)]);
  });
}

// ---------------------------------------------------------------------------------------------
// MEL review: approve a submitted workplan (its budget total becomes the allocation) or ask for changes.

export const WORKPLAN_STATUSES = ["draft", "submitted", "changes-requested", "approved"] as const;

export const reviewCommentsSchema = z.object({
  comments: z.string().trim().max(5000, "mel:review.commentsTooLong"),
  language: z.enum(["en", "fr"]),
});

/** The group's plan row; a group with no row yet is at the start of everything. */
export async function getGroupPlan(groupId: string) {
  const plan = await groupPlanRow(groupId);
  return (
    plan ?? {
      groupId,
      questionsStatus: "draft",
      questionsFinalisedAt: null,
      outcomeForm: null,
      outcomeDecidedAt: null,
      workplanStatus: "draft",
      workplanSubmittedAt: null,
      workplanApprovedAt: null,
      workplanApprovedById: null,
      allocationCents: null,
      currency: "EUR",
      updatedAt: null,
    }
  );
}

/**
 * MEL's decision concerns the workplan document: authorised through the documents policy, and
 * the document's open editors are re-authorised after it (changes requested: editable again).
 */
async function authoriseReview(actor: Actor, groupId: string): Promise<Result<{ slug: string }>> {
  const group = await db().workingGroup.findUnique({ where: { id: groupId }, select: { slug: true } });
  if (!group) return refuse.notFound();
  const allowed = await authoriseDocument(actor, workplanDocumentId(group.slug), "review");
  return allowed.ok ? ok(group) : allowed;
}

/** After the decision committed: open pages hear of it live, and the group's leads get a notice. */
async function announceReview(actor: Actor, groupId: string, slug: string, decision: "approved" | "changes-requested", reviewId: string) {
  publish("document.accessChanged", { documentId: workplanDocumentId(slug) });
  // The decision shows on every page of the workplan: whoever may read it hears of it live.
  publish("workplan.reviewed", { groupId, decision, audience: documentPolicy.audience({ kind: "workplan", groupId }) });
  await noticeWorkplanReviewed(actor, groupId, decision, reviewId);
}

export async function approveWorkplan(actor: Actor, groupId: string, input: { comments?: string; language?: string } = {}): Promise<Result<{ allocationCents: number }>> {
  const allowed = await authoriseReview(actor, groupId);
  if (!allowed.ok) return allowed;
  const parsed = reviewCommentsSchema.safeParse({ comments: input.comments ?? "", language: input.language ?? "en" });
  if (!parsed.success) return refuse.invalid(parsed.error.issues[0].message, "comments");
  const now = new Date();
  const reviewId = newId();
  const result = await db().$transaction(async (tx): Promise<Result<{ allocationCents: number }>> => {
    const plan = await tx.groupPlan.findUnique({ where: { groupId }, select: { workplanStatus: true, currency: true } });
    if (plan?.workplanStatus !== "submitted") return refuse.conflict("mel:review.notSubmitted");
    const lines = await tx.budgetLine.findMany({ where: { groupId }, select: { amountCents: true, currency: true } });
    // The allocation is the approved budget's total, computed here, never typed.
    const allocationCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const currency = lines[0]?.currency ?? plan.currency;
    await tx.groupPlan.update({
      where: { groupId },
      data: { workplanStatus: "approved", workplanApprovedAt: now, workplanApprovedById: actor.id, allocationCents, currency },
    });
    await tx.workplanReview.create({
      data: { id: reviewId, groupId, decision: "approved", comments: parsed.data.comments, language: parsed.data.language, allocationCents, currency, reviewerId: actor.id, createdAt: now },
    });
    await recordAudit({ actorId: actor.id, action: "workplan.approved", objectType: "workplan", objectId: groupId, data: { allocationCents, currency, budgetLines: lines.length } }, tx);
    return ok({ allocationCents });
  });
  if (result.ok) await announceReview(actor, groupId, allowed.value.slug, "approved", reviewId);
  return result;
}

export async function requestWorkplanChanges(actor: Actor, groupId: string, input: { comments: string; language: string }): Promise<Result> {
  const allowed = await authoriseReview(actor, groupId);
  if (!allowed.ok) return allowed;
  const parsed = reviewCommentsSchema.safeParse(input);
  if (!parsed.success) return refuse.invalid(parsed.error.issues[0].message, "comments");
  if (parsed.data.comments === "") return refuse.invalid("mel:review.commentsRequired", "comments");
  const now = new Date();
  const reviewId = newId();
  const result = await db().$transaction(async (tx): Promise<Result> => {
    const plan = await tx.groupPlan.findUnique({ where: { groupId }, select: { workplanStatus: true, currency: true } });
    if (plan?.workplanStatus !== "submitted") return refuse.conflict("mel:review.notSubmitted");
    await tx.groupPlan.update({ where: { groupId }, data: { workplanStatus: "changes-requested" } });
    await tx.workplanReview.create({
      data: { id: reviewId, groupId, decision: "changes-requested", comments: parsed.data.comments, language: parsed.data.language, currency: plan.currency, reviewerId: actor.id, createdAt: now },
    });
    await recordAudit({ actorId: actor.id, action: "workplan.changesRequested", objectType: "workplan", objectId: groupId, data: { comments: parsed.data.comments } }, tx);
    return ok();
  });
  if (result.ok) await announceReview(actor, groupId, allowed.value.slug, "changes-requested", reviewId);
  return result;
}

/** A group's review decisions, newest first (the lead reads the comments to revise), for who may read them. */
export async function listWorkplanReviews(actor: Actor, groupId: string) {
  if (!documentPolicy.allowReadReviews(actor, { groupId })) return [];
  const reviews = await db().workplanReview.findMany({ where: { groupId }, orderBy: { createdAt: "desc" } });
  const names = await displayNames(reviews.map((r) => r.reviewerId));
  return reviews.map((r) => ({ ...r, reviewerName: names.get(r.reviewerId) ?? "" }));
}

export async function displayNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The workplan's milestones in order, with their owner's name and whether they are late. */
export async function listMilestones(groupId: string, now = new Date()) {
  const milestones = await db().workplanMilestone.findMany({ where: { groupId }, orderBy: { position: "asc" } });
  const names = await displayNames(milestones.map((m) => m.ownerId));
  return milestones.map((m) => ({
    id: m.id,
    title: m.title,
    dueDate: m.dueDate,
    status: m.status,
    ownerName: m.ownerId ? (names.get(m.ownerId) ?? null) : null,
    isLate: m.status !== "done" && m.status !== "dropped" && m.dueDate !== null && m.dueDate < now,
  }));
}
