// Shared browser-test steps: sign in as a demo account, and save screenshots to look at.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.PRAXIS_DEMO_PASSWORD ?? "praxis-demo";
export const SCREENSHOT_DIR = "tests/output/screenshots";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/username|nom d'utilisateur/i).fill(username);
  await page.getByLabel(/^password$|^mot de passe$/i).fill(password);
  await page.getByRole("button", { name: /sign in|se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
