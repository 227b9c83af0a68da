// A publication from proposal to reader: a lead proposes the group's field notes, the
// coordinator replaces the flagged member's name and approves, and a reader without an account
// opens the French page (no script, no cookie) and downloads the EPUB.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";

test("a lead proposes, the coordinator fixes a flagged name and approves, a reader downloads the French EPUB", async ({ browser }) => {
  const slug = `field-notes-${Date.now().toString(36)}`;

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, "lead.care");
  await lead.goto("/publications/new");
  await lead.getByRole("group", { name: /^English text/ }).getByLabel("Field notes (English)").check();
  await lead.getByRole("group", { name: /^French text/ }).getByLabel("Notes de terrain (français)").check();
  await lead.getByLabel("Address").fill(slug);
  await lead.getByLabel("Title in English").fill("What members told us about care");
  await lead.getByLabel("Title in French").fill("Ce que les membres nous ont dit du soin");
  await lead.getByLabel("Authorship line in English").fill("Rooting care working group, Power of Pride CoP");
  await lead.getByLabel("Authorship line in French").fill("Groupe de travail Enraciner le soin, CoP Power of Pride");
  await lead.getByRole("button", { name: "Send for review" }).click();
  await expect(lead.getByRole("heading", { name: /Review of version 1/ })).toBeVisible();
  const reviewUrl = lead.url();
  await leadContext.close();

  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, "coordinator");
  await coordinator.goto(reviewUrl);
  // The member's name is flagged in both languages: replace it in each.
  for (const replacement of ["A member", "Une personne"]) {
    const form = coordinator.locator("form").filter({ has: coordinator.getByLabel("Replace “Nilo” with") }).first();
    await form.getByLabel("Replace “Nilo” with").fill(replacement);
    await form.getByRole("button", { name: "Replace" }).click();
    await expect(coordinator.getByText(/Identity hits still to fix or accept/)).toBeVisible();
  }
  await expect(coordinator.getByLabel("Replace “Nilo” with")).toHaveCount(0);
  // The contact address is a shared one: kept as it is, one hit at a time.
  for (let i = 0; i < 2; i += 1) await coordinator.getByRole("button", { name: "Keep “care@example.org” as it is" }).first().click();
  await expect(coordinator.getByText("Both languages are present and match, and every hit is resolved.")).toBeVisible();
  await coordinator.getByRole("button", { name: "Approve as coordinator" }).click();
  await expect(coordinator.getByRole("heading", { name: "Where readers find it" })).toBeVisible();
  await coordinatorContext.close();

  const readerContext = await browser.newContext({ javaScriptEnabled: false });
  const reader = await readerContext.newPage();
  const response = await reader.goto(`/p/${slug}`);
  expect(response?.status()).toBe(200);
  await reader.getByRole("link", { name: "Lire en français" }).click();
  await expect(reader.locator("html")).toHaveAttribute("lang", "fr");
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Ce que les membres nous ont dit du soin");
  await expect(reader.getByText("Une personne a dit que le fonds")).toBeVisible();
  await expect(reader.getByText("Nilo")).toHaveCount(0);
  const downloading = reader.waitForEvent("download");
  await reader.getByRole("link", { name: "EPUB (livre numérique)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}-v1-fr.epub`);
  expect(await readerContext.cookies()).toEqual([]);
  await readerContext.close();
});
