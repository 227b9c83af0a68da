// MEL against a real server and database: the check-in draft from seeded activity, the review
// cycle, expenses and the CSV export, follow-up actions, honoraria, permissions and the trail.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "~/domain/audit.server";
import { groupBudgetSummary, recordExpense } from "~/domain/budget.server";
import { openCheckInDraft, submitCheckIn } from "~/domain/checkins.server";
import { createThread } from "~/domain/discussions.server";
import { addLinkResource } from "~/domain/library.server";
import type { Actor } from "~/domain/permissions";
import { createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { createBudgetLine, createGroupMeeting, createMilestone, daysFromNow, setGroupPlan, submitWorkplanForReview } from "../../prisma/demo/builders";
import { Browserless, pageText } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis({ env: { FILES_DIR: mkdtempSync(join(tmpdir(), "praxis-receipts-")) } });

async function actorOf(member: TestMember): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

async function browserFor(member: TestMember, language = "en"): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  browser.cookies.set("lng", language);
  return browser;
}

/** The same page read in French (the language cookie decides for members without a preference). */
async function inFrench(browser: Browserless, path: string): Promise<Response> {
  browser.cookies.set("lng", "fr");
  try {
    return await browser.get(path);
  } finally {
    browser.cookies.set("lng", "en");
  }
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}


