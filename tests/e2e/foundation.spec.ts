// The foundation as a person meets it: sign in, read the groups, switch language.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("a member signs in, sees the three groups, and switches to French and back", async ({ page }) => {
  await signIn(page, "member.care");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome, Nilo");
  for (const name of ["Rooting care", "Practising accountability", "Strengthening collaboration"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await screenshot(page, "home-en");

  await page.getByRole("link", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bienvenue, Nilo");
  await expect(page.getByRole("link", { name: "Enraciner le soin" })).toBeVisible();
  await screenshot(page, "home-fr");

  // The choice sticks: a fresh visit stays in French.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paramètres");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
});
