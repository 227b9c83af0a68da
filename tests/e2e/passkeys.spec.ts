// Passkeys in Debian's Chromium through its virtual authenticator (CDP WebAuthn domain): a
// newcomer adds one in settings, signs in with the password and the passkey as second factor,
// then with the passkey alone; and a lead, once the coordinator requires a second factor, is
// sent to enrol at their next sign-in and can use nothing else until they have.
import * as OTPAuth from "otpauth";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const PASSWORD = "a long enough passphrase";

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

/** A new account of its own through an invitation, so no shared demo account changes. */
async function newcomer(coordinator: Page, browser: Browser, role: "member" | "lead", username: string, baseURL?: string) {
  await coordinator.goto("/people?lng=en");
  await coordinator.getByLabel("Role", { exact: true }).selectOption(role);
  await coordinator.getByLabel("Working group").selectOption({ label: "Rooting care" });
  await coordinator.getByRole("button", { name: "Create invitation link" }).click();
  const link = await coordinator.getByLabel("Invitation link").inputValue();
  const context = await browser.newContext({ locale: "en-GB", ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await page.getByLabel("Display name").fill(username);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(username);
  return page;
}

async function signOut(page: Page) {
  await page.locator(".topbar").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

async function passwordStep(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a member adds a passkey, then signs in with it after the password and without one", async ({ page, browser }) => {
  await signIn(page, "coordinator");
  // WebAuthn refuses an IP address as the RP ID: this member uses the server by name.
  const byName = `http://localhost:${new URL(page.url()).port}`;
  const member = await newcomer(page, browser, "member", "heron.pk", byName);

  // A platform authenticator that holds discoverable credentials and verifies the person.
  const cdp = await member.context().newCDPSession(member);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await member.goto("/settings");
  await member.getByLabel("A name for this passkey").fill("My phone");
  await member.getByRole("button", { name: "Add a passkey" }).click();
  // A first factor brings recovery codes, shown this once.
  await expect(member.locator(".recovery-codes code")).toHaveCount(10);
  await member.getByRole("button", { name: "I have kept these codes" }).click();
  await expect(member.getByText("Passkey “My phone”")).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);
  await screenshot(member, "passkey-added");

  // Password, then the passkey as the second step.
  await signOut(member);
  await passwordStep(member, "heron.pk");
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Two-step sign-in");
  await member.getByRole("button", { name: "Use my passkey" }).click();
  await member.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(member.locator(".topbar").getByRole("button", { name: "Sign out" })).toBeVisible();

  // Without a password: the passkey says who it is.
  await signOut(member);
  await member.getByRole("button", { name: "Use a passkey instead of a password" }).click();
  await member.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(member.locator(".topbar").getByRole("button", { name: "Sign out" })).toBeVisible();

  // Each sign-in left a notice with a coarse device label.
  await member.goto("/notifications");
  await expect(member.getByText(/New sign-in: Chrome · Linux/).first()).toBeVisible();

  // Renamed without JavaScript's help (a plain form).
  await member.goto("/settings");
  await member.getByText("Rename or remove “My phone”").click();
  await member.getByLabel("New name").fill("Work phone");
  await member.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(member.getByText("Passkey “Work phone”")).toBeVisible();
  await member.context().close();
});

test("a lead is sent to enrol a second factor once the coordinator requires one", async ({ page, browser }) => {
  await signIn(page, "coordinator");
  const lead = await newcomer(page, browser, "lead", "egret.lead");
  await page.goto("/people?lng=en");
  await page.getByLabel("Require a second factor for coordinators, MEL and group leads").check();
  await page.getByRole("button", { name: "Save", exact: true }).first().click();
  await expect(page.getByText("Sign-in security saved.")).toBeVisible();
  try {
    await signOut(lead);
    await passwordStep(lead, "egret.lead");
    await lead.waitForURL((url) => url.pathname === "/settings" && url.searchParams.get("enrol") === "required");
    await expect(lead.getByText("Your coordinator asks coordinators, MEL and group leads to use a second factor.")).toBeVisible();
    await screenshot(lead, "second-factor-required");
    // Nothing else opens before enrolling.
    await lead.goto("/community");
    await lead.waitForURL((url) => url.pathname === "/settings");

    await lead.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await lead.locator(".secret-key code").textContent())!.replace(/\s/g, "");
    await lead.getByLabel("Code from the app").fill(codeFor(secret));
    await lead.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(lead.locator(".recovery-codes code")).toHaveCount(10);
    await lead.goto("/community");
    await expect(lead).toHaveURL(/\/community$/);
  } finally {
    // The shared demo accounts sign in with a password alone in the other browser tests.
    await page.goto("/people?lng=en");
    await page.getByLabel("Require a second factor for coordinators, MEL and group leads").uncheck();
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    await expect(page.getByText("Sign-in security saved.")).toBeVisible();
  }
});
