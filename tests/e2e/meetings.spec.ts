// Minutes as the CoP lives them: a lead writes English and French side by side in the
// co-editor, publishes, and a member reads them in French, switches to English, and reads the
// same page again with JavaScript switched off.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("a lead writes a bilingual agenda side by side and publishes; a member reads it in French, then English, with and without JavaScript", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, "lead.care");
  await page.goto("/?lng=en"); // other tests share the demo community
  await page.goto("/meetings?group=rooting-care");
  await screenshot(page, "meetings-list-en");
  await page.getByRole("link", { name: "Rooting care: monthly meeting" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rooting care: monthly meeting");
  await expect(page.getByText(/Elsewhere:.*Nairobi.*Bogota/)).toBeVisible();
  await screenshot(page, "meeting-page-en");
  const meetingPath = new URL(page.url()).pathname;
  // The agenda: minutes wait for the meeting to start, and this one is still to come.
  await page.goto(`${meetingPath}/agenda/edit`);

  const english = page.getByRole("textbox", { name: "English text" });
  const french = page.getByRole("textbox", { name: "French text" });
  await expect(english).toBeVisible();
  await expect(french).toBeVisible();
  await english.click();
  await page.keyboard.type("## Rest and rotation\nWe agreed to rotate facilitation every month.\n## Next steps\nKaya shares the rota before the next meeting.");
  await french.click();
  await page.keyboard.type("## Repos et rotation\nNous avons convenu de faire tourner l'animation chaque mois.\n## Prochaines étapes\nKaya partage le planning avant la prochaine réunion.");
  await expect(page.locator(".editor__status--saved")).toHaveCount(2);
  await screenshot(page, "minutes-side-by-side");

  // Before anyone vouches that the French matches, publishing explains why it cannot happen yet.
  await page.reload();
  await expect(page.getByText("Mark one language translated (or reviewed) once it matches the other.")).toBeVisible();
  await page.getByLabel("Translation status").nth(1).selectOption("translated");
  await page.getByRole("button", { name: "Save status" }).nth(1).click();
  await expect(page.getByText("Status saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish both languages" }).click();
  await expect(page).toHaveURL(/\/agenda\?published=1$/);
  await expect(page.locator(".published__body")).toContainText("We agreed to rotate facilitation every month.");

  // The member is told, in French, and the minutes open in French.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, "member.care");
  await member.goto("/?lng=fr");
  await member.getByRole("link", { name: /Ordre du jour publié/ }).first().click();
  await expect(member.locator("html")).toHaveAttribute("lang", "fr");
  await expect(member.locator(".published__body")).toContainText("Nous avons convenu de faire tourner l'animation chaque mois.");
  await expect(member.locator(".published__body")).toHaveAttribute("lang", "fr");
  await screenshot(member, "minutes-read-fr");
  await member.getByRole("link", { name: "Read in English" }).click();
  await expect(member.locator(".published__body")).toContainText("We agreed to rotate facilitation every month.");
  await expect(member.locator(".published__body")).toHaveAttribute("lang", "en");
  await screenshot(member, "minutes-read-en-switched");
  // The reading page ships no JavaScript but the few hundred bytes of the quick exit.
  expect(await member.locator("script:not(#quick-exit-script)").count()).toBe(0);
  await member.goto("/?lng=en");
  await memberContext.close();

  // The same page with JavaScript disabled: sign in by plain form post, read, switch language.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const reader = await noScript.newPage();
  await signIn(reader, "member.accountability");
  await reader.goto(`${meetingPath}/agenda`);
  await expect(reader.locator(".published__body")).toContainText("Nous avons convenu");
  await screenshot(reader, "minutes-no-js-fr");
  await reader.getByRole("link", { name: "Read in English" }).click();
  await expect(reader.locator(".published__body")).toContainText("We agreed to rotate facilitation");
  await reader.emulateMedia({ media: "print" });
  await screenshot(reader, "minutes-no-js-print");
  await noScript.close();
});

test("a coordinator sees who a time is unfair to, takes a fairer suggestion, and schedules", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "coordinator");
  await page.goto("/meetings/new");
  await page.getByLabel("Title in English").fill("Leads and MEL check-in");
  await page.getByLabel("Title in French").fill("Point responsables et MEL");
  await page.getByLabel("Kind of meeting").selectOption("mel-checkin");
  await page.getByLabel("Who is invited").selectOption("leads-mel");
  await page.getByLabel("Start time").fill("06:00");
  await page.getByLabel("Duration (minutes)").fill("120");
  await page.getByRole("button", { name: "Check times for invitees" }).click();
  // Bogotá is up at night at 06:00 Nairobi time.
  await expect(page.getByText(/Bogota: 1 person would meet from 22:00/)).toBeVisible();
  await screenshot(page, "schedule-fair-times");
  await page.getByRole("button", { name: /^Use / }).first().click();
  await expect(page.getByRole("heading", { name: "Fair times" })).toBeVisible();
  await page.getByRole("button", { name: "Schedule" }).click();
  // Over 90 minutes: refused with a clear message, and nothing typed is lost.
  await expect(page.getByText("Meetings last at most 90 minutes: shorten it, or split it into two meetings.")).toBeVisible();
  await expect(page.getByLabel("Title in French")).toHaveValue("Point responsables et MEL");
  await page.getByLabel("Duration (minutes)").fill("60");
  // No time suits every region of the leads and MEL: where the chosen one is at night for
  // someone, saving needs the organiser to say they know (the form names who).
  const acknowledge = page.getByLabel(/I know this time is at night/);
  if (await acknowledge.count()) await acknowledge.check();
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leads and MEL check-in");
  await screenshot(page, "scheduled-meeting");
});
