// A lost phone, revoked from another device, keeps nothing: the offline copy of the documents it
// held and its own-device flag go the next time it talks to Praxis (the open editor, a live
// discussion page, or a page load), exactly as signing out does.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const ANDROID = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";
const WORKPLAN = "/groups/strengthening-collaboration/docs/workplan";
const COPY = "praxis:workplan.strengthening-collaboration";

async function offline(page: Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    ownDevice: localStorage.getItem("praxis.ownDevice"),
  }));
}

/** A phone that keeps an offline copy of the group's workplan. */
async function phoneWithCopy(browser: Browser, username: string, language: "en" | "fr") {
  const context = await browser.newContext({ userAgent: ANDROID, viewport: { width: 390, height: 800 }, locale: language === "fr" ? "fr-FR" : "en-GB" });
  const phone = await context.newPage();
  await signIn(phone, username);
  // ?lng= saves the language on the account, whatever another spec left there.
  await phone.goto(`${WORKPLAN}?lng=${language}`);
  await phone.getByLabel(language === "fr" ? "C’est mon propre appareil : garder une copie hors ligne ici" : "This is my own device: keep an offline copy here").check();
  const editor = phone.getByRole("textbox", { name: language === "fr" ? "Plan de travail" : "Workplan" });
  await editor.click();
  await phone.keyboard.press("End");
  await phone.keyboard.type(" Kept on my phone.");
  // A device marked own may also have started its (sealed) reading pack by now.
  await expect.poll(async () => {
    const { databases, ownDevice } = await offline(phone);
    return { databases: databases.filter((name) => name !== "praxis:pack"), ownDevice };
  }).toEqual({ databases: [COPY], ownDevice: "1" });
  return { context, phone };
}

async function revokePhone(browser: Browser, username: string) {
  const context = await browser.newContext({ locale: "en-GB" });
  const laptop = await context.newPage();
  await signIn(laptop, username);
  await laptop.goto("/settings");
  const row = laptop.locator(".session", { hasText: "Chrome · Android" });
  await row.getByRole("button", { name: /Sign out|Déconnecter/ }).click();
  await expect(laptop.locator(".session", { hasText: "Chrome · Android" })).toHaveCount(0);
  await context.close();
}

test("the open editor says the session ended and the copy is gone (Yjs refusal)", async ({ browser }) => {
  // Sam reads Praxis in French.
  const { context, phone } = await phoneWithCopy(browser, "member.collaboration", "fr");
  await revokePhone(browser, "member.collaboration");
  const notice = phone.getByRole("alert");
  await expect(notice).toContainText("Votre session est terminée");
  await expect(notice).toContainText("La copie hors ligne de ce document a été effacée de cet appareil.");
  // The text is off the screen, and off the device.
  await expect(phone.getByRole("textbox", { name: "Plan de travail" })).toHaveCount(0);
  await expect.poll(() => offline(phone)).toEqual({ databases: [], ownDevice: null });
  await screenshot(phone, "revoked-editor-fr");
  await context.close();
});

test("a live discussion page learns it from the socket's refusal", async ({ browser }) => {
  const { context, phone } = await phoneWithCopy(browser, "lead.collaboration", "en");
  await phone.goto("/community");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Community");
  // A device marked own also keeps the (sealed) reading pack; both go at the refusal.
  expect((await offline(phone)).databases.filter((name) => name !== "praxis:pack")).toEqual([COPY]);
  await revokePhone(browser, "lead.collaboration");
  // No reload: the Socket.IO connection is dropped, asked again, refused.
  await expect.poll(() => offline(phone)).toEqual({ databases: [], ownDevice: null });
  expect(new URL(phone.url()).pathname).toBe("/community");
  await context.close();
});

test("a phone that was away learns it at its next page load", async ({ browser }) => {
  const { context, phone } = await phoneWithCopy(browser, "lead.collaboration", "en");
  await phone.goto("/");
  await revokePhone(browser, "lead.collaboration");
  // The next page load carries the old cookie: sent to sign in, with Clear-Site-Data.
  await phone.goto(WORKPLAN);
  await expect(phone).toHaveURL(/\/login/);
  await expect.poll(() => offline(phone)).toEqual({ databases: [], ownDevice: null });
  await screenshot(phone, "revoked-next-load-en");
  await context.close();
});
