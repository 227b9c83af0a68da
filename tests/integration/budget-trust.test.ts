// A budget one can trust, against a real server and database: an expense far above what its line
// has left asks to confirm (the page too, without JavaScript), a correction names the entry it
// corrects and is listed right under it, and honoraria paid count in the CoP budget's "spent".
import { beforeAll, describe, expect, it } from "vitest";
import { copBudgetSummary, isFarAboveRemaining, readGroupBudget, recordExpense, setCopBudget } from "~/domain/budget.server";
import { markHonorariumPaid, HONORARIUM_MONTHLY_CENTS, monthOf } from "~/domain/honoraria.server";
import type { Actor } from "~/domain/permissions";
import { actorOf, createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { createBudgetLine, daysFromNow, setGroupPlan } from "../../prisma/demo/builders";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

const yesterday = () => daysFromNow(-1).toISOString().slice(0, 10);

describe("expenses you can trust (strengthening-collaboration)", () => {
  let lead: TestMember;
  let leadActor: Actor;
  let coordinator: Actor;
  let groupId: string;
  let otherGroupExpense: string;
  let line: { id: string };
  let otherLine: { id: string };

  beforeAll(async () => {
    groupId = await groupIdFor("strengthening-collaboration");
    lead = await createMember({ group: "strengthening-collaboration", lead: true });
    leadActor = await actorOf(lead);
    coordinator = await actorOf(await createCoordinator());
    await setGroupPlan(groupId, { workplanStatus: "approved", allocationCents: 500_000 });
    line = await createBudgetLine(groupId, { item: "Translation", category: "Translation", amountCents: 100_000, position: 0 });
    otherLine = await createBudgetLine(groupId, { item: "Mobile data", category: "Connectivity", amountCents: 50_000, position: 1 });
    const care = await groupIdFor("rooting-care");
    const careLine = await createBudgetLine(care, { item: "Care", category: "Facilitation", amountCents: 100_000, position: 0 });
    const careExpense = await recordExpense(coordinator, care, { budgetLineId: careLine.id, amount: "10", spentOn: yesterday(), description: "Care data" });
    if (!careExpense.ok) throw new Error(careExpense.error);
    otherGroupExpense = careExpense.value.id;
  });

  it("tells 150 % of what is left from an ordinary amount", () => {
    expect(isFarAboveRemaining(15_000, 10_000)).toBe(false);
    expect(isFarAboveRemaining(15_001, 10_000)).toBe(true);
    expect(isFarAboveRemaining(1, 0)).toBe(true);
    expect(isFarAboveRemaining(-5_000, 0)).toBe(false);
  });

  it("asks to confirm an expense far above the line's remaining amount, and records it once confirmed", async () => {
    // 1,000 left on the line: 1,400 passes, then 6,000 against the 0 left needs confirming.
    expect((await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "1400", spentOn: yesterday(), description: "Interpreters" })).ok).toBe(true);
    const refused = await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "6000", spentOn: yesterday(), description: "Typo: 60,00" });
    expect(refused).toMatchObject({ ok: false, status: 409, error: "mel:expense.confirmLarge", details: { needsConfirmation: true, amountCents: 600_000, remainingCents: -40_000 } });
    expect(await db().expense.count({ where: { groupId, amountCents: 600_000 } })).toBe(0);
    const confirmed = await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "6000", spentOn: yesterday(), description: "Typo: 60,00", confirmLarge: "yes" });
    expect(confirmed.ok).toBe(true);
  });

  it("shows the confirmation step on the page without JavaScript, keeping what was typed", async () => {
    const browser = new Browserless(praxis.url);
    await browser.signIn(lead.username, lead.password);
    browser.cookies.set("lng", "fr");
    const fields = { intent: "record-expense", budgetLineId: otherLine.id, amount: "900", spentOn: yesterday(), description: "Forfaits données" };
    const asked = await browser.post("/mel/groups/strengthening-collaboration", fields);
    expect(asked.status).toBe(409);
    const html = await asked.text();
    expect(html).toContain("Oui, enregistrer ce montant");
    expect(html).toMatch(/900,00\s*€/);
    expect(html).toMatch(/500,00\s*€/);
    expect(html).toContain('value="Forfaits données"');
    const done = await browser.post("/mel/groups/strengthening-collaboration", { ...fields, confirmLarge: "yes" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Dépense enregistrée");
  });

  it("links a correction to the entry it corrects, on that entry's line, listed right under it", async () => {
    const original = await recordExpense(leadActor, groupId, { budgetLineId: otherLine.id, amount: "20", spentOn: yesterday(), description: "SIM cards", confirmLarge: "yes" });
    if (!original.ok) throw new Error(original.error);
    // Recorded after other entries, named another line: it still lands on the corrected entry's line.
    await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "1", spentOn: yesterday(), description: "Pens", confirmLarge: "yes" });
    const correction = await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "-5", spentOn: yesterday(), description: "Refund on SIM cards", correctsId: original.value.id });
    if (!correction.ok) throw new Error(correction.error);
    const stored = await db().expense.findUniqueOrThrow({ where: { id: correction.value.id } });
    expect(stored).toMatchObject({ correctsId: original.value.id, budgetLineId: otherLine.id, amountCents: -500 });

    const read = await readGroupBudget(leadActor, groupId);
    if (!read.ok) throw new Error(read.error);
    const ids = read.value.expenses.map((e) => e.id);
    expect(ids.indexOf(correction.value.id)).toBe(ids.indexOf(original.value.id) + 1);

    // Another group's entry, or a correction, cannot be corrected.
    expect(await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "-1", spentOn: yesterday(), description: "x", correctsId: otherGroupExpense })).toMatchObject({ ok: false, status: 400, fieldErrors: { correctsId: "mel:expense.correctsInvalid" } });
    expect(await recordExpense(leadActor, groupId, { budgetLineId: line.id, amount: "-1", spentOn: yesterday(), description: "x", correctsId: correction.value.id })).toMatchObject({ ok: false, status: 400 });

    const browser = new Browserless(praxis.url);
    await browser.signIn(lead.username, lead.password);
    browser.cookies.set("lng", "en");
    const page = await (await browser.get("/mel/groups/strengthening-collaboration")).text();
    expect(page).toContain("Correction of “SIM cards”");
    expect(page.indexOf("Refund on SIM cards")).toBeGreaterThan(page.indexOf("SIM cards ("));
  });

  it("counts honoraria paid in the CoP budget's spent", async () => {
    expect((await setCopBudget(coordinator, { total: "20000" })).ok).toBe(true);
    const before = await copBudgetSummary(coordinator);
    if (!before.ok) throw new Error(before.error);
    expect(before.value.honorariaCents).toBe(0);
    expect((await markHonorariumPaid(coordinator, lead.id, monthOf(new Date()))).ok).toBe(true);
    const after = await copBudgetSummary(coordinator);
    if (!after.ok) throw new Error(after.error);
    expect(after.value.honorariaCents).toBe(HONORARIUM_MONTHLY_CENTS);
    expect(after.value.spentCents).toBe(before.value.spentCents + HONORARIUM_MONTHLY_CENTS);
    expect(after.value.remainingCents).toBe(2_000_000 - after.value.spentCents);
    expect(after.value.spentCents).toBe(after.value.expensesCents + after.value.honorariaCents);
  });
});
