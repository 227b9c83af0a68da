// A working group's learning questions: derived from its learning-questions document (each
// numbered item is one question), finalised by the lead with 1–3 questions, reopened if needed.
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { recordAudit } from "./audit.server";
import { numberedItemsOf } from "./document-content.server";
import { deriveFromDocument, readDocument, saveVersion } from "./documents.server";
import { can, type Actor } from "./permissions";
import { MAX_QUESTIONS, MIN_QUESTIONS } from "./plans";

export type PlanResult = { ok: true } | { ok: false; error: string; values?: Record<string, unknown> };

export function learningQuestionsDocumentId(slug: string): string {
  return `learning-questions.${slug}`;
}

export async function finaliseLearningQuestions(actor: Actor, group: { id: string; slug: string }): Promise<PlanResult> {
  if (!can(actor, "learningQuestions.finalise", { groupId: group.id })) return { ok: false, error: "documents:errors.forbidden" };
  const documentId = learningQuestionsDocumentId(group.slug);
  const doc = await readDocument(documentId);
  let questions;
  try {
    questions = numberedItemsOf(doc);
  } finally {
    doc.destroy();
  }
  if (questions.length < MIN_QUESTIONS || questions.length > MAX_QUESTIONS) {
    return { ok: false, error: "documents:questions.errors.count", values: { count: questions.length, min: MIN_QUESTIONS, max: MAX_QUESTIONS } };
  }
  const now = new Date();
  await deriveFromDocument(documentId);
  const versionId = await saveVersion(documentId, { kind: "finalised", actorId: actor.id, summary: { questions } });
  await db().groupPlan.upsert({
    where: { groupId: group.id },
    create: { groupId: group.id, questionsStatus: "finalised", questionsFinalisedAt: now },
    update: { questionsStatus: "finalised", questionsFinalisedAt: now },
  });
  await recordAudit({ actorId: actor.id, action: "learningQuestions.finalised", objectType: "group", objectId: group.id, data: { versionId, count: questions.length } });
  publish("document.accessChanged", { documentId });
  return { ok: true };
}

export async function reopenLearningQuestions(actor: Actor, group: { id: string; slug: string }): Promise<PlanResult> {
  if (!can(actor, "learningQuestions.finalise", { groupId: group.id })) return { ok: false, error: "documents:errors.forbidden" };
  const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { questionsStatus: true } });
  if (plan?.questionsStatus !== "finalised") return { ok: false, error: "documents:questions.errors.notFinalised" };
  await db().groupPlan.update({ where: { groupId: group.id }, data: { questionsStatus: "draft" } });
  await recordAudit({ actorId: actor.id, action: "learningQuestions.reopened", objectType: "group", objectId: group.id });
  publish("document.accessChanged", { documentId: learningQuestionsDocumentId(group.slug) });
  return { ok: true };
}

/** Every group's current questions and its latest finalised set, for the CoP-wide page. */
export async function copLearningQuestions() {
  const groups = await db().workingGroup.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, nameEn: true, nameFr: true } });
  const [current, plans] = await Promise.all([
    db().learningQuestion.findMany({ orderBy: [{ groupId: "asc" }, { position: "asc" }], select: { groupId: true, text: true, translation: true } }),
    db().groupPlan.findMany({ select: { groupId: true, questionsStatus: true, questionsFinalisedAt: true } }),
  ]);
  const result = [];
  for (const group of groups) {
    const finalised = await db().documentVersion.findFirst({
      where: { documentId: learningQuestionsDocumentId(group.slug), kind: "finalised" },
      orderBy: { createdAt: "desc" },
      select: { summary: true, createdAt: true },
    });
    const plan = plans.find((p) => p.groupId === group.id);
    result.push({
      group,
      status: plan?.questionsStatus ?? "draft",
      current: current.filter((q) => q.groupId === group.id).map(({ text, translation }) => ({ text, translation })),
      finalised: finalised
        ? { at: finalised.createdAt, questions: (JSON.parse(finalised.summary) as { questions?: Array<{ text: string; translation: string }> }).questions ?? [] }
        : null,
    });
  }
  return result;
}
