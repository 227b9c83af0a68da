// Domain verbs authorise first, whoever calls them: the page, a script or another module. Each
// refusal is paired with the rightful person succeeding, on a real database (SQLite and
// PostgreSQL), and a few through the pages to show the route answers the verb's status.
import { beforeAll, describe, expect, it } from "vitest";
import { deactivateUser, listPeople, setCopRole, setGroupRole } from "~/domain/accounts.server";
import { copBudgetSummary, expenseReceipt, readGroupBudget, recordExpense, setCopBudget } from "~/domain/budget.server";
import {
  addCheckInComment,
  completeFollowUpAction,
  createFollowUpAction,
  groupOverview,
  listCheckIns,
  listFollowUpActions,
  openCheckInDraft,
  readCheckIn,
  recordCheckInAdvice,
  saveCheckInDraft,
  submitCheckIn,
} from "~/domain/checkins.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { honorariaTrail, listHonoraria, markHonorariumPaid, monthOf } from "~/domain/honoraria.server";
import { createInvitation, listInvitations, revokeInvitation } from "~/domain/invitations.server";
import { cancelMeeting, listMeetings, recordAttendance, scheduleMeeting, setRsvp, updateMeeting, type MeetingInput } from "~/domain/meetings.server";
import type { Actor } from "~/domain/permissions";
import type { Result } from "~/domain/result";
import { createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { createBudgetLine, daysFromNow } from "../../prisma/demo/builders";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

async function actorOf(member: TestMember): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

/** The refusal's status, or "ok". */
function outcome(result: Result<unknown>): number | "ok" {
  return result.ok ? "ok" : result.status;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const notes = { language: "en", progressNotes: "Two circles held", challenges: "", helpSought: "", proposedChanges: "" };

// Cast once: members and leads of rooting-care and practising-accountability, MEL, two coordinators.
let care: string;
let accountability: string;
let coordinator: TestMember;
let otherCoordinator: TestMember;
let mel: TestMember;
let careLead: TestMember;
let careMember: TestMember;
let accountabilityLead: TestMember;
const as = {} as Record<"coordinator" | "otherCoordinator" | "mel" | "careLead" | "careMember" | "accountabilityLead", Actor>;

beforeAll(async () => {
  care = await groupIdFor("rooting-care");
  accountability = await groupIdFor("practising-accountability");
  [coordinator, otherCoordinator, mel, careLead, careMember, accountabilityLead] = await Promise.all([
    createCoordinator(),
    createCoordinator(),
    createMel(),
    createMember({ group: "rooting-care", lead: true }),
    createMember({ group: "rooting-care" }),
    createMember({ group: "practising-accountability", lead: true }),
  ]);
  Object.assign(as, {
    coordinator: await actorOf(coordinator),
    otherCoordinator: await actorOf(otherCoordinator),
    mel: await actorOf(mel),
    careLead: await actorOf(careLead),
    careMember: await actorOf(careMember),
    accountabilityLead: await actorOf(accountabilityLead),
  });
});

describe("people", () => {
  it("roles are changed by a coordinator only, never on themselves", async () => {
    const someone = await createMember({ group: "rooting-care" });
    expect(outcome(await setCopRole(as.careLead, someone.id, "mel"))).toBe(403);
    expect(outcome(await setCopRole(as.mel, someone.id, "coordinator"))).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).role).toBe("member");
    const self = await setCopRole(as.coordinator, coordinator.id, "member");
    expect(self).toMatchObject({ ok: false, status: 403, error: "people:members.notSelf" });
    expect(outcome(await setCopRole(as.coordinator, someone.id, "ruler"))).toBe(400);
    expect(outcome(await setCopRole(as.coordinator, "no-such-person", "mel"))).toBe(404);
    expect(outcome(await setCopRole(as.coordinator, someone.id, "mel"))).toBe("ok");
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).role).toBe("mel");
  });

  it("group places are set by a coordinator only, with a role the group knows", async () => {
    const someone = await createMember({ group: null });
    expect(outcome(await setGroupRole(as.careLead, someone.id, care, "lead"))).toBe(403);
    expect(outcome(await setGroupRole(as.mel, someone.id, care, "member"))).toBe(403);
    expect(outcome(await setGroupRole(as.coordinator, someone.id, care, "owner"))).toBe(400);
    expect(outcome(await setGroupRole(as.coordinator, someone.id, "no-such-group", "member"))).toBe(400);
    expect(await db().membership.count({ where: { userId: someone.id } })).toBe(0);
    expect(outcome(await setGroupRole(as.coordinator, someone.id, care, "lead"))).toBe("ok");
    expect((await db().membership.findFirstOrThrow({ where: { userId: someone.id } })).role).toBe("lead");
    expect(outcome(await setGroupRole(as.coordinator, someone.id, care, "none"))).toBe("ok");
    expect(await db().membership.count({ where: { userId: someone.id } })).toBe(0);
  });

  it("accounts are closed by another coordinator only", async () => {
    const someone = await createMember();
    expect(outcome(await deactivateUser(as.careLead, someone.id))).toBe(403);
    expect(await deactivateUser(as.coordinator, coordinator.id)).toMatchObject({ ok: false, status: 403, error: "people:deactivate.notSelf" });
    expect((await db().user.findUniqueOrThrow({ where: { id: coordinator.id } })).deactivatedAt).toBeNull();
    expect(outcome(await deactivateUser(as.otherCoordinator, someone.id))).toBe("ok");
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).deactivatedAt).not.toBeNull();
  });

  it("the people list and invitations are the coordinator's", async () => {
    expect(outcome(await listPeople(as.mel))).toBe(403);
    expect(outcome(await listInvitations(as.careLead))).toBe(403);
    expect(outcome(await createInvitation(as.mel, { role: "coordinator" }))).toBe(403);
    expect(outcome(await createInvitation(as.coordinator, { role: "lead" }))).toBe(400); // leads need a group
    const invitation = await createInvitation(as.coordinator, { role: "lead", groupId: care, note: "" });
    if (!invitation.ok) throw new Error(invitation.error);
    expect(outcome(await revokeInvitation(as.careLead, invitation.value.id))).toBe(403);
    expect(outcome(await revokeInvitation(as.coordinator, invitation.value.id))).toBe("ok");
    expect(outcome(await revokeInvitation(as.coordinator, invitation.value.id))).toBe(409);
    const people = await listPeople(as.coordinator);
    expect(people.ok && people.value.some((p) => p.id === careLead.id)).toBe(true);
  });

  it("the people page answers the verb's refusal", async () => {
    const someone = await createMember();
    const lead = await signedIn(careLead);
    expect((await lead.post("/people", { intent: "set-role", userId: someone.id, role: "coordinator" })).status).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).role).toBe("member");
    const browser = await signedIn(coordinator);
    const self = await browser.post("/people", { intent: "set-role", userId: coordinator.id, role: "member" });
    expect(self.status).toBe(403);
    expect(await self.text()).toContain("You cannot change your own role in the CoP");
    expect((await browser.post("/people", { intent: "set-group-role", userId: someone.id, groupId: care, role: "owner" })).status).toBe(400);
    expect((await browser.post("/people", { intent: "set-role", userId: someone.id, role: "mel" })).status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).role).toBe("mel");
  });
});

