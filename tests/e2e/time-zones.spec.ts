// The zone picker as a member uses it: their zone shown by its current name, and with scripts,
// a filter that finds a zone by an old name or an offset without sending the form.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("a member in Kathmandu sees their zone, filters the list, and keeps the zone when saving", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await signIn(page, "member.care");
  await page.goto("/settings");
  const zone = page.getByLabel("Time zone", { exact: true });
  await expect(zone).toHaveValue("Asia/Kathmandu");
  await expect(zone.locator("option:checked")).toHaveText("Kathmandu, Nepal (UTC+05:45)");

  const filter = page.getByLabel("Find a time zone");
  await filter.fill("kiev");
  await expect(page.getByRole("status").filter({ hasText: "time zone matches" })).toHaveText("1 time zone matches.");
  // The only match is chosen, as typing its whole name would have.
  await expect(zone).toHaveValue("Europe/Kyiv");
  await expect(zone.locator("option")).toHaveText([/^Kyiv, Ukraine \(UTC\+0[23]:00\)$/]);
  await screenshot(page, "settings-time-zone-filter");
  // Enter in the filter does not send the form.
  await filter.press("Enter");
  await expect(page.getByText("Your profile is saved.")).toHaveCount(0);

  // Several matches: the choice stays as it is and stays listed among them.
  await filter.fill("asia");
  await expect(zone).toHaveValue("Europe/Kyiv");
  await expect(zone.locator('option[value="Europe/Kyiv"]')).toHaveCount(1);
  await expect(zone.locator('option[value="Asia/Kolkata"]')).toHaveCount(1);
  await expect(zone.locator('option[value="Europe/Paris"]')).toHaveCount(0);
  await filter.fill("utc+05:45");
  await expect(zone).toHaveValue("Asia/Kathmandu");
  await filter.fill("");
  expect(await zone.locator("option").count()).toBeGreaterThan(300);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Asia/Kathmandu");
  expect(problems).toEqual([]);
});
