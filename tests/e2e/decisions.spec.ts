// Deciding together, as members do: a lead starts a proposal with live results; a member with
// JavaScript switched off takes a position (a reason is required to disagree) while the lead's
// page updates live; the lead closes it and writes the outcome in both languages. Then a time
// poll answered without JavaScript becomes a meeting in one step.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function dateIn(days: number): string {
  // The lead's zone is Manila; a date several days ahead is the same calendar day there or one off: fine for a slot.
  return new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
}

test("a proposal voted by two members (one without JavaScript), closed, with its outcome in both languages", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "lead.care");
  await page.goto("/groups/rooting-care/decisions?lng=en");
  await page.getByRole("link", { name: "New proposal" }).click();
  expect(await axe(page)).toEqual([]);
  await page.getByLabel("Title in English").fill("Adopt the rota for care circles");
  await page.getByLabel("Title in French").fill("Adopter le planning des cercles de soin");
  await page.getByLabel("Text in English (optional)").fill("Each member facilitates once a quarter.");
  await page.getByLabel("Show results while it is open").check();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Adopt the rota for care circles");
  const path = new URL(page.url()).pathname;

  await page.getByLabel(/^Agree/).check();
  await page.getByRole("button", { name: "Save my position" }).click();
  await expect(page.getByText("Your answer is recorded.")).toBeVisible();
  await expect(page.locator('[data-live-count="agree"]')).toHaveText("1");
  expect(await axe(page)).toEqual([]);

  // The member, without JavaScript: plain forms.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const member = await context.newPage();
  await signIn(member, "member.care");
  await member.goto(`${path}?lng=en`);
  await member.getByLabel(/^Disagree/).check();
  await member.getByRole("button", { name: "Save my position" }).click();
  await expect(member.getByText("Say why you disagree.").first()).toBeVisible();
  await member.getByLabel(/^Disagree/).check();
  await member.getByLabel("Your reason").fill("Once a quarter is too often for those of us with two jobs.");
  await member.getByRole("button", { name: "Save my position" }).click();
  await expect(member.getByText("Your answer is recorded.")).toBeVisible();
  // Changing one's mind until it closes.
  await member.getByLabel(/^Agree/).check();
  await member.getByLabel("Your reason").fill("");
  await member.getByRole("button", { name: "Change my position" }).click();
  await expect(member.getByText("Your answer is recorded.")).toBeVisible();

  // The lead's open page followed live, without a reload.
  await expect(page.locator('[data-live-count="agree"]')).toHaveText("2");
  await expect(page.locator("[data-live-voted]")).toContainText("2 of");

  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByRole("heading", { name: "Outcome" })).toBeVisible();
  await page.getByLabel("Outcome in English").fill("Adopted: the rota starts next month.");
  await page.getByLabel("Outcome in French").fill("Adopté : le planning commence le mois prochain.");
  await page.getByRole("button", { name: "Save the outcome" }).click();
  await expect(page.getByTestId("outcome")).toHaveText("Adopted: the rota starts next month.");
  await screenshot(page, "decision-outcome-en");

  // The member reads it in French, still without JavaScript, and in the space's list.
  await member.goto(`${path}?lng=fr`);
  await expect(member.getByTestId("outcome")).toHaveText("Adopté : le planning commence le mois prochain.");
  await member.goto("/groups/rooting-care/decisions?q=planning");
  await expect(member.getByText("Adopté : le planning commence le mois prochain.")).toBeVisible();
  await member.goto("/?lng=en");
  await context.close();
});

test("a time poll answered without JavaScript becomes a meeting in one step", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "lead.care");
  await page.goto("/groups/rooting-care/decisions/new?kind=time-poll&lng=en");
  expect(await axe(page)).toEqual([]);
  await page.getByLabel("Title in English").fill("Extra care circle");
  await page.getByLabel("Title in French").fill("Cercle de soin supplémentaire");
  await page.getByLabel("Date 1", { exact: true }).fill(dateIn(20));
  await page.getByLabel("Time 1", { exact: true }).fill("15:00");
  await page.getByLabel("Date 2", { exact: true }).fill(dateIn(21));
  await page.getByLabel("Time 2", { exact: true }).fill("20:00");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Extra care circle");
  await expect(page.getByRole("region", { name: "Candidate times" }).getByRole("row")).toHaveCount(3);
  const path = new URL(page.url()).pathname;

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const member = await context.newPage();
  await signIn(member, "member.care");
  await member.goto(`${path}?lng=en`);
  const fieldsets = member.locator("fieldset.choices");
  await fieldsets.nth(0).getByLabel("No").check();
  await fieldsets.nth(1).getByLabel("Yes").check();
  await member.getByRole("button", { name: "Vote" }).click();
  await expect(member.getByText("Your answer is recorded.")).toBeVisible();
  await context.close();

  await page.reload();
  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByRole("heading", { name: "Make it a meeting" })).toBeVisible();
  await page.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Extra care circle");
  await screenshot(page, "time-poll-meeting");
});
