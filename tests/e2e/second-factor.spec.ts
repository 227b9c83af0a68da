// Two-step sign-in as a newcomer meets it, in French: set up an authenticator app in settings
// (the code computed here, as the app would), sign in with a code, then with a recovery code.
import * as OTPAuth from "otpauth";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const PASSWORD = "une passphrase bien longue";

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function passwordStep(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Nom d’utilisateur·rice").fill(username);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion en deux étapes");
}

test("a member sets up two-step sign-in and signs in with a code, then a recovery code", async ({ page, browser }) => {
  // A newcomer of their own, so no shared demo account changes how it signs in.
  await signIn(page, "coordinator");
  await page.goto("/people?lng=en");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByLabel("Working group").selectOption({ label: "Rooting care" });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();

  const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
  const member = await context.newPage();
  await member.goto(new URL(link).pathname);
  await member.getByLabel("Nom affiché").fill("Mangrove");
  await member.getByLabel("Nom d’utilisateur·rice").fill("mangrove.tf");
  await member.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await member.getByLabel("Mot de passe, à nouveau").fill(PASSWORD);
  await member.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Bienvenue, Mangrove");

  // Set up, without JavaScript: the password again, then the key as text.
  await member.goto("/settings");
  await member.getByLabel("Votre mot de passe, pour l’activer").fill(PASSWORD);
  await member.getByRole("button", { name: "Configurer une application d’authentification" }).click();
  const secret = (await member.locator(".secret-key code").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(member.getByText(`otpauth://totp/mangrove.tf?secret=${secret}`)).toBeVisible();
  await screenshot(member, "second-factor-setup-fr");
  await member.getByLabel("Code de l’application").fill("000000" === codeFor(secret) ? "111111" : "000000");
  await member.getByRole("button", { name: "Activer la connexion en deux étapes" }).click();
  await expect(member.getByText("Ce code n’est pas le bon.")).toBeVisible();
  await member.getByLabel("Code de l’application").fill(codeFor(secret));
  await member.getByRole("button", { name: "Activer la connexion en deux étapes" }).click();
  await expect(member.getByText("La connexion en deux étapes est activée.")).toBeVisible();
  const recoveryCodes = await member.locator(".recovery-codes code").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await screenshot(member, "second-factor-recovery-codes-fr");

  // Signing in now asks for the code after the password; a wrong one is refused clearly.
  await member.locator(".topbar").getByRole("button", { name: "Se déconnecter" }).click();
  await passwordStep(member, "mangrove.tf");
  await screenshot(member, "second-factor-code-step-fr");
  await member.getByLabel("Code").fill("12345");
  await member.getByRole("button", { name: "Continuer" }).click();
  await expect(member.getByRole("alert")).toContainText("Ce code n’est pas le bon.");
  await member.getByLabel("Code").fill(codeFor(secret, 1));
  await member.getByRole("button", { name: "Continuer" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Bienvenue, Mangrove");

  // Lost the phone: a recovery code works once.
  await member.locator(".topbar").getByRole("button", { name: "Se déconnecter" }).click();
  await passwordStep(member, "mangrove.tf");
  await member.getByLabel("Code").fill(recoveryCodes[0]);
  await member.getByRole("button", { name: "Continuer" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Bienvenue, Mangrove");
  await member.goto("/settings");
  await expect(member.getByText("Il reste 9 codes de secours.")).toBeVisible();
  await member.locator(".topbar").getByRole("button", { name: "Se déconnecter" }).click();
  await passwordStep(member, "mangrove.tf");
  await member.getByLabel("Code").fill(recoveryCodes[0]);
  await member.getByRole("button", { name: "Continuer" }).click();
  await expect(member.getByRole("alert")).toContainText("Ce code n’est pas le bon.");
  await context.close();
});
