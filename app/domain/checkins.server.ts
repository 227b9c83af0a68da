// Check-ins: a group lead prepares one before meeting the MEL group, from a draft Praxis
// assembles out of what it knows since the last check-in; MEL comments, records advice and
// decisions, and creates follow-up actions the group sees on its page.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { publish } from "~/infra/events.server";
import { recordAudit } from "./audit.server";
import { groupBudgetSummary, type CategorySummary } from "./budget.server";
import { decisionsTakenSince } from "./decisions/decisions.server";
import { stagesFor, type CopStage, type StageState } from "./cop-stages";
import type { Actor } from "./permissions";
import * as checkInPolicy from "./policies/checkins";
import { ok, refuse, type Refusal, type Result } from "./result";
import { noticeCheckInAnswered, noticeCheckInCommented, noticeCheckInSubmitted, noticeFollowUpAssigned } from "./work-notices.server";
import { displayNames, getGroupPlan } from "./workplans.server";

/** Pages showing a submitted check-in offer a refresh to whoever may read it (every change is to a submitted one). */
function announceChange(groupId: string, checkInId: string) {
  publish("checkin.changed", { groupId, checkInId, audience: checkInPolicy.audience({ groupId, status: "submitted" }) });
}

/** Milestones due within this many days count as "due" in a draft. */
export const DUE_SOON_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

// --- What Praxis assembles ---------------------------------------------------------------------

export interface MilestoneFact {
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  ownerName: string | null;
}

export interface CheckInFacts {
  since: string | null;
  assembledAt: string;
  milestones: { total: number; done: MilestoneFact[]; doneSinceCount: number; due: MilestoneFact[]; late: MilestoneFact[] };
  budget: { currency: string; plannedCents: number; allocationCents: number | null; spentCents: number; categories: CategorySummary[] };
  plan: { questionsStatus: string; outcomeForm: string | null; outcomeDecidedAt: string | null; workplanStatus: string };
  meetings: { held: Array<{ id: string; titleEn: string; titleFr: string; startsAt: string; attended: number; recorded: number }> };
  /** Null while the discussions feature is not part of this build. */
  discussions: { threads: number; posts: number } | null;
  /** Null while the library feature is not part of this build. */
  library: { resources: Array<{ id: string; title: string }> } | null;
  /** Decisions of the group that closed in the period (absent from check-ins frozen before decisions existed). */
  decisions?: { taken: number };
}

/** Discussion activity in the group's own space since a date: threads started, posts written. */
export async function discussionActivity(groupId: string, since: Date | null): Promise<CheckInFacts["discussions"]> {
  const after = since ? { gte: since } : undefined;
  const [threads, posts] = await Promise.all([
    db().thread.count({ where: { groupId, subjectType: null, hiddenAt: null, createdAt: after } }),
    db().post.count({ where: { deletedAt: null, hiddenAt: null, createdAt: after, thread: { groupId, subjectType: null } } }),
  ]);
  return { threads, posts };
}

/**
 * Library resources on the group's theme added since a date. Which of them a reader sees is
 * decided when the check-in is read (`readCheckIn`), by the library policy.
 */
