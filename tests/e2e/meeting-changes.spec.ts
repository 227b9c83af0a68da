// Changes reach people, seen from the invitee's browser: the coordinator schedules a meeting of
// a working group for this test, the invitee (reading in French, in Port-au-Prince) answers it,
// and keeps the meetings page open in another browser. Moving the meeting raises their badge
// live (the page is not reloaded); the notice gives the old and new time in their own zone (not
// the organiser's, not the browser's) and their answer is back to "not yet answered".
// Cancelling asks to confirm, tells them live, and undoing it tells them again.
import { expect, test, type Page } from "@playwright/test";
import { scheduleMeeting, screenshot, signIn } from "./support/session";

/** A mark on the page's window: still there later means the page was never reloaded. */
async function markWindow(page: Page) {
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}
async function unreadCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("notification-count").textContent());
}

test("an invitee sees a move live, in their zone, with their answer reset; then a cancellation and its undo", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const titleEn = `Collaboration catch-up ${stamp}`;
  const titleFr = `Point collaboration ${stamp}`;

  // The coordinator (Nairobi) schedules it at 17:00 Nairobi time: 09:00 in Port-au-Prince.
  await signIn(page, "coordinator");
  await page.goto("/?lng=en");
  await page.goto("/meetings/new");
  await page.getByLabel("Kind of meeting").selectOption("group");
  await page.getByLabel("Working group").selectOption({ label: "Strengthening collaboration" });
  await page.getByLabel("Who is invited").selectOption("group");
  await page.getByLabel("Title in English").fill(titleEn);
  await page.getByLabel("Title in French").fill(titleFr);
  await page.getByLabel("Start time").fill("17:00");
  await page.getByLabel("Duration (minutes)").fill("60");
  await expect(page.getByLabel("Time zone of this date and time")).toHaveValue("Africa/Nairobi");
  await scheduleMeeting(page, titleEn);
  const meetingPath = new URL(page.url()).pathname;

  // The invitee answers "yes", then keeps the meetings page open.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await signIn(invitee, "member.collaboration");
  await invitee.goto("/?lng=fr");
  await invitee.goto(meetingPath);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(titleFr);
  await invitee.getByRole("button", { name: "Oui", exact: true }).click();
  await expect(invitee.getByText("Votre réponse est enregistrée.")).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Oui", exact: true })).toHaveAttribute("aria-pressed", "true");
  await invitee.goto("/meetings");
  await expect(invitee.getByRole("link", { name: titleFr })).toBeVisible();
  const before = await unreadCount(invitee);
  await markWindow(invitee);

  // The coordinator moves it two hours later.
  await page.goto(`${meetingPath}/edit`);
  await expect(page.getByLabel("Start time")).toHaveValue("17:00");
  await page.getByLabel("Start time").fill("19:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\?updated=1$/);

  // Live, on the page that was already open.
  await expect(invitee.getByTestId("notification-count")).toHaveText(String(before + 1));
  await expect(invitee.getByTestId("notification-count")).toBeVisible();
  await expectNotReloaded(invitee);
  await screenshot(invitee, "meeting-moved-badge-fr");

  // The notice, in French, with both times in Port-au-Prince (17:00 → 09:00, 19:00 → 11:00).
  await invitee.getByRole("link", { name: /^Notifications/ }).click();
  const notice = invitee.locator(".notification").filter({ hasText: `« ${titleFr} » a été déplacée` });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(/Avant :\s*\d{1,2} \S+ \d{4}(,| à) 09:00\s*·\s*Désormais :\s*\d{1,2} \S+ \d{4}(,| à) 11:00/);
  await expect(notice).toContainText("Votre réponse a été remise à zéro : dites à nouveau si vous serez là.");
  await expect(notice).not.toContainText("17:00");
  await expect(notice).not.toContainText("19:00");
  await screenshot(invitee, "meeting-moved-notice-fr");

  // Their answer is back to "not yet answered"; opening the meeting reads the notice.
  await notice.getByRole("link", { name: `« ${titleFr} » a été déplacée` }).click();
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(titleFr);
  await expect(invitee.getByText("Pas encore de réponse")).toBeVisible();
  for (const answer of ["Oui", "Peut-être", "Non"]) {
    await expect(invitee.getByRole("button", { name: answer, exact: true })).toHaveAttribute("aria-pressed", "false");
  }
  await expect(invitee.getByTestId("notification-count")).toHaveText(String(before));

  // --- Cancelling asks first, tells the invitee live, and can be undone ---------------------
  await invitee.goto("/meetings");
  await markWindow(invitee);
  await page.goto(meetingPath);
  await page.getByRole("button", { name: "Cancel this meeting" }).click();
  await expect(page.getByRole("heading", { name: "Cancel this meeting?" })).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(page.getByText("The meeting is cancelled; calendars will show it as cancelled.")).toBeVisible();
  await expect(invitee.getByTestId("notification-count")).toHaveText(String(before + 1));
  await expectNotReloaded(invitee);

  await page.getByRole("button", { name: "Undo the cancellation" }).click();
  await expect(page.getByText("The meeting is back on; everyone invited has been told.")).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toHaveCount(0);
  await expect(invitee.getByTestId("notification-count")).toHaveText(String(before + 2));
  await expectNotReloaded(invitee);

  await invitee.getByRole("link", { name: /^Notifications/ }).click();
  await expect(invitee.locator(".notification").filter({ hasText: `« ${titleFr} » a été annulée` })).toHaveCount(1);
  await expect(invitee.locator(".notification").filter({ hasText: `« ${titleFr} » est rétablie` })).toHaveCount(1);
  await screenshot(invitee, "meeting-cancelled-restored-fr");
  // Reading the meeting reads its notices: the badge is back where it was.
  await invitee.goto(meetingPath);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(titleFr);
  await expect(invitee.getByText("Annulée", { exact: true })).toHaveCount(0);
  await expect(invitee.getByTestId("notification-count")).toHaveText(String(before));
  await inviteeContext.close();
});