describe("meetings", () => {
  const meeting = (values: Partial<Record<keyof MeetingInput, unknown>>): MeetingInput => ({
    kind: "group",
    groupId: care,
    audience: "group",
    acknowledgeNight: true,
    titleEn: "Circle",
    titleFr: "Cercle",
    date: isoDay(daysFromNow(5)),
    time: "14:00",
    timeZone: "UTC",
    durationMinutes: 60,
    callUrl: "",
    ...values,
  }) as MeetingInput;

  it("are scheduled by a group's leads for their group, and by MEL and coordinators for the CoP", async () => {
    expect(outcome(await scheduleMeeting(as.careMember, meeting({})))).toBe(403);
    // A member is refused before what they typed is judged.
    expect(outcome(await scheduleMeeting(as.careMember, meeting({ durationMinutes: 500 })))).toBe(403);
    expect(outcome(await scheduleMeeting(as.accountabilityLead, meeting({})))).toBe(403);
    expect(outcome(await scheduleMeeting(as.careLead, meeting({ kind: "plenary", audience: "community", groupId: "" })))).toBe(403);
    expect(outcome(await scheduleMeeting(as.careLead, meeting({ durationMinutes: 500 })))).toBe(400);
    expect(outcome(await scheduleMeeting(as.careLead, meeting({})))).toBe("ok");
    expect(outcome(await scheduleMeeting(as.mel, meeting({ kind: "mel-checkin", audience: "leads-mel", groupId: "" })))).toBe("ok");
  });

  it("are changed, cancelled and their attendance recorded by organisers; answered by invitees", async () => {
    const scheduled = await scheduleMeeting(as.careLead, meeting({ date: isoDay(daysFromNow(3)) }));
    if (!scheduled.ok) throw new Error(scheduled.error);
    const [id] = scheduled.value.meetingIds;
    expect(outcome(await updateMeeting(as.careMember, id, meeting({ titleEn: "Taken over" })))).toBe(403);
    expect(outcome(await updateMeeting(as.careLead, id, meeting({ groupId: accountability })))).toBe(403); // moving it to a group they do not lead
    expect(outcome(await updateMeeting(as.careLead, id, meeting({ titleEn: "Circle, moved", date: isoDay(daysFromNow(4)) })))).toBe("ok");
    expect((await db().meeting.findUniqueOrThrow({ where: { id } })).titleEn).toBe("Circle, moved");

    expect(outcome(await setRsvp(as.accountabilityLead, id, "yes"))).toBe(403); // not invited
    expect(outcome(await setRsvp(as.careMember, id, "perhaps"))).toBe(400);
    expect(outcome(await setRsvp(as.careMember, id, "yes"))).toBe("ok");
    expect(outcome(await recordAttendance(as.careMember, id, [careMember.id]))).toBe(403);
    expect(outcome(await recordAttendance(as.careLead, id, [careMember.id]))).toBe(409); // not started yet
    expect(outcome(await recordAttendance(as.careLead, id, [careMember.id], daysFromNow(10)))).toBe("ok");

    expect(outcome(await cancelMeeting(as.careMember, id))).toBe(403);
    expect(outcome(await cancelMeeting(as.careLead, id))).toBe("ok");
    expect(outcome(await cancelMeeting(as.careLead, id))).toBe(409);
    expect(outcome(await setRsvp(as.careMember, id, "no"))).toBe(403); // cancelled
    expect(outcome(await cancelMeeting(as.careLead, "no-such-meeting"))).toBe(404);
    const listed = await listMeetings(as.careMember, {});
    expect(listed.ok && listed.value.upcoming.some((m) => m.id === id)).toBe(true);
  });

  it("the meetings page offers scheduling to those the policy lets schedule", async () => {
    const member = await (await signedIn(careMember)).get("/meetings");
    expect(await member.text()).not.toContain('href="/meetings/new"');
    const lead = await (await signedIn(careLead)).get("/meetings");
    expect(await lead.text()).toContain('href="/meetings/new"');
  });
});

