// The navigation on a 360 px phone, with JavaScript on and off: one "Menu" disclosure, opened by
// keyboard, shows every item (nine for a coordinator) inside the screen, with the unread badge
// on the closed menu; nothing scrolls sideways.
import { expect, test, type Browser } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const COORDINATOR_ITEMS = ["Home", "Community", "Library", "Meetings", "MEL", "People", "Notifications", "Applications", "Settings"];

async function phone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
  return { context, page: await context.newPage() };
}

test("a coordinator reaches every item from the phone menu, with and without JavaScript", async ({ browser }) => {
  // A member mentions the coordinator (a plain form), so the coordinator has at least one unread notification.
  const member = await phone(browser, false);
  await signIn(member.page, "member.care");
  await member.page.goto("/community?lng=en");
  await member.page.getByLabel("Title").fill("Phone menu check");
  await member.page.getByRole("textbox", { name: "Message" }).fill("Thanks @[Amani (coordinator)] for the plan.");
  await member.page.getByRole("button", { name: "Start thread" }).click();
  await expect(member.page.locator(".mention", { hasText: "Amani" })).toBeVisible();
  await member.context.close();

  for (const javaScriptEnabled of [true, false]) {
    const { context, page } = await phone(browser, javaScriptEnabled);
    await signIn(page, "coordinator");
    await page.goto("/library?lng=en");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.locator("summary");
    await expect(menu).toBeVisible();
    await expect(menu).toContainText("Menu");
    // The badge shows on the closed menu.
    const badge = page.getByTestId("menu-notification-count");
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText(/^[1-9]\d*$/);
    const unread = await badge.textContent();
    await expect(nav.getByRole("link", { name: "Settings" })).toBeHidden();

    await menu.focus();
    await page.keyboard.press("Enter");
    for (const name of COORDINATOR_ITEMS) {
      const link = nav.getByRole("link", { name: new RegExp(`^${name}`) });
      await expect(link).toBeVisible();
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await expect(nav.getByRole("link", { name: `Notifications ${unread} unread` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, `navigation-phone-${javaScriptEnabled ? "js" : "nojs"}`);

    // Tab reaches the items in order; following one opens its page with the menu closed again.
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Home" })).toBeFocused();
    await nav.getByRole("link", { name: "Meetings" }).click();
    await expect(page).toHaveURL(/\/meetings$/);
    await expect(nav.getByRole("link", { name: "Settings" })).toBeHidden();
    await context.close();
  }
});

test("on a wide screen the items sit in the bar, with no menu button", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 740 } });
  const page = await context.newPage();
  await signIn(page, "member.care");
  await page.goto("/?lng=en");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.locator("summary")).toBeHidden();
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await context.close();
});
