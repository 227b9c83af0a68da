// Pages people mostly read are complete without JavaScript and ship no app bundle: only the
// quick-exit inline script and the small live island. Reached from a page that does hydrate,
// they load as documents, so their live parts still work.
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const READ_PAGES: Array<{ path: string; heading: RegExp }> = [
  { path: "/", heading: /./ },
  { path: "/groups/rooting-care", heading: /Rooting care/i },
  { path: "/community", heading: /Community/i },
  { path: "/meetings", heading: /Meetings/i },
  { path: "/library", heading: /Library/i },
  { path: "/notifications", heading: /Notifications/i },
  { path: "/learning-questions", heading: /learning questions/i },
];

/** Every script the page loaded, by URL (inline ones as "inline"). */
async function scriptsOf(page: Page): Promise<string[]> {
  return page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).src || `inline:${s.id || (s as HTMLScriptElement).type}`));
}

async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link matching ${pattern} on ${from}`).toBeTruthy();
  return found!;
}

test("read pages render without JavaScript and ship only the live island", async ({ browser }) => {
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(plain, "member.care");
  // A thread, a meeting and a library resource, followed from the lists as a member would.
  await plain.goto("/groups/rooting-care");
  const thread = await plain.locator(".thread-row__title").first().getAttribute("href");
  const meeting = await firstLink(plain, "/meetings", /^\/meetings\/(?!new$)[a-z0-9]+$/);
  const resource = await firstLink(plain, "/library", /^\/library\/(?!new$|settings$|collections$)[a-z0-9]+$/);
  const pages = [...READ_PAGES.map((p) => p.path), thread!, meeting!, resource!];

  for (const { path, heading } of READ_PAGES) {
    await plain.goto(path);
    await expect(plain.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
  await plain.goto(thread!);
  await expect(plain.locator(".post__body").first()).toBeVisible();
  await screenshot(plain, "light-thread-no-js");

  const live = await (await browser.newContext()).newPage();
  await signIn(live, "member.care");
  for (const path of pages) {
    await live.goto(path);
    await expect(live.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const scripts = await scriptsOf(live);
    const external = scripts.filter((src) => !src.startsWith("inline:"));
    expect(external, `${path} loads only the live island`).toHaveLength(1);
    expect(external[0]).toMatch(/\/assets\/islands\/live-[\w-]+\.js$/);
    expect(await live.locator("html").getAttribute("data-hydrates")).toBeNull();
  }

  // From a page that hydrates (settings) to a light one through the navigation: the light page
  // arrives as a document, and its live parts connect.
  await live.goto("/settings");
  await expect(live.locator("html")).toHaveAttribute("data-hydrates", "");
  await live.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Community" }).click();
  await expect(live.locator(".space[data-live=connected]")).toBeVisible();
  expect(await live.locator("html").getAttribute("data-hydrates")).toBeNull();
  await screenshot(live, "light-community");
});