describe("budgets", () => {
  let careLine: { id: string };
  let accountabilityLine: { id: string };
  beforeAll(async () => {
    careLine = await createBudgetLine(care, { item: "Facilitation", category: "Facilitation", amountCents: 100_000 });
    accountabilityLine = await createBudgetLine(accountability, { item: "Venue", category: "Events", amountCents: 100_000 });
  });
  const expense = (budgetLineId: string) => ({ budgetLineId, amount: "25", spentOn: isoDay(daysFromNow(-1)), description: "Data bundles" });

  it("a group's expenses are recorded by its own leads (and coordinators), against its own lines", async () => {
    expect(outcome(await recordExpense(as.accountabilityLead, care, expense(careLine.id)))).toBe(403);
    expect(outcome(await recordExpense(as.careMember, care, expense(careLine.id)))).toBe(403);
    expect(outcome(await recordExpense(as.mel, care, expense(careLine.id)))).toBe(403);
    // Their own group, another group's line: as good as unknown.
    expect(await recordExpense(as.accountabilityLead, accountability, expense(careLine.id))).toMatchObject({ ok: false, status: 400, fieldErrors: { budgetLineId: "mel:expense.lineRequired" } });
    expect(await db().expense.count({ where: { budgetLineId: careLine.id } })).toBe(0);
    expect(outcome(await recordExpense(as.careLead, care, expense(careLine.id)))).toBe("ok");
    expect(outcome(await recordExpense(as.accountabilityLead, accountability, expense(accountabilityLine.id)))).toBe("ok");
    expect(outcome(await recordExpense(as.coordinator, care, expense(careLine.id)))).toBe("ok");
  });

  it("a group's budget is read by its leads, MEL and coordinators; the CoP budget set by a coordinator", async () => {
    expect(outcome(await readGroupBudget(as.careMember, care))).toBe(403);
    expect(outcome(await readGroupBudget(as.accountabilityLead, care))).toBe(403);
    const read = await readGroupBudget(as.mel, care);
    expect(read.ok && read.value.summary.lines.some((l) => l.id === careLine.id)).toBe(true);
    expect(outcome(await readGroupBudget(as.careLead, care))).toBe("ok");
    expect(outcome(await setCopBudget(as.mel, { total: "1000" }))).toBe(403);
    expect(outcome(await setCopBudget(as.coordinator, { total: "mille" }))).toBe(400);
    expect(outcome(await setCopBudget(as.coordinator, { total: "1000" }))).toBe("ok");
    expect(outcome(await copBudgetSummary(as.careLead))).toBe(403);
    expect(outcome(await copBudgetSummary(as.mel))).toBe("ok");
  });

  it("a receipt is not found by anyone who may not read the group's budget", async () => {
    const id = (await db().expense.findFirstOrThrow({ where: { groupId: care } })).id;
    await db().expense.update({ where: { id }, data: { receiptHash: "0".repeat(64), receiptMime: "application/pdf", receiptName: "r.pdf" } });
    expect(outcome(await expenseReceipt(as.careMember, id))).toBe(404);
    expect(outcome(await expenseReceipt(as.accountabilityLead, id))).toBe(404);
    expect(outcome(await expenseReceipt(as.mel, id))).toBe("ok");
  });
});

