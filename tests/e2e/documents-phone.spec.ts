// The workplan on a 360 px phone: nothing wider than the screen (wide tables scroll inside
// their box), and the editor's styles are allowed by the CSP (no violation in the console).
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("the workplan fits a 360 px phone and the editor breaks no CSP rule", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "member.care");
  await page.goto("/?lng=en");
  await page.goto("/groups/rooting-care/docs/workplan");
  const editor = page.getByRole("textbox", { name: "Workplan" });
  await expect(editor).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  // Tiptap's rules come from our stylesheet now.
  expect(await editor.evaluate((element) => getComputedStyle(element).whiteSpace)).toBe("break-spaces");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, "documents-workplan-360");
  expect(violations).toEqual([]);
  await context.close();
});