export async function newLibraryResources(groupId: string, since: Date | null): Promise<CheckInFacts["library"]> {
  const group = await db().workingGroup.findUnique({ where: { id: groupId }, select: { slug: true } });
  if (!group) return { resources: [] };
  const resources = await db().libraryResource.findMany({
    where: {
      createdAt: since ? { gte: since } : undefined,
      OR: [{ themes: { contains: ` ${group.slug} ` } }, { groupId }],
    },
    select: { id: true, title: true },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  return { resources };
}

async function assembleCheckInFacts(groupId: string, since: Date | null, now = new Date()): Promise<CheckInFacts> {
  const [milestones, budget, plan, meetings, discussions, library, decisionsTaken] = await Promise.all([
    db().workplanMilestone.findMany({ where: { groupId }, orderBy: { position: "asc" } }),
    groupBudgetSummary(groupId, { since }),
    getGroupPlan(groupId),
    db().meeting.findMany({
      where: { groupId, cancelledAt: null, startsAt: { lte: now, ...(since ? { gte: since } : {}) } },
      select: { id: true, titleEn: true, titleFr: true, startsAt: true, attendance: { select: { attended: true } } },
      orderBy: { startsAt: "asc" },
    }),
    discussionActivity(groupId, since),
    newLibraryResources(groupId, since),
    decisionsTakenSince(groupId, since, now),
  ]);
  const owners = await displayNames(milestones.map((m) => m.ownerId));
  const fact = (m: (typeof milestones)[number]): MilestoneFact => ({
    id: m.id,
    title: m.title,
    dueDate: m.dueDate?.toISOString() ?? null,
    status: m.status,
    ownerName: m.ownerId ? (owners.get(m.ownerId) ?? null) : null,
  });
  const open = milestones.filter((m) => m.status !== "done" && m.status !== "dropped");
  const done = milestones.filter((m) => m.status === "done");
  return {
    since: since?.toISOString() ?? null,
    assembledAt: now.toISOString(),
    milestones: {
      total: milestones.length,
      done: done.map(fact),
      doneSinceCount: since ? done.filter((m) => m.updatedAt >= since).length : done.length,
      due: open.filter((m) => m.dueDate && m.dueDate >= now && m.dueDate.getTime() <= now.getTime() + DUE_SOON_DAYS * DAY_MS).map(fact),
      late: open.filter((m) => m.dueDate && m.dueDate < now).map(fact),
    },
    budget: { currency: budget.currency, plannedCents: budget.plannedCents, allocationCents: budget.allocationCents, spentCents: budget.spentCents, categories: budget.categories },
    plan: {
      questionsStatus: plan.questionsStatus,
      outcomeForm: plan.outcomeForm,
      outcomeDecidedAt: plan.outcomeDecidedAt?.toISOString() ?? null,
      workplanStatus: plan.workplanStatus,
    },
    meetings: {
      held: meetings.map((m) => ({
        id: m.id,
        titleEn: m.titleEn,
        titleFr: m.titleFr,
        startsAt: m.startsAt.toISOString(),
        attended: m.attendance.filter((a) => a.attended === true).length,
        recorded: m.attendance.filter((a) => a.attended !== null).length,
      })),
    },
    discussions,
    decisions: { taken: decisionsTaken },
    library,
  };
}

// --- Preparing and submitting ----------------------------------------------------------------

const note = (max: number) => z.string().trim().max(max, "mel:checkin.tooLong");
export const checkInNotesSchema = z.object({
  language: z.enum(["en", "fr"], { message: "mel:checkin.languageInvalid" }),
  progressNotes: note(10_000),
  challenges: note(10_000),
  helpSought: note(10_000),
  proposedChanges: note(10_000),
});
/** What the form sends: plain strings, validated here. */
export type CheckInNotes = { [K in keyof z.input<typeof checkInNotesSchema>]: string };

async function lastSubmittedAt(groupId: string): Promise<Date | null> {
  const last = await db().checkIn.findFirst({
    where: { groupId, status: "submitted" },
    orderBy: { submittedAt: "desc" },
    select: { submittedAt: true },
  });
  return last?.submittedAt ?? null;
}

/**
 * The refusal for a check-in this actor may not read, or null when they may: a draft is the
 * lead's working copy, so to MEL it does not exist (404); people who follow none of the group's
 * check-ins are refused outright (403).
 */
function refuseUnreadable(actor: Actor, checkIn: { groupId: string; status: string } | null): Refusal | null {
  if (!checkIn) return refuse.notFound();
  if (checkInPolicy.allow(actor, "read", checkIn)) return null;
  return checkInPolicy.allow(actor, "read", { groupId: checkIn.groupId, status: "submitted" }) ? refuse.notFound() : refuse.forbidden();
}

/** A check-in the actor is about to change as its preparer: readable, theirs to prepare, still a draft. */
async function draftToPrepare(actor: Actor, checkInId: string) {
  const checkIn = await db().checkIn.findUnique({ where: { id: checkInId }, select: { groupId: true, status: true, periodStart: true } });
  const unreadable = refuseUnreadable(actor, checkIn);
  if (unreadable) return unreadable;
  if (!checkInPolicy.allowPrepare(actor, checkIn!.groupId)) return refuse.forbidden();
  if (!checkInPolicy.allow(actor, "prepare", checkIn!)) return refuse.conflict("mel:checkin.alreadySubmitted");
  return ok(checkIn!);
}

function firstIssue(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  return refuse.invalid(issue.message.includes(":") ? issue.message : "common:errors.invalidValue", String(issue.path[0] ?? "form"));
}

/** The group's open draft, created (covering the time since the last check-in) when there is none. */
export async function openCheckInDraft(actor: Actor, groupId: string): Promise<Result<{ id: string }>> {
  if (!checkInPolicy.allowPrepare(actor, groupId)) return refuse.forbidden();
  const existing = await db().checkIn.findFirst({ where: { groupId, status: "draft" }, select: { id: true }, orderBy: { createdAt: "desc" } });
  if (existing) return ok(existing);
  const id = newId();
  await db().checkIn.create({ data: { id, groupId, periodStart: await lastSubmittedAt(groupId), preparedById: actor.id } });
  return ok({ id });
}

export async function saveCheckInDraft(actor: Actor, checkInId: string, notes: CheckInNotes): Promise<Result> {
  const draft = await draftToPrepare(actor, checkInId);
  if (!draft.ok) return draft;
  const parsed = checkInNotesSchema.safeParse(notes);
  if (!parsed.success) return firstIssue(parsed.error);
  await db().checkIn.update({ where: { id: checkInId }, data: { ...parsed.data, preparedById: actor.id } });
  return ok();
}

/** Saves the notes and submits: the assembled facts are frozen as they stand now. */
export async function submitCheckIn(actor: Actor, checkInId: string, notes: CheckInNotes): Promise<Result> {
  const draft = await draftToPrepare(actor, checkInId);
  if (!draft.ok) return draft;
  const checkIn = draft.value;
  const parsed = checkInNotesSchema.safeParse(notes);
  if (!parsed.success) return firstIssue(parsed.error);
  if (parsed.data.progressNotes === "") return refuse.invalid("mel:checkin.progressRequired", "progressNotes");
  const now = new Date();
  const facts = await assembleCheckInFacts(checkIn.groupId, checkIn.periodStart, now);
  await db().$transaction(async (tx) => {
    await tx.checkIn.update({ where: { id: checkInId }, data: { ...parsed.data, preparedById: actor.id, status: "submitted", submittedAt: now, facts: JSON.stringify(facts) } });
    await recordAudit({ actorId: actor.id, action: "checkin.submitted", objectType: "checkin", objectId: checkInId, data: { groupId: checkIn.groupId } }, tx);
  });
  announceChange(checkIn.groupId, checkInId);
  await noticeCheckInSubmitted(actor, { id: checkInId, groupId: checkIn.groupId });
  return ok();
}

// --- Reading ---------------------------------------------------------------------------------

/**
 * One check-in as this reader may see it: its notes, comments and follow-ups, and the facts
 * (frozen at submission, assembled live for a draft) with every library resource the reader
 * may not open left out — MEL and other groups' leads never learn a group-only title here.
 */
export async function readCheckIn(actor: Actor, checkInId: string) {
  const checkIn = await db().checkIn.findUnique({
    where: { id: checkInId },
    include: { comments: { orderBy: { createdAt: "asc" } }, followUps: { orderBy: { createdAt: "asc" } } },
  });
  if (!checkIn) return refuse.notFound();
  // Notes are for the group's leads, MEL and coordinators; a draft only for those preparing it.
  if (!checkInPolicy.allow(actor, "read", { groupId: checkIn.groupId, status: "submitted" })) return refuse.forbidden();
  if (!checkInPolicy.allow(actor, "read", checkIn)) return refuse.notFound();
  const names = await displayNames([
    checkIn.preparedById,
    checkIn.adviceById,
    ...checkIn.comments.map((c) => c.authorId),
    ...checkIn.followUps.flatMap((f) => [f.ownerId, f.createdById]),
  ]);
  const facts = checkIn.status === "submitted" ? (JSON.parse(checkIn.facts) as CheckInFacts) : await assembleCheckInFacts(checkIn.groupId, checkIn.periodStart);
  return ok({
    ...checkIn,
    facts: await factsForReader(actor, facts),
    preparedByName: names.get(checkIn.preparedById) ?? "",
    adviceByName: checkIn.adviceById ? (names.get(checkIn.adviceById) ?? "") : null,
    comments: checkIn.comments.map((c) => ({ ...c, authorName: names.get(c.authorId) ?? "" })),
    followUps: checkIn.followUps.map((f) => ({ ...f, ownerName: f.ownerId ? (names.get(f.ownerId) ?? "") : null })),
  });
}

export type CheckInView = Extract<Awaited<ReturnType<typeof readCheckIn>>, { ok: true }>["value"];

/** The facts with the library resources this reader may not open (as they stand now) removed. */
async function factsForReader(actor: Actor, facts: CheckInFacts): Promise<CheckInFacts> {
  if (!facts.library || facts.library.resources.length === 0) return facts;
  const rows = await db().libraryResource.findMany({
    where: { id: { in: facts.library.resources.map((r) => r.id) } },
    select: { id: true, visibility: true, groupId: true, addedById: true },
  });
  const current = new Map(rows.map(({ id, ...resource }) => [id, resource]));
  return { ...facts, library: { resources: checkInPolicy.visibleResources(actor, facts.library.resources, current) } };
}

/** The group's check-ins this reader may open, newest first (drafts only for those preparing them). */
export async function listCheckIns(actor: Actor, groupId: string) {
  if (!checkInPolicy.allow(actor, "read", { groupId, status: "submitted" })) return refuse.forbidden();
  return ok((await checkInRows(groupId)).filter((row) => checkInPolicy.allow(actor, "read", { groupId, status: row.status })));
}

async function checkInRows(groupId: string) {
  const rows = await db().checkIn.findMany({
    where: { groupId },
    select: { id: true, status: true, submittedAt: true, createdAt: true, updatedAt: true, preparedById: true, advice: true, helpSought: true, proposedChanges: true },
    orderBy: { createdAt: "desc" },
  });
  const names = await displayNames(rows.map((r) => r.preparedById));
  return rows.map(({ advice, helpSought, proposedChanges, ...r }) => ({
    ...r,
    preparedByName: names.get(r.preparedById) ?? "",
    // A request (help sought, a proposed change) stays open until MEL records its advice.
    hasOpenRequests: r.status === "submitted" && advice.trim() === "" && (helpSought.trim() !== "" || proposedChanges.trim() !== ""),
    hasAdvice: advice.trim() !== "",
  }));
}

// --- MEL's response --------------------------------------------------------------------------

const languageSchema = z.enum(["en", "fr"], { message: "mel:checkin.languageInvalid" });
export const commentSchema = z.object({
  body: z.string().trim().min(1, "mel:comment.required").max(5000, "mel:checkin.tooLong"),
  language: languageSchema,
});
export const adviceSchema = z.object({
  advice: z.string().trim().min(1, "mel:advice.required").max(10_000, "mel:checkin.tooLong"),
  language: languageSchema,
});
export const followUpSchema = z.object({
  title: z.string().trim().min(1, "mel:followUp.titleRequired").max(300, "mel:checkin.tooLong"),
  language: languageSchema,
  ownerId: z.string().trim().min(1, "mel:followUp.ownerRequired"),
  dueDate: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "mel:followUp.dueDateInvalid")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "mel:followUp.dueDateInvalid"),
});