describe("honoraria", () => {
  it("are marked and listed by coordinators only", async () => {
    const month = monthOf(new Date());
    expect(outcome(await markHonorariumPaid(as.mel, careMember.id, month))).toBe(403);
    expect(outcome(await markHonorariumPaid(as.careLead, careMember.id, month))).toBe(403);
    expect(outcome(await listHonoraria(as.mel))).toBe(403);
    expect(outcome(await honorariaTrail(as.careLead))).toBe(403);
    expect(outcome(await markHonorariumPaid(as.coordinator, careMember.id, "2999-01"))).toBe(400);
    expect(outcome(await markHonorariumPaid(as.coordinator, careMember.id, month))).toBe("ok");
    const records = await listHonoraria(as.coordinator);
    expect(records.ok && records.value.find((r) => r.userId === careMember.id)?.months.some((m) => m.month === month && m.paidAt)).toBe(true);
  });
});

describe("check-ins", () => {
  it("are prepared by the group's lead; MEL never sees a draft, and answers once submitted", async () => {
    expect(outcome(await openCheckInDraft(as.mel, care))).toBe(403);
    expect(outcome(await openCheckInDraft(as.accountabilityLead, care))).toBe(403);
    expect(outcome(await openCheckInDraft(as.careMember, care))).toBe(403);
    const draft = await openCheckInDraft(as.careLead, care);
    if (!draft.ok) throw new Error(draft.error);
    const id = draft.value.id;

    expect(outcome(await readCheckIn(as.mel, id))).toBe(404); // a draft does not exist for MEL
    expect(outcome(await readCheckIn(as.careMember, id))).toBe(403);
    expect(outcome(await saveCheckInDraft(as.mel, id, notes))).toBe(404);
    expect(outcome(await saveCheckInDraft(as.accountabilityLead, id, notes))).toBe(403);
    expect(outcome(await addCheckInComment(as.mel, id, { body: "Early thoughts", language: "en" }))).toBe(404);
    expect(outcome(await saveCheckInDraft(as.careLead, id, notes))).toBe("ok");
    const drafts = await listCheckIns(as.mel, care);
    expect(drafts.ok && drafts.value.some((c) => c.id === id)).toBe(false);
    const overview = await groupOverview(as.mel, (await getGroupBySlug("rooting-care"))!);
    expect(overview.ok && overview.value.draftCheckInId).toBe(null);

    expect(outcome(await submitCheckIn(as.careLead, id, notes))).toBe("ok");
    expect(outcome(await submitCheckIn(as.careLead, id, notes))).toBe(409);
    expect(outcome(await readCheckIn(as.mel, id))).toBe("ok");
    expect(outcome(await readCheckIn(as.accountabilityLead, id))).toBe(403);
    expect(outcome(await listCheckIns(as.careMember, care))).toBe(403);
    expect(outcome(await groupOverview(as.careMember, (await getGroupBySlug("rooting-care"))!))).toBe(403);

    expect(outcome(await recordCheckInAdvice(as.careLead, id, { advice: "Self-approved", language: "en" }))).toBe(403);
    expect(outcome(await addCheckInComment(as.accountabilityLead, id, { body: "Hi", language: "en" }))).toBe(403);
    expect(outcome(await addCheckInComment(as.careLead, id, { body: "Thanks", language: "en" }))).toBe("ok");
    expect(outcome(await recordCheckInAdvice(as.mel, id, { advice: "Keep going", language: "en" }))).toBe("ok");
    const followUp = { title: "Share the guide", language: "en", ownerId: careLead.id, dueDate: isoDay(daysFromNow(14)) };
    expect(outcome(await createFollowUpAction(as.careLead, id, followUp))).toBe(403);
    // Owners are the group's people, MEL and coordinators: not another group's lead.
    expect(outcome(await createFollowUpAction(as.mel, id, { ...followUp, ownerId: accountabilityLead.id }))).toBe(400);
    const created = await createFollowUpAction(as.mel, id, followUp);
    if (!created.ok) throw new Error(created.error);

    expect(outcome(await listFollowUpActions(as.accountabilityLead, care))).toBe(403);
    expect(outcome(await listFollowUpActions(as.careMember, care))).toBe("ok");
    expect(outcome(await completeFollowUpAction(as.accountabilityLead, created.value.id))).toBe(404);
    expect(outcome(await completeFollowUpAction(as.careMember, created.value.id))).toBe(403);
    expect(outcome(await completeFollowUpAction(as.careLead, created.value.id))).toBe("ok");
    expect((await db().followUpAction.findUniqueOrThrow({ where: { id: created.value.id } })).status).toBe("done");
  });
});
