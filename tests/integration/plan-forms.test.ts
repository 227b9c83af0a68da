// Milestones, budget lines and learning questions through plain forms (a browser without
// JavaScript): the change lands in the same Yjs document as the editor's (an open editor sees it
// at once), in the derived tables, under the document policy; a budget line with expenses asks
// before it is removed or renamed, and its expenses stay attached or move to another line.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readGroupBudget, recordExpense } from "~/domain/budget.server";
import { approveWorkplan, writeLearningQuestions, writeWorkplan } from "~/domain/workplans.server";
import { actorOf, createMel, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectDocument, eventually, type YClient } from "../support/yjs";

const praxis = usePraxis();
const clients: YClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

async function browserFor(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

const plan = () => ({
  sections: [{ heading: "Objectives", paragraphs: ["Train 12 facilitators by March 2027."] }],
  milestones: [
    { title: "Kick-off", due: "2027-01-20", status: "planned", ownerId: "" },
    { title: "Retreat", due: "2027-03-01", status: "planned", ownerId: "" },
  ],
  budget: [
    { item: "Venue", category: "activities", amountCents: 30000, note: "" },
    { item: "Interpreters", category: "translation", amountCents: 12550, note: "" },
  ],
});

const titles = (doc: Y.Doc, name: string, key: string) => doc.getArray<Y.Map<unknown>>(name).toArray().map((entry) => entry.get(key));
const today = () => new Date().toISOString().slice(0, 10);

describe("milestones through plain forms", () => {
  it("add, edit, reorder and remove write into the live document and the tables", async () => {
    const slug = "rooting-care";
    const groupId = await groupIdFor(slug);
    await writeWorkplan(slug, plan());
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    const path = `/groups/${slug}/docs/workplan/items`;
    const live = connectDocument(praxis.url, `workplan.${slug}`, lead.sessionCookie);
    clients.push(live);
    await live.synced;

    const page = await (await lead.get(path)).text();
    expect(page).toContain('<label for="ms-new-title">Milestone</label>');
    expect(page).toContain("Move down");

    let response = await lead.post(path, { intent: "milestone-add", title: "Report", due: "2027-06-30", status: "planned", ownerId: "" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${path}?done=milestone-add`);
    await eventually(() => expect(titles(live.doc, "milestones", "title")).toEqual(["Kick-off", "Retreat", "Report"]));
    expect(await (await lead.get(`${path}?done=milestone-add`)).text()).toMatch(/role="status" tabindex="-1" autofocus="">Milestone added\./);

    const ids = titles(live.doc, "milestones", "id") as string[];
    expect((await lead.post(path, { intent: "milestone-move-up", id: ids[2], title: "ignored" })).status).toBe(303);
    await eventually(() => expect(titles(live.doc, "milestones", "title")).toEqual(["Kick-off", "Report", "Retreat"]));
    expect((await lead.post(path, { intent: "milestone-update", id: ids[0], title: "Kick-off meeting", due: "", status: "done", ownerId: "" })).status).toBe(303);
    await eventually(() => expect(titles(live.doc, "milestones", "status")).toEqual(["done", "planned", "planned"]));
    expect((await lead.post(path, { intent: "milestone-remove", id: ids[1] })).status).toBe(303);
    await eventually(() => expect(titles(live.doc, "milestones", "title")).toEqual(["Kick-off meeting", "Report"]));
    const rows = await db().workplanMilestone.findMany({ where: { groupId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.title, r.status])).toEqual([["Kick-off meeting", "done"], ["Report", "planned"]]);

    // Bad input: a translated message, the typed text kept, nothing written.
    response = await lead.post(path, { intent: "milestone-add", title: "  ", due: "31/12/2027", status: "planned", ownerId: "" }, { "accept-language": "fr" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Donnez un nom au jalon.");
    response = await lead.post(path, { intent: "milestone-add", title: "Late", due: "2027-13-45", status: "planned", ownerId: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Write a date such as 2027-03-31.");
    expect(html).toContain('value="Late"');
    expect((await lead.post(path, { intent: "milestone-add", title: "X", due: "", status: "flying", ownerId: "" })).status).toBe(400);
    expect((await lead.post(path, { intent: "milestone-remove", id: "gone" })).status).toBe(409);
    expect((await lead.post(path, { intent: "nonsense" })).status).toBe(400);
    expect(titles(live.doc, "milestones", "title")).toEqual(["Kick-off meeting", "Report"]);
  });

  it("shows no forms to a reader and refuses their posts; a submitted workplan is read-only for the lead", async () => {
    const slug = "practising-accountability";
    await writeWorkplan(slug, plan());
    const path = `/groups/${slug}/docs/workplan/items`;
    const outsider = await browserFor(await createMember({ group: "rooting-care" }));
    const page = await outsider.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Kick-off");
    expect(html).not.toContain('name="intent"');
    expect((await outsider.post(path, { intent: "milestone-add", title: "Sneaky", due: "", status: "planned", ownerId: "" })).status).toBe(403);

    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    expect((await lead.post(`/groups/${slug}/docs/workplan`, { intent: "submit", versionName: "For review" })).status).toBe(200);
    expect(await (await lead.get(path)).text()).not.toContain('name="intent"');
    expect((await lead.post(path, { intent: "milestone-add", title: "Late", due: "", status: "planned", ownerId: "" })).status).toBe(403);
    expect((await lead.get("/groups/rooting-care/docs/doc.nothing/items")).status).toBe(404);
  });

  it("a change after approval marks the workplan changed since approval, as an edit in the editor does", async () => {
    const slug = "strengthening-collaboration";
    const groupId = await groupIdFor(slug);
    await writeWorkplan(slug, plan());
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    expect((await lead.post(`/groups/${slug}/docs/workplan`, { intent: "submit", versionName: "For review" })).status).toBe(200);
    expect(await approveWorkplan(await actorOf(await createMel()), groupId)).toMatchObject({ ok: true });
    expect(await (await lead.get(`/groups/${slug}/docs/workplan`)).text()).not.toContain("Changed since approval");
    expect((await lead.post(`/groups/${slug}/docs/workplan/items`, { intent: "budget-add", item: "Printing", category: "materials", amount: "80", note: "" })).status).toBe(303);
    expect(await (await lead.get(`/groups/${slug}/docs/workplan`)).text()).toContain("Changed since approval");
  });
});

describe("budget lines with expenses", () => {
  it("removing asks first; the expenses stay attached under the line's name, or move to the line picked", async () => {
    // A workplan the server has not loaded: writeWorkplan below writes from this process.
    const slug = "strengthening-collaboration";
    const groupId = await groupIdFor(slug);
    await writeWorkplan(slug, plan());
    const leadMember = await createMember({ group: slug, lead: true });
    const leadActor = await actorOf(leadMember);
    const lead = await browserFor(leadMember);
    const path = `/groups/${slug}/docs/workplan/items`;
    const lines = await db().budgetLine.findMany({ where: { groupId }, orderBy: { position: "asc" } });
    const [venue, interpreters] = lines.map((l) => ({ row: l.id, id: l.id.slice(groupId.length + 1) }));
    for (const description of ["Deposit", "Balance"]) {
      expect((await recordExpense(leadActor, groupId, { budgetLineId: venue.row, amount: "100", spentOn: today(), description })).ok).toBe(true);
    }
    expect((await recordExpense(leadActor, groupId, { budgetLineId: interpreters.row, amount: "20", spentOn: today(), description: "Call" })).ok).toBe(true);
    expect(await (await lead.get(path)).text()).toContain("2 expenses are recorded on this line.");

    // Renaming asks, then the expenses follow the new name.
    let response = await lead.post(path, { intent: "budget-update", id: venue.id, item: "Hall", category: "activities", amount: "300.00", note: "" });
    expect(response.status).toBe(409);
    let html = await response.text();
    expect(html).toContain("Rename or recategorise “Venue”?");
    expect(html).toContain('name="confirmed" value="yes"');
    expect(html).toContain('value="Hall"');
    expect((await db().budgetLine.findUniqueOrThrow({ where: { id: venue.row } })).item).toBe("Venue");
    // The amount and note alone change without asking.
    expect((await lead.post(path, { intent: "budget-update", id: venue.id, item: "Venue", category: "activities", amount: "320", note: "with chairs" })).status).toBe(303);
    expect((await lead.post(path, { intent: "budget-update", id: venue.id, item: "Hall", category: "activities", amount: "320", note: "", confirmed: "yes" })).status).toBe(303);
    expect((await db().expense.findMany({ where: { budgetLineId: venue.row } })).map((e) => e.budgetLineItem)).toEqual(["Hall", "Hall"]);

    // Removing asks what happens to them; keeping them leaves them counted under the old name.
    response = await lead.post(path, { intent: "budget-remove", id: interpreters.id });
    expect(response.status).toBe(409);
    html = await response.text();
    expect(html).toContain("Remove “Interpreters”?");
    expect(html).toContain("Move them to another line");
    expect(await db().budgetLine.count({ where: { id: interpreters.row } })).toBe(1);
    expect((await lead.post(path, { intent: "budget-remove", id: interpreters.id, confirmed: "yes", expenses: "keep" })).status).toBe(303);
    expect(await db().budgetLine.count({ where: { id: interpreters.row } })).toBe(0);
    const budget = await readGroupBudget(leadActor, groupId);
    if (!budget.ok) throw new Error("budget refused");
    const call = budget.value.expenses.find((e) => e.description === "Call")!;
    expect(call).toMatchObject({ budgetLine: "Interpreters", category: "translation", lineRemoved: true });
    expect(budget.value.summary.categories.find((c) => c.category === "translation")?.spentCents).toBe(2000);

    // Moving: to the line picked, which must be another line of the workplan.
    expect((await lead.post(path, { intent: "budget-add", item: "Catering", category: "activities", amount: "50", note: "" })).status).toBe(303);
    const catering = (await db().budgetLine.findFirstOrThrow({ where: { groupId, item: "Catering" } })).id;
    expect((await lead.post(path, { intent: "budget-remove", id: venue.id, confirmed: "yes", expenses: "move", moveTo: "nowhere" })).status).toBe(400);
    expect((await lead.post(path, { intent: "budget-remove", id: venue.id, confirmed: "yes", expenses: "move", moveTo: catering.slice(groupId.length + 1) })).status).toBe(303);
    const moved = await db().expense.findMany({ where: { groupId, description: { in: ["Deposit", "Balance"] } } });
    expect(moved.map((e) => [e.budgetLineId, e.budgetLineItem])).toEqual([[catering, "Catering"], [catering, "Catering"]]);
    expect(await db().auditEvent.count({ where: { action: "budget.expensesMoved", objectId: groupId } })).toBe(1);

    // A member who may edit the workplan but not record spending can keep, not move.
    const member = await browserFor(await createMember({ group: slug }));
    const memberPage = await member.post(path, { intent: "budget-remove", id: catering.slice(groupId.length + 1) });
    expect(memberPage.status).toBe(409);
    html = await memberPage.text();
    expect(html).toContain("Expenses are recorded on this line.");
    expect(html).not.toContain("Move them to another line");
    expect((await member.post(path, { intent: "budget-remove", id: catering.slice(groupId.length + 1), confirmed: "yes", expenses: "move", moveTo: "x" })).status).toBe(403);
  });
});

describe("learning questions through plain forms", () => {
  it("add, edit, reorder and remove numbered items of the live document; finalised questions are read-only", async () => {
    const slug = "practising-accountability";
    await writeLearningQuestions(slug, "Intro", [[""]]);
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    const path = `/groups/${slug}/docs/learning-questions/items`;
    const live = connectDocument(praxis.url, `learning-questions.${slug}`, lead.sessionCookie);
    clients.push(live);
    await live.synced;
    // Yjs writes element names in lower case.
    const items = () => live.doc.getXmlFragment("default").toString().replace(/orderedlist/g, "orderedList").replace(/listitem/g, "listItem");

    expect((await lead.post(path, { intent: "question-add", text: "How do we share power?", translation: "Comment partager le pouvoir ?" })).status).toBe(303);
    expect((await lead.post(path, { intent: "question-add", text: "Who decides?", translation: "" })).status).toBe(303);
    await eventually(() =>
      expect(items()).toBe(
        "<paragraph>Intro</paragraph><orderedList><listItem><paragraph>How do we share power?</paragraph><paragraph>Comment partager le pouvoir ?</paragraph></listItem><listItem><paragraph>Who decides?</paragraph></listItem></orderedList>",
      ),
    );
    expect((await lead.post(path, { intent: "question-move-up", position: "1", expected: "Who decides?" })).status).toBe(303);
    // A stale form (the question at that place changed) is refused, not applied elsewhere.
    expect((await lead.post(path, { intent: "question-remove", position: "1", expected: "Who decides?" })).status).toBe(409);
    expect((await lead.post(path, { intent: "question-update", position: "0", expected: "Who decides?", text: "Who decides, and how?", translation: "" })).status).toBe(303);
    await eventually(() => expect(items()).toContain("<listItem><paragraph>Who decides, and how?</paragraph></listItem><listItem><paragraph>How do we share power?"));
    expect((await lead.post(path, { intent: "question-remove", position: "1", expected: "How do we share power?" })).status).toBe(303);
    await eventually(() => expect(items()).toBe("<paragraph>Intro</paragraph><orderedList><listItem><paragraph>Who decides, and how?</paragraph></listItem></orderedList>"));
    expect((await lead.post(path, { intent: "question-add", text: "", translation: "" })).status).toBe(400);

    expect((await lead.post(`/groups/${slug}/docs/learning-questions`, { intent: "finalise" })).status).toBe(200);
    expect(await (await lead.get(path)).text()).not.toContain('name="intent"');
    expect((await lead.post(path, { intent: "question-add", text: "One more?", translation: "" })).status).toBe(403);
  });
});