/** A check-in the actor is about to respond to: readable, and this response theirs to give. */
async function checkInToAnswer(actor: Actor, checkInId: string, action: "comment" | "advise") {
  const checkIn = await db().checkIn.findUnique({ where: { id: checkInId }, select: { groupId: true, status: true } });
  const unreadable = refuseUnreadable(actor, checkIn);
  if (unreadable) return unreadable;
  if (!checkInPolicy.allow(actor, action, checkIn!)) return refuse.forbidden();
  return ok(checkIn!);
}

export async function addCheckInComment(actor: Actor, checkInId: string, input: { body: string; language: string }): Promise<Result<{ id: string }>> {
  const answered = await checkInToAnswer(actor, checkInId, "comment");
  if (!answered.ok) return answered;
  const checkIn = answered.value;
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error);
  const id = newId();
  await db().checkInComment.create({ data: { id, checkInId, authorId: actor.id, ...parsed.data } });
  announceChange(checkIn.groupId, checkInId);
  await noticeCheckInCommented(actor, { id: checkInId, groupId: checkIn.groupId });
  return ok({ id });
}

export async function recordCheckInAdvice(actor: Actor, checkInId: string, input: { advice: string; language: string }): Promise<Result> {
  const answered = await checkInToAnswer(actor, checkInId, "advise");
  if (!answered.ok) return answered;
  const checkIn = answered.value;
  const parsed = adviceSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error);
  await db().$transaction(async (tx) => {
    await tx.checkIn.update({ where: { id: checkInId }, data: { advice: parsed.data.advice, adviceLanguage: parsed.data.language, adviceById: actor.id, adviceAt: new Date() } });
    await recordAudit({ actorId: actor.id, action: "checkin.adviceRecorded", objectType: "checkin", objectId: checkInId, data: { groupId: checkIn.groupId, advice: parsed.data.advice } }, tx);
  });
  announceChange(checkIn.groupId, checkInId);
  await noticeCheckInAnswered(actor, { id: checkInId, groupId: checkIn.groupId });
  return ok();
}

