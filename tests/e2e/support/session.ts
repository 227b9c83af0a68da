// Shared browser-test steps: sign in as a demo account, and save screenshots to look at.
import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.PRAXIS_DEMO_PASSWORD ?? "praxis-demo";
export const SCREENSHOT_DIR = "tests/output/screenshots";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/username|nom d[’']utilisateur/i).fill(username);
  await page.getByLabel(/^password$|^mot de passe$/i).fill(password);
  await page.getByRole("button", { name: /sign in|se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/**
 * Submits the meeting form and lands on the new meeting. Who is in a group depends on what
 * earlier specs added (a member who joined through an invitation keeps UTC), so a time may be
 * at night for someone: the form then asks the organiser to say they know, as a person would.
 */
export async function scheduleMeeting(page: Page, title: string) {
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  const acknowledge = page.getByLabel(/I know this time is at night/);
  const heading = page.getByRole("heading", { level: 1, name: title });
  await expect(heading.or(acknowledge)).toBeVisible();
  if (await acknowledge.isVisible()) {
    await acknowledge.check();
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}
