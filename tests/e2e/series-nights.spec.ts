// A rotating series and who it keeps up at night: the coordinator (Nairobi) schedules three
// weekly Rooting care meetings through the form, alternating 13:00 with 03:00. The 03:00 one is
// 05:45 in Kathmandu (Nilo) and 08:00 in Manila (Kaya), so the series table gives Nilo one night
// meeting of three and Kaya none. The organiser sees a row for every invitee; Nilo sees only his.
import { expect, test } from "@playwright/test";
import { scheduleMeeting, screenshot, signIn } from "./support/session";

test("an organiser sees every invitee's night count over a rotating series; a member sees only their own", async ({ page, browser }) => {
  const stamp = Date.now();
  const titleEn = `Rotating care circle ${stamp}`;

  await signIn(page, "coordinator");
  await page.goto("/?lng=en");
  await page.goto("/meetings/new");
  await page.getByLabel("Kind of meeting").selectOption("group");
  await page.getByLabel("Working group").selectOption({ label: "Rooting care" });
  await page.getByLabel("Who is invited").selectOption("group");
  await page.getByLabel("Title in English").fill(titleEn);
  await page.getByLabel("Title in French").fill(`Cercle de soin tournant ${stamp}`);
  await page.getByLabel("Start time").fill("13:00");
  await page.getByLabel("Duration (minutes)").fill("60");
  await expect(page.getByLabel("Time zone of this date and time")).toHaveValue("Africa/Nairobi");
  await page.getByLabel("Repeat").selectOption("weekly");
  await page.getByLabel("Number of meetings").fill("3");
  await page.getByLabel("Rotate with (optional)").fill("03:00");
  await scheduleMeeting(page, titleEn);
  const meetingPath = new URL(page.url()).pathname;

  const nights = page.getByRole("table", { name: "Outside waking hours over this series" });
  await expect(nights).toBeVisible();
  // Everyone the meeting invites (the action item's owner list names them to organisers) has a
  // row, whoever earlier specs added to the group.
  const invitees = (await page.getByLabel("Owner").locator("option").allTextContents()).slice(1);
  expect(invitees).toEqual(expect.arrayContaining(["Kaya", "Nilo"]));
  await expect(nights.getByRole("rowheader")).toHaveText(invitees);
  await expect(nights.getByRole("row", { name: /^Nilo / })).toHaveText(/1 of 3/);
  await expect(nights.getByRole("row", { name: /^Kaya / })).toHaveText(/0 of 3/);
  await screenshot(page, "series-nights-organiser");

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, "member.care");
  await member.goto("/?lng=en");
  await member.goto(meetingPath);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(titleEn);
  const own = member.getByRole("table", { name: "Outside waking hours over this series" });
  await expect(own.locator("tbody tr")).toHaveCount(1);
  await expect(own.getByRole("row", { name: "Nilo (you)" })).toHaveText(/1 of 3/);
  await expect(member.getByText("Kaya")).toHaveCount(0);
  await screenshot(member, "series-nights-member");
  await memberContext.close();
});
