// Rows the documents and meetings features fill in the running app (group plan, milestones,
// budget lines, meetings), written directly: the demo seed uses them, and so do MEL's tests.
import { db } from "../../app/infra/db.server";
import { newId } from "../../app/infra/ids.server";

const DAY_MS = 24 * 3600 * 1000;

export function daysFromNow(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export async function setGroupPlan(
  groupId: string,
  plan: Partial<{ questionsStatus: string; outcomeForm: string | null; workplanStatus: string; workplanSubmittedAt: Date | null; allocationCents: number | null; currency: string }>,
) {
  await db().groupPlan.upsert({ where: { groupId }, create: { groupId, ...plan }, update: plan });
}

/** Marks the workplan submitted for review, as the documents feature does on "submit". */
export const submitWorkplanForReview = (groupId: string) => setGroupPlan(groupId, { workplanStatus: "submitted", workplanSubmittedAt: new Date() });

export async function createMilestone(groupId: string, input: { title: string; dueDate?: Date | null; status?: string; ownerId?: string | null; position?: number }) {
  const id = newId();
  await db().workplanMilestone.create({
    data: { id, groupId, title: input.title, dueDate: input.dueDate ?? null, status: input.status ?? "planned", ownerId: input.ownerId ?? null, position: input.position ?? 0 },
  });
  return { id };
}

export async function createBudgetLine(groupId: string, input: { item: string; category: string; amountCents: number; currency?: string; position?: number }) {
  const id = newId();
  await db().budgetLine.create({ data: { id, groupId, item: input.item, category: input.category, amountCents: input.amountCents, currency: input.currency ?? "EUR", position: input.position ?? 0 } });
  return { id };
}

export async function createGroupMeeting(groupId: string, input: { titleEn: string; titleFr: string; startsAt: Date; createdById: string; attendance?: Array<{ userId: string; attended: boolean | null }> }) {
  const id = newId();
  await db().meeting.create({
    data: {
      id,
      kind: "group",
      groupId,
      titleEn: input.titleEn,
      titleFr: input.titleFr,
      startsAt: input.startsAt,
      durationMinutes: 60,
      organiserTimeZone: "UTC",
      audience: "group",
      createdById: input.createdById,
      attendance: { create: (input.attendance ?? []).map((a) => ({ userId: a.userId, attended: a.attended })) },
    },
  });
  return { id };
}
