// Honoraria paid monthly or in instalments: the coordinator's setting decides the schedule the
// page shows (due dates and amounts per member, the same total), marking paid covers a whole
// instalment, bad input gets a translated error, and only the coordinator may change it.
import { describe, expect, it } from "vitest";
import { createCoordinator, createMel, createMember, db, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();
const year = new Date().getUTCFullYear();
const lastYear = year - 1;

async function browserFor(member: TestMember, language = "en"): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  browser.cookies.set("lng", language);
  return browser;
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

/** The member's schedule rows as [due date, amount, status text]. */
function scheduleOf(html: string, displayName: string): Array<[string, string, string]> {
  const start = html.indexOf(`>${displayName}</h2>`);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  return [...table.matchAll(/<tr[^>]*><td><time dateTime="(\d{4}-\d{2}-\d{2})"[\s\S]*?<\/td><td>[\s\S]*?<\/td><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [m[1], textOf(m[2]), textOf(m[3])]);
}

const euros = (amount: string) => Number(amount.replace(/[^\d.]/g, ""));

async function memberSince(displayName: string, joined: Date) {
  const member = await createMember({ group: "rooting-care", displayName });
  await db().membership.updateMany({ where: { userId: member.id }, data: { createdAt: joined } });
  return member;
}

describe("honoraria instalments", () => {
  it("shows a monthly schedule by default, then 3 instalments over the CoP year with the same total", async () => {
    const member = await memberSince("Ines Instalments", new Date(Date.UTC(lastYear, 0, 15)));
    const coordinator = await createCoordinator();
    const browser = await browserFor(coordinator);

    const monthlyPage = await (await browser.get("/mel/honoraria")).text();
    expect(textOf(monthlyPage)).toContain("Paid monthly.");
    const monthly = scheduleOf(monthlyPage, "Ines Instalments");
    const monthlyLastYear = monthly.filter(([due]) => due.startsWith(`${lastYear}-`));
    expect(monthlyLastYear.map(([due]) => due)).toEqual(
      Array.from({ length: 12 }, (_, index) => new Date(Date.UTC(lastYear, index + 1, 0)).toISOString().slice(0, 10)),
    );
    expect(new Set(monthlyLastYear.map(([, amount]) => amount))).toEqual(new Set(["€100.00"]));
    // Up to the end of this CoP year: 24 months in all.
    expect(monthly).toHaveLength(24);

    const saved = await browser.post("/mel/honoraria", { intent: "schedule", mode: "instalments", instalments: "3" });
    expect(saved.status).toBe(200);
    expect(textOf(await saved.text())).toContain("Paid in 3 instalments a year.");
    expect(await db().honorariumSettings.findUniqueOrThrow({ where: { id: "honoraria" } })).toMatchObject({ instalmentsPerYear: 3, updatedById: coordinator.id });

    const instalments = scheduleOf(await (await browser.get("/mel/honoraria")).text(), "Ines Instalments");
    expect(instalments.filter(([due]) => due.startsWith(`${lastYear}-`)).map(([due, amount]) => [due, amount])).toEqual([
      [`${lastYear}-04-30`, "€400.00"],
      [`${lastYear}-08-31`, "€400.00"],
      [`${lastYear}-12-31`, "€400.00"],
    ]);
    expect(instalments).toHaveLength(6);
    expect(instalments.reduce((sum, [, amount]) => sum + euros(amount), 0)).toBe(monthly.reduce((sum, [, amount]) => sum + euros(amount), 0));

    // Marking paid covers the whole instalment: January to April, 100 EUR each, one line in the trail.
    expect((await browser.post("/mel/honoraria", { intent: "mark-paid", userId: member.id, month: `${lastYear}-01` })).status).toBe(200);
    const payments = await db().honorariumPayment.findMany({ where: { userId: member.id }, orderBy: { month: "asc" } });
    expect(payments.map((p) => [p.month, p.amountCents])).toEqual([1, 2, 3, 4].map((m) => [`${lastYear}-0${m}`, 10_000]));
    const afterMark = scheduleOf(await (await browser.get("/mel/honoraria")).text(), "Ines Instalments");
    expect(afterMark[0][2]).toContain("Undo");
    expect(afterMark[1][2]).toContain("Mark paid");
    // Beyond the schedule (next year) nothing can be paid yet.
    expect((await browser.post("/mel/honoraria", { intent: "mark-paid", userId: member.id, month: `${year + 1}-01` })).status).toBe(400);

    // Back to monthly: the same months, one row each.
    expect((await browser.post("/mel/honoraria", { intent: "schedule", mode: "monthly", instalments: "" })).status).toBe(200);
    expect(scheduleOf(await (await browser.get("/mel/honoraria")).text(), "Ines Instalments")).toHaveLength(24);
    expect(await db().honorariumSettings.findUniqueOrThrow({ where: { id: "honoraria" } })).toMatchObject({ instalmentsPerYear: 12 });
  });

  it("refuses a bad number of instalments with a translated error and keeps what was typed", async () => {
    const coordinator = await createCoordinator();
    const browser = await browserFor(coordinator);
    const refused = await browser.post("/mel/honoraria", { intent: "schedule", mode: "instalments", instalments: "7" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(textOf(html)).toContain("The number of instalments must be 2, 3 or 4.");
    expect(html).toMatch(/name="instalments"[^>]*value="7"|value="7"[^>]*name="instalments"/);
    expect(html).toMatch(/value="instalments"[^>]*checked|checked[^>]*value="instalments"/);

    const inFrench = await browserFor(coordinator, "fr");
    const frenchHtml = await (await inFrench.post("/mel/honoraria", { intent: "schedule", mode: "chaque-semaine", instalments: "" })).text();
    expect(textOf(frenchHtml)).toContain("Choisissez chaque mois ou en plusieurs versements.");
    expect(textOf(await (await inFrench.post("/mel/honoraria", { intent: "schedule", mode: "instalments", instalments: "1" })).text())).toContain("Le nombre de versements doit être 2, 3 ou 4.");
    expect(await db().honorariumSettings.findUnique({ where: { id: "honoraria" } })).toMatchObject({ instalmentsPerYear: 12 });
  });

  it("leaves the setting to the coordinator: a lead and MEL are refused by the honoraria policy", async () => {
    const before = await db().honorariumSettings.findUnique({ where: { id: "honoraria" } });
    for (const person of [await createMember({ lead: true, group: "rooting-care" }), await createMel()]) {
      const browser = await browserFor(person);
      expect((await browser.post("/mel/honoraria", { intent: "schedule", mode: "instalments", instalments: "2" })).status).toBe(403);
    }
    expect(await db().honorariumSettings.findUnique({ where: { id: "honoraria" } })).toEqual(before);
  });
});