describe("preparing a check-in (rooting-care)", () => {
  let lead: TestMember;
  let member: TestMember;
  let mel: TestMember;
  let groupId: string;
  let lines: Array<{ id: string }>;

  beforeAll(async () => {
    groupId = await groupIdFor("rooting-care");
    lead = await createMember({ group: "rooting-care", lead: true, displayName: "Kaya Lead" });
    member = await createMember({ group: "rooting-care" });
    mel = await createMel();
    await setGroupPlan(groupId, { questionsStatus: "finalised", outcomeForm: "toolkit", workplanStatus: "approved", allocationCents: 300_000 });
    await createMilestone(groupId, { title: "Care circle one held", dueDate: daysFromNow(-40), status: "done", position: 0 });
    await createMilestone(groupId, { title: "Practices mapped", dueDate: daysFromNow(-3), status: "in-progress", ownerId: member.id, position: 1 });
    await createMilestone(groupId, { title: "Toolkit draft shared", dueDate: daysFromNow(10), status: "planned", position: 2 });
    await createMilestone(groupId, { title: "Toolkit published", dueDate: daysFromNow(90), status: "planned", position: 3 });
    await createMilestone(groupId, { title: "Dropped idea", dueDate: daysFromNow(-10), status: "dropped", position: 4 });
    lines = [
      await createBudgetLine(groupId, { item: "Facilitation", category: "Facilitation", amountCents: 200_000, position: 0 }),
      await createBudgetLine(groupId, { item: "Mobile data", category: "Connectivity", amountCents: 100_000, position: 1 }),
    ];
    const leadActor = await actorOf(lead);
    expect((await recordExpense(leadActor, groupId, { budgetLineId: lines[0].id, amount: "300", spentOn: isoDay(daysFromNow(-20)), description: "Facilitator fee" })).ok).toBe(true);
    expect((await recordExpense(leadActor, groupId, { budgetLineId: lines[1].id, amount: "45,50", spentOn: isoDay(daysFromNow(-5)), description: "Data bundles" })).ok).toBe(true);
    await createGroupMeeting(groupId, {
      titleEn: "Care circle two",
      titleFr: "Cercle de soin deux",
      startsAt: daysFromNow(-7),
      createdById: lead.id,
      attendance: [{ userId: lead.id, attended: true }, { userId: member.id, attended: false }],
    });
  });

  it("opens a draft filled with milestones late and due, budget spent per category, plan status and meetings", async () => {
    const browser = await browserFor(lead);
    const opened = await browser.post("/mel/groups/rooting-care", { intent: "open-draft" });
    expect(opened.status).toBe(303);
    const location = opened.headers.get("location")!;
    expect(location).toMatch(/^\/mel\/checkins\/[a-z0-9]+$/);
    // Opening again continues the same draft.
    expect((await browser.post("/mel/groups/rooting-care", { intent: "open-draft" })).headers.get("location")).toBe(location);

    const text = await pageText(await browser.get(location));
    expect(text).toMatch(/Late \(1\) Practices mapped · due .*?· Tester/);
    expect(text).toMatch(/Due in the next 30 days \(1\) Toolkit draft shared/);
    expect(text).toMatch(/Done \(1 of 5\) Care circle one held/);
    expect(text).not.toMatch(/Late \([^)]*\)[^D]*Dropped idea/);
    expect(text).not.toContain("Toolkit published · due"); // 90 days out: neither late nor due soon
    // Budget planned vs spent per category, with the currency in the reader's locale.
    expect(text).toMatch(/Facilitation €2,000\.00 €300\.00/);
    expect(text).toMatch(/Connectivity €1,000\.00 €45\.50/);
    expect(text).toContain("Learning questions refined");
    expect(text).toContain("Learning outcome decided");
    expect(text).toContain("Workplan approved");
    expect(text).toMatch(/Care circle two · .*? · 1 of 2 came/);

    // The same draft in French.
    const french = await pageText(await inFrench(browser, location));
    expect(french).toMatch(/En retard \(1\) Practices mapped/);
    expect(french).toContain("Cercle de soin deux");
  });

  it("keeps what the lead typed when submitting without progress, then submits and freezes the facts", async () => {
    const leadActor = await actorOf(lead);
    const draft = await openCheckInDraft(leadActor, groupId);
    if (!draft.ok) throw new Error(draft.error);
    const browser = await browserFor(lead);
    const path = `/mel/checkins/${draft.value.id}`;
    const refused = await browser.post(path, { intent: "submit", language: "fr", progressNotes: "", challenges: "Connexion coupée pendant trois semaines", helpSought: "", proposedChanges: "" });
    expect(refused.status).toBe(400);
    const refusedText = await pageText(refused);
    expect(refusedText).toContain("Write a few words on progress before submitting.");
    expect(refusedText).toContain("Connexion coupée pendant trois semaines");

    expect((await browser.post(path, { intent: "save", language: "fr", progressNotes: "Deux cercles tenus", challenges: "Connexion coupée", helpSought: "Comment documenter sans exposer", proposedChanges: "" })).status).toBe(200);
    const saved = await db().checkIn.findUniqueOrThrow({ where: { id: draft.value.id } });
    expect(saved).toMatchObject({ status: "draft", language: "fr", progressNotes: "Deux cercles tenus" });

    // Activity elsewhere in Praxis feeds the draft: a thread in the group's space, a resource on its theme.
    const writer = await db().user.findUniqueOrThrow({ where: { id: lead.id }, select: { id: true, role: true, displayName: true, locale: true, memberships: { select: { groupId: true, role: true } } } });
    const thread = await createThread(writer, { groupId, title: "Rotas that held", body: "What kept our care rota alive.", language: "en" });
    if (!thread.ok) throw new Error(thread.error);
    const resource = await addLinkResource(leadActor, { description: "", language: "en", type: "article", themes: ["rooting-care"], tags: [], visibility: "community", groupSlug: "", isShareable: false, title: "Care rotas in practice" }, "https://example.org/care-rotas");
    if (!resource.ok) throw new Error(resource.error);

    const submitted = await browser.post(path, { intent: "submit", language: "fr", progressNotes: "Deux cercles tenus", challenges: "Connexion coupée", helpSought: "Comment documenter sans exposer", proposedChanges: "" });
    expect(submitted.status).toBe(303);
    const row = await db().checkIn.findUniqueOrThrow({ where: { id: draft.value.id } });
    expect(row.status).toBe("submitted");
    const facts = JSON.parse(row.facts);
    expect(facts.milestones.late.map((m: { title: string }) => m.title)).toEqual(["Practices mapped"]);
    expect(facts.budget.spentCents).toBe(34_550);
    expect(facts.discussions).toEqual({ threads: 1, posts: 1 });
    expect(facts.library.resources.map((r: { title: string }) => r.title)).toContain("Care rotas in practice");

    // Later spending does not change what was submitted.
    await recordExpense(leadActor, groupId, { budgetLineId: lines[1].id, amount: "10", spentOn: isoDay(new Date()), description: "More data" });
    const after = JSON.parse((await db().checkIn.findUniqueOrThrow({ where: { id: draft.value.id } })).facts);
    expect(after.budget.spentCents).toBe(34_550);
    const shown = await pageText(await browser.get(path));
    expect(shown).toContain("Deux cercles tenus");
    expect(await auditTrail("checkin", draft.value.id)).toEqual([expect.objectContaining({ action: "checkin.submitted" })]);

    // The next draft covers the time since this check-in.
    const next = await openCheckInDraft(leadActor, groupId);
    if (!next.ok) throw new Error(next.error);
    expect((await db().checkIn.findUniqueOrThrow({ where: { id: next.value.id } })).periodStart).toEqual(row.submittedAt);
  });

  it("lets MEL comment, record advice and add a follow-up action that the group sees on its page", async () => {
    const checkIn = await db().checkIn.findFirstOrThrow({ where: { groupId, status: "submitted" } });
    const path = `/mel/checkins/${checkIn.id}`;
    const melBrowser = await browserFor(mel);
    expect((await melBrowser.post(path, { intent: "comment", body: "Merci, très clair.", language: "fr" })).status).toBe(200);
    expect((await melBrowser.post(path, { intent: "advice", advice: "Use pseudonyms in the map; no places.", language: "en" })).status).toBe(200);
    const badOwner = await melBrowser.post(path, { intent: "follow-up", title: "Share the safe documentation guide", language: "en", ownerId: "nobody", dueDate: isoDay(daysFromNow(14)) });
    expect(badOwner.status).toBe(400);
    expect(await badOwner.text()).toContain('value="Share the safe documentation guide"');
    const created = await melBrowser.post(path, { intent: "follow-up", title: "Share the safe documentation guide", language: "en", ownerId: lead.id, dueDate: isoDay(daysFromNow(14)) });
    expect(created.status).toBe(200);

    const page = await pageText(await melBrowser.get(path));
    expect(page).toContain("Merci, très clair.");
    expect(page).toContain("Use pseudonyms in the map; no places.");

    // The lead sees the follow-up on the group page and can mark it done there.
    const leadBrowser = await browserFor(lead);
    const groupPage = await pageText(await leadBrowser.get("/groups/rooting-care"));
    expect(groupPage).toMatch(/Share the safe documentation guide · owner: Kaya Lead · due/);
    // A member sees it too, but not the check-in notes.
    const memberBrowser = await browserFor(member);
    const memberPage = await pageText(await memberBrowser.get("/groups/rooting-care"));
    expect(memberPage).toContain("Share the safe documentation guide");
    expect(memberPage).not.toContain("Deux cercles tenus");
    expect(memberPage).not.toContain("Mark done");
    const followUp = await db().followUpAction.findFirstOrThrow({ where: { groupId } });
    expect((await memberBrowser.post("/groups/rooting-care", { intent: "complete-followup", followUpId: followUp.id })).status).toBe(403);
    expect((await leadBrowser.post("/groups/rooting-care", { intent: "complete-followup", followUpId: followUp.id })).status).toBe(200);
    expect((await db().followUpAction.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe("done");

    const trail = await auditTrail("checkin", checkIn.id);
    expect(trail.map((e) => e.action)).toEqual(["checkin.submitted", "checkin.adviceRecorded", "followUp.created"]);
  });

  it("shows the dashboard of every group to MEL with stage, milestones, budget and latest check-in", async () => {
    const browser = await browserFor(mel);
    const text = await pageText(await browser.get("/mel"));
    for (const name of ["Rooting care", "Practising accountability", "Strengthening collaboration"]) expect(text).toContain(name);
    expect(text).toMatch(/Rooting care .*?Workplan and budget approved \( done \) Learning and sharing \( current step \)/);
    expect(text).toContain("1 of 5 done · 1 late · 1 due in the next 30 days");
    expect(text).toMatch(/€355\.50 of €3,000\.00/);
    expect(text).toContain("Latest check-in Submitted");
    const french = await pageText(await inFrench(browser, "/mel"));
    expect(french).toContain("Apprendre et partager");
    expect(french).toMatch(/355,50\s€ sur 3\s000,00\s€/);
  });
});

describe("permissions", () => {
  let checkInPath: string;
  let draftPath: string;

  beforeAll(async () => {
    const groupId = await groupIdFor("strengthening-collaboration");
    const lead = await actorOf(await createMember({ group: "strengthening-collaboration", lead: true }));
    const draft = await openCheckInDraft(lead, groupId);
    if (!draft.ok) throw new Error(draft.error);
    expect((await submitCheckIn(lead, draft.value.id, { language: "en", progressNotes: "Secret progress note", challenges: "", helpSought: "", proposedChanges: "" })).ok).toBe(true);
    checkInPath = `/mel/checkins/${draft.value.id}`;
    const second = await openCheckInDraft(lead, groupId);
    if (!second.ok) throw new Error(second.error);
    draftPath = `/mel/checkins/${second.value.id}`;
  });

  it("a member cannot read check-in notes, the dashboard, budgets or the CSV", async () => {
    const browser = await browserFor(await createMember({ group: "strengthening-collaboration" }));
    const response = await browser.get(checkInPath);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("Secret progress note");
    expect((await browser.get("/mel")).status).toBe(403);
    expect((await browser.get("/mel/groups/strengthening-collaboration")).status).toBe(403);
    expect((await browser.get("/mel/expenses.csv")).status).toBe(403);
    expect((await browser.post(checkInPath, { intent: "comment", body: "hello", language: "en" })).status).toBe(403);
  });

  it("a lead of one group cannot read or act on another group's check-ins and budget", async () => {
    const otherLead = await createMember({ group: "practising-accountability", lead: true });
    const browser = await browserFor(otherLead);
    expect((await browser.get(checkInPath)).status).toBe(403);
    expect((await browser.get("/mel/groups/strengthening-collaboration")).status).toBe(403);
    expect((await browser.get("/mel/expenses.csv?group=strengthening-collaboration")).status).toBe(403);
    expect((await browser.post("/mel/groups/strengthening-collaboration", { intent: "open-draft" })).status).toBe(403);
    // Their /mel shows only their own group.
    const dashboard = await pageText(await browser.get("/mel"));
    expect(dashboard).toContain("Practising accountability");
    expect(dashboard).not.toContain("Strengthening collaboration");
  });

  it("MEL reads submitted check-ins but not a lead's draft, and cannot prepare or spend", async () => {
    const browser = await browserFor(await createMel());
    expect((await browser.get(checkInPath)).status).toBe(200);
    expect((await browser.get(draftPath)).status).toBe(404);
    expect((await browser.post("/mel/groups/strengthening-collaboration", { intent: "open-draft" })).status).toBe(403);
  });

  it("a lead cannot comment as MEL's advice or add follow-ups", async () => {
    const lead = await createMember({ group: "strengthening-collaboration", lead: true });
    const browser = await browserFor(lead);
    expect((await browser.post(checkInPath, { intent: "advice", advice: "self-approved", language: "en" })).status).toBe(403);
    expect((await browser.post(checkInPath, { intent: "follow-up", title: "x", language: "en", ownerId: lead.id, dueDate: "2030-01-01" })).status).toBe(403);
    // Leads may answer MEL in the comments.
    expect((await browser.post(checkInPath, { intent: "comment", body: "Thanks!", language: "en" })).status).toBe(200);
  });
});

describe("workplan review (practising-accountability)", () => {
  it("requests changes with comments, accepts the resubmission, approves and sets the allocation", async () => {
    const groupId = await groupIdFor("practising-accountability");
    await createBudgetLine(groupId, { item: "Atelier régional", category: "Events", amountCents: 150_000, position: 0 });
    await createBudgetLine(groupId, { item: "Traduction", category: "Translation", amountCents: 70_050, position: 1 });
    await submitWorkplanForReview(groupId);
    const mel = await createMel();
    const browser = await browserFor(mel);
    const lead = await browserFor(await createMember({ group: "practising-accountability", lead: true }));

    // A lead cannot approve their own workplan.
    expect((await lead.post("/mel/groups/practising-accountability", { intent: "approve", comments: "", language: "en" })).status).toBe(403);

    const empty = await browser.post("/mel/groups/practising-accountability", { intent: "request-changes", comments: "  ", language: "en" });
    expect(empty.status).toBe(400);
    expect(await pageText(empty)).toContain("Say what should change before requesting changes.");

    const changes = await browser.post("/mel/groups/practising-accountability", { intent: "request-changes", comments: "Merci de préciser les dates de l'atelier.", language: "fr" });
    expect(changes.status).toBe(200);
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).workplanStatus).toBe("changes-requested");
    // Not submitted any more: approving now is refused.
    const early = await browser.post("/mel/groups/practising-accountability", { intent: "approve", comments: "", language: "en" });
    expect(early.status).toBe(409);

    // The lead reads the comments on the group's MEL page.
    expect(await pageText(await lead.get("/mel/groups/practising-accountability"))).toContain("Merci de préciser les dates de l'atelier.");

    await submitWorkplanForReview(groupId); // the documents feature's resubmission
    const approved = await browser.post("/mel/groups/practising-accountability", { intent: "approve", comments: "", language: "en" });
    expect(approved.status).toBe(200);
    const plan = await db().groupPlan.findUniqueOrThrow({ where: { groupId } });
    expect(plan).toMatchObject({ workplanStatus: "approved", workplanApprovedById: mel.id, allocationCents: 220_050, currency: "EUR" });
    expect(plan.workplanApprovedAt).toBeInstanceOf(Date);

    const trail = await auditTrail("workplan", groupId);
    expect(trail.map((e) => [e.action, e.actor?.displayName])).toEqual([
      ["workplan.changesRequested", mel.displayName],
      ["workplan.approved", mel.displayName],
    ]);
    expect(JSON.parse(trail[1].data)).toMatchObject({ allocationCents: 220_050 });
    const reviews = await db().workplanReview.findMany({ where: { groupId }, orderBy: { createdAt: "asc" } });
    expect(reviews.map((r) => r.decision)).toEqual(["changes-requested", "approved"]);

    // The trail is on the group's MEL page, with who and what.
    const page = await pageText(await browser.get("/mel/groups/practising-accountability"));
    expect(page).toContain(`${mel.displayName} · approved the workplan — €2,200.50`);
  });
});

