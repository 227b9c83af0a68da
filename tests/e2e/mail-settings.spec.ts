// Taking part by email, in settings, without JavaScript: content in mail and mailing-list mode
// are saved by the plain form, the address waits for its confirmation, reply addresses can be
// turned off, and the section passes axe (WCAG 2.2 AA) in English and French.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

test("content in mail and mailing-list mode work without JavaScript and pass axe", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, "member.collaboration");
  await page.goto("/settings?lng=en");
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Notifications", level: 2 }) });
  await section.getByLabel("Email address for notifications (optional)").fill("member.collaboration@example.org");
  await section.getByLabel("Include thread titles and message text in my emails").check();
  await section.getByLabel(/Mailing-list mode/).check();
  await section.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByText("Notification settings saved.")).toBeVisible();
  await expect(section.getByLabel(/Mailing-list mode/)).toBeChecked();
  await expect(section.getByText(/not confirmed yet/)).toBeVisible();

  // axe runs in the page, so it needs JavaScript: a second context of the same member.
  const checking = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const checked = await checking.newPage();
  await signIn(checked, "member.collaboration");
  for (const language of ["en", "fr"] as const) {
    await checked.goto(`/settings?lng=${language}`);
    await expect(checked.locator("#mailing-list-hint")).toBeVisible();
    const result = await new AxeBuilder({ page: checked }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await checked.goto("/settings?lng=en");
  await checking.close();

  await page.goto("/settings?lng=en");
  await section.getByRole("button", { name: "Turn off every reply address sent so far" }).click();
  await expect(page.getByText("Reply addresses turned off.")).toBeVisible();

  // Leave the demo account as it was for the tests that follow.
  await section.getByLabel("Email address for notifications (optional)").fill("");
  await section.getByLabel("Include thread titles and message text in my emails").uncheck();
  await section.getByLabel(/Mailing-list mode/).uncheck();
  await section.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByText("Notification settings saved.")).toBeVisible();
  // Sam reads Praxis in French (the demo's choice); ?lng=en above saved English on the account.
  await page.goto("/settings?lng=fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paramètres");
  await context.close();
});
