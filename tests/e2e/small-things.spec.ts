// Small things a first month runs into: library themes and tags that filter (English and
// French), a new resource's type that follows its file, and an invitation link with its expiry
// and a copy button (and, without JavaScript, a field to select by hand).
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { screenshot, signIn } from "./support/session";

test("a resource's tag and theme lead to the library filtered on them, in English and French", async ({ page }) => {
  await signIn(page, "member.care");
  await page.goto("/library?lng=en");
  await page.getByRole("link", { name: "Collective care in hard times" }).click();
  await page.getByRole("link", { name: "#collective care" }).click();
  await expect(page).toHaveURL(/\/library\?tag=collective\+care$/);
  await expect(page.getByRole("heading", { name: "1 resource" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Collective care in hard times" })).toBeVisible();
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue("collective care");
  await screenshot(page, "library-tag-filter-en");

  await page.goto("/library?lng=fr");
  await page.getByRole("link", { name: "Équité et redevabilité dans les alliances" }).click();
  await page.locator(".library-resource").getByRole("link", { name: "Renforcer la collaboration" }).click();
  await expect(page).toHaveURL(/\/library\?theme=strengthening-collaboration$/);
  await expect(page.getByText("Affichage")).toBeVisible();
  await expect(page.getByRole("link", { name: "Équité et redevabilité dans les alliances" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Collective care in hard times" })).toHaveCount(0);
  await page.getByRole("link", { name: "Tout afficher" }).click();
  await expect(page).toHaveURL(/\/library$/);
  await page.goto("/library?lng=en");
});

test("a photo chosen for a new resource shows the Image type, which the member can still change", async ({ page }) => {
  await signIn(page, "member.care");
  await page.goto("/library/new");
  const type = page.getByLabel("Type", { exact: true });
  await expect(type).toHaveValue("from-content");
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c63" } }).jpeg().toBuffer();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "march.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(type).toHaveValue("image");
  // Once the member picks a type, another file does not override it.
  await type.selectOption("toolkit");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(type).toHaveValue("toolkit");
});

test("the coordinator's new invitation says when it expires and copies with one button", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signIn(page, "coordinator");
  await page.goto("/people");
  await page.locator("#invite-role").selectOption("member");
  await page.locator("#field-groupId").selectOption({ label: "Rooting care" });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const field = page.getByLabel("Invitation link");
  await expect(field).toHaveValue(/\/invite\/[a-z2-7]+$/);
  // Seven days ahead, in the coordinator's zone (Nairobi, EAT), named.
  await expect(page.getByTestId("invite-expires")).toContainText(/This link works until \d{1,2} \w+ \d{4} at \d{2}:\d{2} (EAT|GMT\+3)/);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Copied\.$/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await field.inputValue());
  await screenshot(page, "invitation-created-en");

  // The invitee's page says it too, in their device's zone.
  const link = await field.inputValue();
  const visitor = await browser.newContext({ locale: "fr-FR", timezoneId: "America/Montreal" });
  const invitee = await visitor.newPage();
  await invitee.goto(link);
  await expect(invitee.getByTestId("invite-expires")).toContainText(/jusqu’au \d{1,2} \S+ \d{4} à \d{2}:\d{2} UTC−5/);
  await visitor.close();
  await context.close();
});

test("without JavaScript the invitation link is a field to select, with no dead button", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "coordinator");
  await page.goto("/people");
  await page.locator("#invite-role").selectOption("member");
  await page.locator("#field-groupId").selectOption({ label: "Rooting care" });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByLabel("Invitation link")).toHaveValue(/\/invite\/[a-z2-7]+$/);
  await expect(page.getByRole("button", { name: "Copy", exact: true })).toBeHidden();
  await expect(page.getByTestId("invite-expires")).toContainText("This link works until");
  await context.close();
});

test("pages open elsewhere offer the update when the lead reopens and finalises the questions (EN and FR)", async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [lead, member, colleague] = await Promise.all(contexts.map((context) => context.newPage()));
  await signIn(lead, "lead.care");
  await signIn(member, "member.care");
  await signIn(colleague, "member.accountability");
  await lead.goto("/?lng=en");
  await member.goto("/?lng=en");
  await colleague.goto("/?lng=fr");
  await lead.goto("/groups/rooting-care/docs/learning-questions");
  // The demo starts with them finalised; whichever it is, end as it began.
  const wasFinalised = await lead.getByRole("button", { name: "Reopen for changes" }).isVisible();
  if (!wasFinalised) {
    await lead.getByRole("button", { name: "Finalise the questions" }).click();
    await expect(lead.getByRole("button", { name: "Reopen for changes" })).toBeVisible();
  }

  // A light page (the group's) and the CoP overview in French, both served before the change.
  await member.goto("/groups/rooting-care");
  await colleague.goto("/learning-questions");
  const careSection = colleague.locator("section", { has: colleague.getByRole("heading", { name: "Enraciner le soin" }) });
  await expect(careSection.getByTestId("questions-status")).toHaveText("Finalisées");
  // Both pages' islands are connected before the change (the page says so).
  for (const page of [member, colleague]) await expect(page.locator("[data-live-questions]")).toHaveAttribute("data-live", "connected");

  await lead.getByRole("button", { name: "Reopen for changes" }).click();
  await expect(lead.getByRole("button", { name: "Finalise the questions" })).toBeVisible();
  const memberNotice = member.getByRole("button", { name: "The learning questions were just reopened for changes. Show the update" });
  await expect(memberNotice).toBeVisible();
  const colleagueNotice = colleague.getByRole("button", { name: "Les questions d’apprentissage viennent d’être rouvertes. Afficher la mise à jour" });
  await expect(colleagueNotice).toBeVisible();
  await colleagueNotice.click();
  await expect(careSection.getByTestId("questions-status")).toHaveText("Brouillon");
  await memberNotice.click();
  await expect(member.locator("#documents").getByText("Draft", { exact: true }).first()).toBeVisible();

  await lead.getByRole("button", { name: "Finalise the questions" }).click();
  await expect(lead.getByRole("button", { name: "Reopen for changes" })).toBeVisible();
  await expect(member.getByRole("button", { name: "The learning questions were just finalised. Show the update" })).toBeVisible();
  await expect(colleague.getByRole("button", { name: "Les questions d’apprentissage viennent d’être finalisées. Afficher la mise à jour" })).toBeVisible();
  await colleague.goto("/?lng=en");
  await Promise.all(contexts.map((context) => context.close()));
});

test("on a light page the island wires the copy button: the calendar feed address", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signIn(page, "member.care");
  await page.goto("/meetings");
  await page.getByRole("button", { name: /Create my calendar address|Replace my calendar address/ }).click();
  const field = page.getByLabel(/Your private calendar address/);
  await expect(field).toHaveValue(/^http/);
  await page.getByRole("button", { name: "Copy the address" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Copied\.$/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await field.inputValue());
  await context.close();
});
