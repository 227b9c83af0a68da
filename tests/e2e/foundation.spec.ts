// The foundation as a person meets it: sign in, read the groups, switch language.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("a member signs in, sees the three groups, and switches to French and back", async ({ page }) => {
  // Hydration mismatches and script errors show up here (and would cost phones a re-render).
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await signIn(page, "member.care");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome, Nilo");
  for (const name of ["Rooting care", "Practising accountability", "Strengthening collaboration"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await screenshot(page, "home-en");

  await page.getByRole("link", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bienvenue, Nilo");
  await expect(page.getByRole("link", { name: "Enraciner le soin", exact: true })).toBeVisible();
  await screenshot(page, "home-fr");

  // The choice sticks: a fresh visit stays in French.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paramètres");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  expect(problems).toEqual([]);
});

test("the coordinator invites a new member, who joins through the link", async ({ page, browser }) => {
  await signIn(page, "coordinator");
  await page.getByRole("link", { name: "People" }).click();
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByLabel("Working group").selectOption({ label: "Practising accountability" });
  await page.getByLabel("Private note (optional)").fill("for the Dakar applicant");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
  await screenshot(page, "people-invitation-created");

  const newcomer = await browser.newContext({ locale: "fr-FR", timezoneId: "Africa/Dakar" });
  const invitee = await newcomer.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Rejoindre Praxis");
  await invitee.getByLabel("Nom affiché").fill("Baobab");
  await invitee.getByLabel("Nom d’utilisateur·rice").fill("baobab.sn");
  await invitee.getByLabel("Mot de passe", { exact: true }).fill("un baobab dans le vent");
  await invitee.getByLabel("Mot de passe, à nouveau").fill("un baobab dans le vent");
  await screenshot(invitee, "invitation-accept-fr");
  await invitee.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Bienvenue, Baobab");
  await expect(invitee.locator(".card--mine")).toContainText("Pratiquer la redevabilité");

  // Used once: the same link no longer works.
  const again = await (await browser.newContext()).newPage();
  await again.goto(new URL(link).pathname);
  await expect(again.getByText("already been used")).toBeVisible();
  await newcomer.close();
});

test("a member revokes a lost phone's session from settings", async ({ page, browser }) => {
  const phoneContext = await browser.newContext({ userAgent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", viewport: { width: 390, height: 800 } });
  const phone = await phoneContext.newPage();
  await signIn(phone, "member.accountability");
  await screenshot(phone, "home-phone");

  await signIn(page, "member.accountability");
  await page.goto("/settings");
  const phoneRow = page.locator(".session", { hasText: "Chrome · Android" });
  await expect(phoneRow).toBeVisible();
  await screenshot(page, "settings-sessions");
  await phoneRow.getByRole("button", { name: /Sign out|Déconnecter/ }).click();
  await expect(page.locator(".session", { hasText: "Chrome · Android" })).toHaveCount(0);

  await phone.reload();
  await expect(phone).toHaveURL(/\/login/);
  await phoneContext.close();
});
