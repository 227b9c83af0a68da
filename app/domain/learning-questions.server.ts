// A working group's learning questions: derived from its learning-questions document (each
// numbered item is one question), finalised by the lead with 1–3 questions, reopened if needed.
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { recordAudit } from "./audit.server";
import { learningQuestionsStatus } from "./learning-questions";
import { numberedItemsOf } from "./document-content.server";
import { authoriseDocument, deriveFromDocument, readDocument, recordVersion } from "./documents.server";
import type { Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import { MAX_QUESTIONS, MIN_QUESTIONS } from "./plans";
import { ok, refuse, type Result } from "./result";

export function learningQuestionsDocumentId(slug: string): string {
  return `learning-questions.${slug}`;
}

export async function finaliseLearningQuestions(actor: Actor, group: { id: string; slug: string }): Promise<Result> {
  const documentId = learningQuestionsDocumentId(group.slug);
  const allowed = await authoriseDocument(actor, documentId, "finalise");
  if (!allowed.ok) return allowed;
  const doc = await readDocument(documentId);
  let questions;
  try {
    questions = numberedItemsOf(doc);
  } finally {
    doc.destroy();
  }
  if (questions.length < MIN_QUESTIONS || questions.length > MAX_QUESTIONS) {
    return refuse.invalid("documents:questions.errors.count", undefined, { details: { count: questions.length, min: MIN_QUESTIONS, max: MAX_QUESTIONS } });
  }
  const now = new Date();
  await deriveFromDocument(documentId);
  const versionId = await recordVersion(documentId, { kind: "finalised", actorId: actor.id, summary: { questions } });
  await db().groupPlan.upsert({
    where: { groupId: group.id },
    create: { groupId: group.id, questionsStatus: "finalised", questionsFinalisedAt: now },
    update: { questionsStatus: "finalised", questionsFinalisedAt: now },
  });
  await recordAudit({ actorId: actor.id, action: "learningQuestions.finalised", objectType: "group", objectId: group.id, data: { versionId, count: questions.length } });
  publish("document.accessChanged", { documentId });
  announceChange(group.id, "finalised");
  return ok();
}

export async function reopenLearningQuestions(actor: Actor, group: { id: string; slug: string }): Promise<Result> {
  const documentId = learningQuestionsDocumentId(group.slug);
  const allowed = await authoriseDocument(actor, documentId, "finalise");
  if (!allowed.ok) return allowed;
  const plan = await db().groupPlan.findUnique({ where: { groupId: group.id }, select: { questionsStatus: true } });
  if (!learningQuestionsStatus(plan).isFinalised) return refuse.conflict("documents:questions.errors.notFinalised");
  await db().groupPlan.update({ where: { groupId: group.id }, data: { questionsStatus: "draft" } });
  await recordAudit({ actorId: actor.id, action: "learningQuestions.reopened", objectType: "group", objectId: group.id });
  publish("document.accessChanged", { documentId });
  announceChange(group.id, "draft");
  return ok();
}

/** Open pages that show the status (the group's, the CoP's, the document) offer a refresh. */
function announceChange(groupId: string, state: "finalised" | "draft") {
  publish("learningQuestions.changed", { groupId, state, audience: documentPolicy.audience({ kind: "learning-questions", groupId }) });
}

/** Every group's current questions and its latest finalised set that this reader may read (the CoP-wide page). */
export async function copLearningQuestions(actor: Actor) {
  const groups = (await db().workingGroup.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, nameEn: true, nameFr: true } })).filter((group) =>
    documentPolicy.allow(actor, "read", { kind: "learning-questions", groupId: group.id }),
  );
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
    const status = learningQuestionsStatus(plans.find((p) => p.groupId === group.id));
    const questions = current.filter((q) => q.groupId === group.id).map(({ text, translation }) => ({ text, translation }));
    result.push({
      group,
      status,
      current: questions,
      // Finalised questions cannot change until reopened: with no dated copy kept (a plan set
      // directly, as the demo does), the current text is the finalised one.
      finalised: finalised
        ? { at: finalised.createdAt as Date | string | null, questions: (JSON.parse(finalised.summary) as { questions?: Array<{ text: string; translation: string }> }).questions ?? [] }
        : status.isFinalised
          ? { at: status.finalisedAt, questions }
          : null,
    });
  }
  return result;
}
