// Demo MEL data: enough plan, spending and a submitted check-in that the MEL dashboard, the
// workplan review and the budget pages show something meaningful on first start.
import { recordExpense, setCopBudget } from "../../app/domain/budget.server";
import { openCheckInDraft, submitCheckIn } from "../../app/domain/checkins.server";
import { markHonorariumPaid, monthOf } from "../../app/domain/honoraria.server";
import { approveWorkplan } from "../../app/domain/workplans.server";
import type { Actor } from "../../app/domain/permissions";
import { db } from "../../app/infra/db.server";
import { createBudgetLine, createGroupMeeting, createMilestone, daysFromNow, setGroupPlan, submitWorkplanForReview } from "./builders";

async function actor(username: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { username }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

function check(result: { ok: boolean; error?: string }, what: string) {
  if (!result.ok) throw new Error(`demo seed: ${what} failed (${result.error})`);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function seedMelDemo(groupIds: Map<string, string>): Promise<void> {
  const [coordinator, mel, leadCare, memberCare] = await Promise.all([actor("coordinator"), actor("mel"), actor("lead.care"), actor("member.care")]);
  const care = groupIds.get("rooting-care")!;
  const accountability = groupIds.get("practising-accountability")!;
  const collaboration = groupIds.get("strengthening-collaboration")!;

  check(await setCopBudget(coordinator, { total: "15000" }), "CoP budget");

  // Rooting care: workplan approved, spending under way, a check-in submitted.
  await setGroupPlan(care, { questionsStatus: "finalised", outcomeForm: "toolkit" });
  const careLines = [
    await createBudgetLine(care, { item: "Facilitation of four care circles", category: "facilitation", amountCents: 120_000, position: 0 }),
    await createBudgetLine(care, { item: "Interpretation EN/FR", category: "translation", amountCents: 80_000, position: 1 }),
    await createBudgetLine(care, { item: "Mobile data for members", category: "communication", amountCents: 60_000, position: 2 }),
    await createBudgetLine(care, { item: "Wellbeing sessions", category: "activities", amountCents: 90_000, position: 3 }),
  ];
  await createMilestone(care, { title: "First care circle held", dueDate: daysFromNow(-30), status: "done", ownerId: leadCare.id, position: 0 });
  await createMilestone(care, { title: "Collective care practices mapped", dueDate: daysFromNow(-5), status: "in-progress", ownerId: memberCare.id, position: 1 });
  await createMilestone(care, { title: "Draft toolkit shared with the CoP", dueDate: daysFromNow(14), status: "planned", ownerId: leadCare.id, position: 2 });
  await createMilestone(care, { title: "Toolkit translated and published", dueDate: daysFromNow(75), status: "planned", position: 3 });
  await submitWorkplanForReview(care);
  check(await approveWorkplan(mel, care, { comments: "A clear, realistic plan. Approved.", language: "en" }), "approve workplan");
  check(await recordExpense(leadCare, care, { budgetLineId: careLines[0].id, amount: "300", spentOn: isoDay(daysFromNow(-28)), description: "Facilitator fee, care circle 1" }), "expense");
  check(await recordExpense(leadCare, care, { budgetLineId: careLines[2].id, amount: "45,50", spentOn: isoDay(daysFromNow(-20)), description: "Forfaits de données mobiles — octobre" }), "expense");
  check(await recordExpense(leadCare, care, { budgetLineId: careLines[1].id, amount: "180", spentOn: isoDay(daysFromNow(-10)), description: "Interpreter, care circle 2 (2 hours)" }), "expense");
  await createGroupMeeting(care, {
    titleEn: "Care circle 2",
    titleFr: "Cercle de soin 2",
    startsAt: daysFromNow(-10),
    createdById: leadCare.id,
    attendance: [{ userId: leadCare.id, attended: true }, { userId: memberCare.id, attended: true }],
  });
  const draft = await openCheckInDraft(leadCare, care);
  check(draft, "check-in draft");
  if (draft.ok) {
    check(
      await submitCheckIn(leadCare, draft.value.id, {
        language: "en",
        progressNotes: "Two care circles held; members asked for more time on collective (not only individual) care.",
        challenges: "Mapping care practices is late: two members lost connectivity for three weeks.",
        helpSought: "Advice on how to document care practices safely, without naming people or places.",
        proposedChanges: "Move 100 EUR from facilitation to mobile data.",
      }),
      "check-in submit",
    );
  }
  check(await markHonorariumPaid(coordinator, leadCare.id, monthOf(new Date())), "honorarium");

  // Practising accountability: the workplan waits for MEL's review.
  await setGroupPlan(accountability, { questionsStatus: "finalised", outcomeForm: "guide" });
  await createBudgetLine(accountability, { item: "Atelier régional (location de salle)", category: "activities", amountCents: 150_000, position: 0 });
  await createBudgetLine(accountability, { item: "Traduction des ressources", category: "translation", amountCents: 70_000, position: 1 });
  await createMilestone(accountability, { title: "Entretiens avec cinq organisations", dueDate: daysFromNow(21), status: "in-progress", position: 0 });
  await createMilestone(accountability, { title: "Guide de redevabilité (brouillon)", dueDate: daysFromNow(60), status: "planned", position: 1 });
  await submitWorkplanForReview(accountability);

  // Strengthening collaboration: still refining its learning questions.
  await setGroupPlan(collaboration, { questionsStatus: "draft" });
}