/** Who can own a follow-up action: the group's people, the MEL group and coordinators. */
export async function followUpOwnerChoices(groupId: string) {
  return db().user.findMany({
    where: checkInPolicy.followUpOwnersWhere(groupId),
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
}

export async function createFollowUpAction(actor: Actor, checkInId: string, input: { title: string; language: string; ownerId: string; dueDate: string }): Promise<Result<{ id: string }>> {
  const answered = await checkInToAnswer(actor, checkInId, "advise");
  if (!answered.ok) return answered;
  const checkIn = answered.value;
  const parsed = followUpSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error);
  const owners = await followUpOwnerChoices(checkIn.groupId);
  if (!owners.some((o) => o.id === parsed.data.ownerId)) return refuse.invalid("mel:followUp.ownerRequired", "ownerId");
  const id = newId();
  await db().$transaction(async (tx) => {
    await tx.followUpAction.create({
      data: { id, groupId: checkIn.groupId, checkInId, title: parsed.data.title, language: parsed.data.language, ownerId: parsed.data.ownerId, dueDate: new Date(`${parsed.data.dueDate}T00:00:00Z`), createdById: actor.id },
    });
    await recordAudit({ actorId: actor.id, action: "followUp.created", objectType: "checkin", objectId: checkInId, data: { groupId: checkIn.groupId, followUpId: id, title: parsed.data.title, dueDate: parsed.data.dueDate } }, tx);
  });
  announceChange(checkIn.groupId, checkInId);
  await noticeFollowUpAssigned(actor, { id, groupId: checkIn.groupId, ownerId: parsed.data.ownerId });
  return ok({ id });
}

export async function completeFollowUpAction(actor: Actor, followUpId: string): Promise<Result> {
  const action = await db().followUpAction.findUnique({ where: { id: followUpId }, select: { groupId: true, status: true, checkInId: true } });
  if (!action || !checkInPolicy.allowFollowUp(actor, "read", action)) return refuse.notFound();
  if (!checkInPolicy.allowFollowUp(actor, "complete", action)) return refuse.forbidden();
  if (action.status === "done") return ok();
  await db().followUpAction.update({ where: { id: followUpId }, data: { status: "done", doneAt: new Date() } });
  if (action.checkInId) announceChange(action.groupId, action.checkInId);
  return ok();
}

/** The follow-up actions agreed with MEL, for the group's people, MEL and coordinators. */
export async function listFollowUpActions(actor: Actor, groupId: string) {
  if (!checkInPolicy.allowFollowUp(actor, "read", { groupId })) return refuse.forbidden();
  const actions = await db().followUpAction.findMany({ where: { groupId }, orderBy: [{ status: "desc" }, { dueDate: "asc" }] });
  const names = await displayNames(actions.map((a) => a.ownerId));
  // Open first (status "open" sorts after "done" descending), each by due date.
  return ok(actions.map((a) => ({ ...a, ownerName: a.ownerId ? (names.get(a.ownerId) ?? "") : null })));
}

// --- The MEL dashboard -----------------------------------------------------------------------

export interface GroupOverview {
  groupId: string;
  stages: Array<{ stage: CopStage; state: StageState }>;
  workplanStatus: string;
  milestones: { total: number; done: number; late: number; due: number };
  budget: { currency: string; plannedCents: number; allocationCents: number | null; spentCents: number };
  latestCheckIn: {
    id: string;
    submittedAt: Date | null;
    hasOpenRequests: boolean;
    hasAdvice: boolean;
    /** The lead's requests while MEL has not answered them, for the dashboard. */
    requests: { language: string; helpSought: string; proposedChanges: string } | null;
  } | null;
  draftCheckInId: string | null;
  openFollowUps: number;
  lateFollowUps: number;
}

/** Where a group stands, for those who follow its check-ins (the MEL dashboard and group page). */
export async function groupOverview(actor: Actor, group: { id: string; leads: unknown[] }, now = new Date()): Promise<Result<GroupOverview>> {
  if (!checkInPolicy.allow(actor, "read", { groupId: group.id, status: "submitted" })) return refuse.forbidden();
  const [plan, milestones, budget, checkIns, followUps] = await Promise.all([
    getGroupPlan(group.id),
    db().workplanMilestone.findMany({ where: { groupId: group.id }, select: { status: true, dueDate: true } }),
    groupBudgetSummary(group.id),
    checkInRows(group.id),
    db().followUpAction.findMany({ where: { groupId: group.id, status: "open" }, select: { dueDate: true } }),
  ]);
  const open = milestones.filter((m) => m.status !== "done" && m.status !== "dropped");
  const latest = checkIns.find((c) => c.status === "submitted") ?? null;
  const requests = latest?.hasOpenRequests
    ? await db().checkIn.findUnique({ where: { id: latest.id }, select: { language: true, helpSought: true, proposedChanges: true } })
    : null;
  const draft = checkIns.find((c) => c.status === "draft");
  return ok({
    groupId: group.id,
    stages: stagesFor({ hasLead: group.leads.length > 0, questionsStatus: plan.questionsStatus, outcomeForm: plan.outcomeForm, workplanStatus: plan.workplanStatus }),
    workplanStatus: plan.workplanStatus,
    milestones: {
      total: milestones.length,
      done: milestones.filter((m) => m.status === "done").length,
      late: open.filter((m) => m.dueDate && m.dueDate < now).length,
      due: open.filter((m) => m.dueDate && m.dueDate >= now && m.dueDate.getTime() <= now.getTime() + DUE_SOON_DAYS * DAY_MS).length,
    },
    budget: { currency: budget.currency, plannedCents: budget.plannedCents, allocationCents: budget.allocationCents, spentCents: budget.spentCents },
    latestCheckIn: latest ? { id: latest.id, submittedAt: latest.submittedAt, hasOpenRequests: latest.hasOpenRequests, hasAdvice: latest.hasAdvice, requests } : null,
    // A draft is named only to those who may open it.
    draftCheckInId: draft && checkInPolicy.allow(actor, "read", { groupId: group.id, status: draft.status }) ? draft.id : null,
    openFollowUps: followUps.length,
    lateFollowUps: followUps.filter((f) => f.dueDate && f.dueDate < now).length,
  });
}
