// Discussions as two members meet them: one replies, the other sees it arrive live (unread
// badge on the list, "new replies" notice in the thread, typing), and the same reply form works
// with JavaScript turned off.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const THREAD = "Collective care practices that actually worked for us";

test("a reply appears live for another member, with unread badge; the form also works without JavaScript", async ({ browser }) => {
  test.setTimeout(120_000);
  const kayaContext = await browser.newContext();
  const niloContext = await browser.newContext();
  const kaya = await kayaContext.newPage();
  const nilo = await niloContext.newPage();
  await signIn(kaya, "lead.care");
  await signIn(nilo, "member.care");

  // Nilo reads the group's space; Kaya opens the thread and replies.
  await nilo.goto("/groups/rooting-care");
  await expect(nilo.locator(".space[data-live=connected]")).toBeVisible();
  await kaya.goto("/groups/rooting-care");
  await kaya.getByRole("link", { name: THREAD }).click();
  await expect(kaya.getByRole("heading", { level: 1 })).toContainText(THREAD);
  const threadPath = new URL(kaya.url()).pathname;
  const threadId = threadPath.split("/").pop()!;
  await expect(kaya.locator("article[data-live=connected]")).toBeVisible();
  await kaya.getByLabel("Your reply").fill("Shared meals after every **hard** meeting.");
  await kaya.getByRole("button", { name: "Post reply" }).click();
  await expect(kaya.locator(".post__body", { hasText: "Shared meals after every hard meeting." })).toBeVisible();

  // Live on Nilo's list: the thread gets an unread badge without reloading.
  await expect(nilo.getByTestId(`thread-unread-${threadId}`)).toBeVisible();
  await screenshot(nilo, "discussions-space-unread");

  // Nilo opens the thread; Kaya starts typing, then replies again: Nilo sees who is typing and a
  // "1 new reply" notice rather than the page jumping.
  await nilo.goto(threadPath);
  await expect(nilo.locator("article[data-live=connected]")).toBeVisible();
  await expect(nilo.locator(".post__body", { hasText: "Shared meals" })).toBeVisible();
  // Typing is announced at most every two seconds, so type for a little longer than that.
  await kaya.getByLabel("Your reply").pressSequentially("And walks by", { delay: 250 });
  await expect(nilo.getByText("Kaya is typing…")).toBeVisible();
  await kaya.getByLabel("Your reply").fill("And walks by the river on Sundays.");
  await kaya.getByRole("button", { name: "Post reply" }).click();
  const notice = nilo.getByRole("button", { name: "1 new reply — show" });
  await expect(notice).toBeVisible();
  await screenshot(nilo, "discussions-thread-new-reply");
  await notice.click();
  await expect(nilo.locator(".post__body", { hasText: "And walks by the river on Sundays." })).toBeVisible();

  // The same reply, posted from a browser with JavaScript off.
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await signIn(plain, "lead.care");
  await plain.goto(threadPath);
  await plain.getByLabel("Your reply").fill("Posted without JavaScript: rest is part of the work.");
  await plain.getByRole("button", { name: "Post reply" }).click();
  await expect(plain.locator(".post__body", { hasText: "Posted without JavaScript" })).toBeVisible();
  await screenshot(plain, "discussions-thread-no-js");
  // ...and it reaches Nilo live all the same.
  await expect(nilo.getByRole("button", { name: "1 new reply — show" })).toBeVisible();

  // Starting a thread without JavaScript, in French.
  await plain.goto("/community?lng=fr");
  await plain.getByLabel("Titre").fill("Pause collective en décembre ?");
  await plain.getByRole("textbox", { name: "Message" }).fill("Et si nous prenions **deux semaines** de pause ensemble ?");
  await plain.getByRole("button", { name: "Lancer le fil" }).click();
  await expect(plain.getByRole("heading", { level: 1 })).toContainText("Pause collective en décembre ?");
  await expect(plain.locator("strong", { hasText: "deux semaines" })).toBeVisible();
  await screenshot(plain, "discussions-thread-fr");
  // Leave the shared demo member in English for the tests that follow.
  await plain.goto("/?lng=en");

  await Promise.all([kayaContext.close(), niloContext.close(), plainContext.close()]);
});

test("a mention gives a live notification badge", async ({ browser }) => {
  const jo = await (await browser.newContext()).newPage();
  const awa = await (await browser.newContext()).newPage();
  await signIn(jo, "member.accountability");
  await signIn(awa, "lead.accountability");
  await jo.goto("/community");
  await expect(jo.locator(".space[data-live=connected]")).toBeVisible();
  // Earlier tests may have left Jo other notices (meetings, decisions): one more is the mention's.
  const badge = jo.getByTestId("notification-count");
  const before = (await badge.count()) ? Number((await badge.textContent()) || "0") : 0;
  await awa.goto("/community");
  await awa.getByLabel("Titre").fill("Relecture");
  const body = awa.getByRole("textbox", { name: "Message" });
  await body.pressSequentially("Merci @J", { delay: 40 });
  await awa.getByRole("button", { name: "@Jo" }).click();
  await body.pressSequentially("pour la relecture.");
  await awa.getByRole("button", { name: "Lancer le fil" }).click();
  await expect(awa.locator(".mention", { hasText: "@Jo" })).toBeVisible();
  await expect(jo.getByTestId("notification-count")).toHaveText(String(before + 1));
  await screenshot(jo, "discussions-notification-badge");
  await jo.getByRole("link", { name: /Notifications/ }).click();
  await expect(jo.getByRole("link", { name: /Awa vous a mentionné/ })).toBeVisible();
  await screenshot(jo, "discussions-notifications-fr");
  await jo.goto("/settings");
  await expect(jo.getByRole("heading", { name: "Mode repos" })).toBeVisible();
  await screenshot(jo, "discussions-settings-fr");
});
