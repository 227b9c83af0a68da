// MEL notices as people meet them: a lead submits a check-in and MEL's unread badge goes up
// live on whatever page MEL has open (a light page with the live island, a page that hydrates;
// the open notifications list offers it),
// is right at each load without JavaScript, and goes down when MEL opens the check-in.
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

async function unread(page: Page): Promise<number> {
  const badge = page.getByTestId("notification-count").first();
  return Number((await badge.textContent()) || "0");
}

test("a submitted check-in reaches MEL's badge live, at load without JavaScript, and is read on opening", async ({ browser }) => {
  const mel = await (await browser.newContext()).newPage();
  await signIn(mel, "mel");
  const melSettings = await (await browser.newContext()).newPage();
  await signIn(melSettings, "mel");
  const melList = await (await browser.newContext()).newPage();
  await signIn(melList, "mel");
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await signIn(plain, "mel");

  // A light page (the island keeps its badge) and a page that hydrates (React keeps it).
  await mel.goto("/library");
  await melSettings.goto("/settings");
  await melList.goto("/notifications");
  await expect(melSettings.locator("html[data-hydrates]")).toHaveCount(1);
  await expect(mel.locator("html[data-hydrates]")).toHaveCount(0);
  const before = await unread(mel);

  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, "lead.accountability");
  // Awa reads in French: this spec reads English (and puts her French back at the end).
  await lead.goto("/mel/groups/practising-accountability?lng=en");
  await lead.getByRole("button", { name: /Prepare a check-in|Continue the check-in draft/ }).click();
  await lead.getByLabel("Progress").fill("We mapped how feedback travels between organisations.");
  await lead.getByRole("button", { name: "Submit check-in" }).click();
  await expect(lead.getByRole("status")).toHaveText("Check-in submitted. The MEL group can read it now.");
  const checkInPath = new URL(lead.url()).pathname;

  await expect(mel.getByTestId("notification-count").first()).toHaveText(String(before + 1));
  await expect(melSettings.getByTestId("notification-count").first()).toHaveText(String(before + 1));
  // The open list offers the new notice rather than moving under the reader.
  await melList.getByRole("button", { name: "New notifications — show" }).click();
  await expect(melList.getByRole("link", { name: "Practising accountability submitted a check-in" })).toBeVisible();
  // Without JavaScript: right at the next load.
  await plain.goto("/library");
  await expect(plain.getByTestId("notification-count").first()).toHaveText(String(before + 1));

  await mel.goto("/notifications");
  const notice = mel.getByRole("link", { name: "Practising accountability submitted a check-in" });
  await expect(notice).toBeVisible();
  await screenshot(mel, "notifications-checkin-submitted");
  await notice.click();
  await expect(mel).toHaveURL(new RegExp(`${checkInPath}$`));
  // Read on opening: the page MEL left open elsewhere follows live.
  await expect(melSettings.getByTestId("notification-count").first()).toHaveText(String(before));
  await plain.goto("/library");
  await expect(plain.getByTestId("notification-count").first()).toHaveText(String(before));

  // The dashboard says it waits for MEL's answer.
  await mel.goto("/mel");
  const card = mel.getByRole("listitem").filter({ has: mel.getByRole("heading", { name: "Practising accountability" }) });
  await expect(card.getByText("Not answered yet")).toBeVisible();
  await lead.goto("/?lng=fr");
});
