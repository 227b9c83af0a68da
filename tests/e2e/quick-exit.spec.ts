// Quick exit as a person in danger uses it: the button at the top of the page, or Escape three
// times; afterwards the screen shows a neutral page, Back shows nothing of what was read, the old
// session cookie opens nothing, and the browser keeps nothing of Praxis.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

/** Leaves something of Praxis in every kind of browser storage, as a member's phone would hold. */
async function leaveTraces(page: Page) {
  await page.evaluate(async () => {
    localStorage.setItem("praxis.ownDevice", "1");
    sessionStorage.setItem("praxis.draft", "a draft");
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("praxis:learning-questions.rooting-care", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("updates", { autoIncrement: true });
      open.onsuccess = () => {
        const tx = open.result.transaction("updates", "readwrite");
        tx.objectStore("updates").add("a private note");
        tx.oncomplete = () => (open.result.close(), resolve());
      };
      open.onerror = () => reject(open.error);
    });
    await (await caches.open("praxis-files")).put("/library/x/file", new Response("a private file"));
  });
}

async function traces(page: Page) {
  return page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === "praxis_session");
}

async function expectGone(page: Page, oldCookie: string) {
  // The neutral page: a blank search page that names nothing.
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.locator("body")).not.toContainText("Praxis");
  expect(await page.content()).not.toMatch(/praxis/i);
  // Nothing of Praxis is left in the browser.
  await expect.poll(() => traces(page)).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [] });
  expect(await sessionCookie(page.context())).toBeUndefined();
  // The old cookie, replayed, opens nothing: the session ended on the server.
  const replay = await page.request.get("/", { headers: { cookie: `praxis_session=${oldCookie}` }, maxRedirects: 0 });
  expect(replay.status()).toBe(302);
  expect(replay.headers()["location"]).toBe("/login");
}

test("Exit this page: one click leaves at once, and Back shows nothing that was read", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await signIn(page, "member.care");
  await page.goto("/groups/rooting-care");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rooting care");
  // Signed-in pages are never stored, so Back cannot show them from a cache.
  const response = await page.reload();
  expect(response!.headers()["cache-control"]).toBe("no-store");
  const exit = page.getByRole("button", { name: "Emergency Exit this page" });
  await expect(exit).toBeVisible();
  await screenshot(page, "quick-exit-button-en");
  // Still in view after scrolling to the bottom of a long page.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(exit).toBeInViewport();

  await leaveTraces(page);
  const cookie = (await sessionCookie(page.context()))!.value;
  const historyBefore = await page.evaluate(() => history.length);
  await exit.click();
  await expectGone(page, cookie);
  // The page was replaced, not added to: Back does not return to the group page.
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  await screenshot(page, "quick-exit-neutral-en");

  await page.goBack();
  await expect(page.locator("body")).not.toContainText("Rooting care");
  await expect(page.locator("body")).not.toContainText("Nilo");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await screenshot(page, "quick-exit-after-back-en");
  expect(problems).toEqual([]);
});

test("Échap trois fois : la page disparaît aussitôt (en français)", async ({ browser }) => {
  // Jo reads Praxis in French (the demo community's setting) on a phone set to French.
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page, "member.accountability");
  await page.goto("/community");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const exit = page.getByRole("button", { name: "Urgence Quitter cette page" });
  await expect(exit).toBeVisible();
  await screenshot(page, "quick-exit-button-fr");
  await leaveTraces(page);
  const cookie = (await sessionCookie(page.context()))!.value;

  // Twice, and a hint says how many more; it does not leave yet.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(page.locator("#quick-exit [role=status]")).toHaveText("Échap : appuyez encore 1 fois pour quitter cette page.");
  expect(new URL(page.url()).pathname).toBe("/community");
  await page.keyboard.press("Escape");
  await expectGone(page, cookie);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("searchbox", { name: "Rechercher" })).toBeVisible();
  await screenshot(page, "quick-exit-neutral-fr");

  await page.goBack();
  await expect(page.locator("body")).not.toContainText("Jo");
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);
  await context.close();
});

test("without JavaScript the Exit control is a plain form that does the same", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, "lead.care");
  await page.goto("/library");
  const cookie = (await sessionCookie(context))!.value;
  await page.getByRole("button", { name: "Emergency Exit this page" }).click();
  await expect(page).toHaveURL(/\/search$/);
  expect(await sessionCookie(context)).toBeUndefined();
  const replay = await page.request.get("/", { headers: { cookie: `praxis_session=${cookie}` }, maxRedirects: 0 });
  expect(replay.headers()["location"]).toBe("/login");
  await page.goBack();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await context.close();
});