describe("expenses and the CSV export (practising-accountability)", () => {
  it("records expenses through the form, refuses bad input keeping it, totals and exports them", async () => {
    const groupId = await groupIdFor("practising-accountability");
    const line = await createBudgetLine(groupId, { item: "Location de salle", category: "Events", amountCents: 50_000, position: 5 });
    const otherGroupLine = await createBudgetLine(await groupIdFor("rooting-care"), { item: "Other group's line", category: "X", amountCents: 100, position: 9 });
    const leadMember = await createMember({ group: "practising-accountability", lead: true, displayName: "Awa \"A\" Lead" });
    const browser = await browserFor(leadMember);
    const before = await groupBudgetSummary(groupId);

    const bad = await browser.post("/mel/groups/practising-accountability", { intent: "record-expense", budgetLineId: line.id, amount: "douze", spentOn: isoDay(new Date()), description: "Salle, acompte" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter an amount such as 45.50 (not zero).");
    expect(badHtml).toContain('value="Salle, acompte"');
    expect(badHtml).toContain('value="douze"');
    const foreign = await browser.post("/mel/groups/practising-accountability", { intent: "record-expense", budgetLineId: otherGroupLine.id, amount: "5", spentOn: isoDay(new Date()), description: "x" });
    expect(foreign.status).toBe(400);
    const future = await browser.post("/mel/groups/practising-accountability", { intent: "record-expense", budgetLineId: line.id, amount: "5", spentOn: isoDay(daysFromNow(5)), description: "x" });
    expect(future.status).toBe(400);

    for (const [amount, description] of [
      ["120,50", "Salle, acompte \"atelier\""],
      ["=1+1", "should fail"],
      ["79.5", "=HYPERLINK(\"http://evil\")"],
      ["-20", "Correction: remboursement"],
    ]) {
      await browser.post("/mel/groups/practising-accountability", { intent: "record-expense", budgetLineId: line.id, amount, spentOn: "2026-10-02", description });
    }
    const after = await groupBudgetSummary(groupId);
    expect(after.spentCents - before.spentCents).toBe(12_050 + 7_950 - 2_000);
    expect(after.lines.find((l) => l.id === line.id)).toMatchObject({ amountCents: 50_000, spentCents: 18_000 });
    expect(await db().expense.count({ where: { groupId, description: "should fail" } })).toBe(0);

    const trail = (await auditTrail("budget", groupId)).filter((e) => e.action === "expense.recorded");
    expect(trail.length).toBeGreaterThanOrEqual(3);
    expect(trail.every((e) => e.actor?.displayName === leadMember.displayName)).toBe(true);

    const csvResponse = await browser.get("/mel/expenses.csv?group=practising-accountability");
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toMatch(/^attachment; filename="praxis-expenses-practising-accountability-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await csvResponse.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    const rows = csv.split("\r\n");
    expect(rows[0]).toBe("Date,Working group,Budget line,Category,Description,Amount,Currency,Recorded by,Recorded at (UTC)");
    expect(csv).toContain(`2026-10-02,Practising accountability,Location de salle,Events,"Salle, acompte ""atelier""",120.50,EUR,"Awa ""A"" Lead",`);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"")",79.50,EUR,`);
    expect(csv).toContain(",Correction: remboursement,-20.00,EUR,");
    expect(csv.endsWith("\r\n")).toBe(true);

    // French headers and group names for a French reader; accents survive (UTF-8).
    const french = new TextDecoder().decode(await (await inFrench(browser, "/mel/expenses.csv?group=practising-accountability")).arrayBuffer());
    expect(french.split("\r\n")[0]).toBe("Date,Groupe de travail,Ligne budgétaire,Catégorie,Objet,Montant,Devise,Saisie par,Saisie le (UTC)");
    expect(french).toContain("Pratiquer la redevabilité");
  });

  it("keeps the CoP budget, set by the coordinator only, against what groups were allocated and spent", async () => {
    const coordinator = await browserFor(await createCoordinator());
    const mel = await browserFor(await createMel());
    expect((await mel.post("/mel", { intent: "set-cop-budget", total: "1" })).status).toBe(403);
    expect((await coordinator.post("/mel", { intent: "set-cop-budget", total: "quinze mille" })).status).toBe(400);
    expect((await coordinator.post("/mel", { intent: "set-cop-budget", total: "15 000" })).status).toBe(200);
    expect((await db().copBudget.findUniqueOrThrow({ where: { id: "cop" } })).totalCents).toBe(1_500_000);
    const spent = (await db().expense.aggregate({ _sum: { amountCents: true } }))._sum.amountCents ?? 0;
    const allocated = (await db().groupPlan.findMany()).reduce((sum, p) => sum + (p.allocationCents ?? 0), 0);
    const text = await pageText(await mel.get("/mel"));
    const euros = (cents: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);
    expect(text).toContain(`Total budget ${euros(1_500_000)} Allocated to groups ${euros(allocated)} Not yet allocated ${euros(1_500_000 - allocated)} Spent ${euros(spent)} Remaining ${euros(1_500_000 - spent)}`);
    expect(text).toContain("set the CoP budget");
  });
});

describe("receipts", () => {
  it("keep a cleaned receipt with an expense, for the group's leads and MEL only", async () => {
    const groupId = await groupIdFor("strengthening-collaboration");
    const line = await createBudgetLine(groupId, { item: "Interpretation", category: "Translation", amountCents: 80_000, position: 1 });
    const leadMember = await createMember({ group: "strengthening-collaboration", lead: true });
    const browser = await browserFor(leadMember);
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText("Invoice 42 - interpretation");
    pdf.setAuthor("Real Name Of Interpreter");
    const bytes = await pdf.save();
    const post = (file: { name: string; type: string; bytes: Uint8Array }) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ intent: "record-expense", budgetLineId: line.id, amount: "80", spentOn: isoDay(daysFromNow(-1)), description: "Interpreter, plenary" })) form.append(name, value);
      form.append("receipt", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      return fetch(new URL("/mel/groups/strengthening-collaboration", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
    };

    const refused = await post({ name: "receipt.pdf", type: "application/pdf", bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("A receipt must be a PDF or a photo");
    expect(await db().expense.count({ where: { groupId } })).toBe(0);

    expect((await post({ name: "invoice-42.pdf", type: "application/pdf", bytes })).status).toBe(200);
    const expense = await db().expense.findFirstOrThrow({ where: { groupId } });
    expect(expense.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    const download = await browser.get(`/mel/receipts/${expense.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("application/pdf");
    // The phone's file name is not kept: a neutral one from the date.
    expect(download.headers.get("content-disposition")).toMatch(/filename="receipt-\d{4}-\d{2}-\d{2}\.pdf"/);
    expect(expense.receiptName).not.toContain("invoice-42");
    const kept = await PDFDocument.load(new Uint8Array(await download.arrayBuffer()));
    expect(kept.getAuthor() ?? "").not.toContain("Real Name");

    const outsider = await browserFor(await createMember({ group: "strengthening-collaboration" }));
    expect((await outsider.get(`/mel/receipts/${expense.id}`)).status).toBe(404);
    expect((await (await browserFor(await createMel())).get(`/mel/receipts/${expense.id}`)).status).toBe(200);
  });
});

describe("honoraria", () => {
  it("the coordinator marks a month paid, the trail keeps it, and the member sees their own record", async () => {
    const member = await createMember({ group: "rooting-care", displayName: "Nilo Honoraria" });
    const coordinator = await createCoordinator();
    const browser = await browserFor(coordinator);
    const month = new Date().toISOString().slice(0, 7);

    const list = await pageText(await browser.get("/mel/honoraria"));
    expect(list).toContain("Nilo Honoraria Paid: €0.00 · Still due: €100.00");

    const memberBrowser = await browserFor(member);
    expect((await memberBrowser.post("/mel/honoraria", { intent: "mark-paid", userId: member.id, month })).status).toBe(403);
    expect((await browser.post("/mel/honoraria", { intent: "mark-paid", userId: member.id, month: "2999-01" })).status).toBe(400);
    expect((await browser.post("/mel/honoraria", { intent: "mark-paid", userId: coordinator.id, month })).status).toBe(400);
    expect((await browser.post("/mel/honoraria", { intent: "mark-paid", userId: member.id, month })).status).toBe(200);
    expect(await db().honorariumPayment.findUniqueOrThrow({ where: { userId_month: { userId: member.id, month } } })).toMatchObject({ amountCents: 10_000, currency: "EUR", paidById: coordinator.id });

    const settings = await pageText(await memberBrowser.get("/settings"));
    expect(settings).toContain("Your honorarium");
    expect(settings).toContain("Paid: €100.00 · Still due: €0.00");
    // A MEL member or coordinator (no group) is not paid honoraria: no section.
    expect(await pageText(await browser.get("/settings"))).not.toContain("Your honorarium");

    expect((await browser.post("/mel/honoraria", { intent: "unmark-paid", userId: member.id, month })).status).toBe(200);
    const trail = await auditTrail("honorarium", member.id);
    expect(trail.map((e) => [e.action, e.actor?.displayName])).toEqual([
      ["honorarium.paid", coordinator.displayName],
      ["honorarium.unmarked", coordinator.displayName],
    ]);
  });
});
