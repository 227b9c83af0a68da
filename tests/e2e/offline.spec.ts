// Installable and honest offline: the service worker keeps static assets and one offline page,
// never a page a member read; quick exit leaves no cache behind.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("offline, a member sees a plain offline page in both languages and no cached content", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "member.care");
  await page.goto("/groups/rooting-care");
  await expect(page.locator("link[rel=manifest]")).toHaveAttribute("href", "/manifest.webmanifest");
  // The worker takes control once it is installed (the offline page cached).
  await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && (await caches.has("praxis-shell-v1")));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.goto("/library");

  await context.setOffline(true);
  // On a loaded machine the worker may still be starting when the first navigation goes out
  // (Chromium's own error page then); as a member would, try again.
  await expect(async () => {
    await page.goto("/meetings").catch(() => undefined);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole("heading", { name: "Vous êtes hors ligne" })).toBeVisible();
  await screenshot(page, "offline-page");

  // Nothing a member read is in the caches: only hashed assets, translations and the offline page.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached).toContain("/offline");
  for (const path of cached) expect(path === "/offline" || path.startsWith("/assets/") || path.startsWith("/i18n/"), path).toBe(true);

  // Back online, quick exit leaves no cache and no worker.
  await context.setOffline(false);
  await page.goto("/");
  await page.getByRole("button", { name: /Exit this page/ }).click();
  await page.waitForURL((url) => url.pathname === "/search");
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(0);
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  await context.close();
});
