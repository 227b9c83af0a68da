// A member's own data in French, in Chromium: preparing the export (progress moves by itself),
// downloading the zip once, then erasing the account and undoing it with the code shown once.
// The account is restored at the end, as other specs use it.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { screenshot, signIn, DEMO_PASSWORD } from "./support/session";

test("export your data, then erase your account and undo it, in French", async ({ page }) => {
  await signIn(page, "member.collaboration");
  await page.goto("/settings?lng=fr");
  await page.getByRole("button", { name: "Préparer mon export" }).click();
  // The page revalidates while the export is prepared: no reload needed with JavaScript.
  const download = page.getByRole("link", { name: "Télécharger mes données (une fois)" });
  await expect(download).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "export-ready-fr");
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  const zip = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
  expect(JSON.parse(strFromU8(zip["profile.json"])).account.username).toBe("member.collaboration");
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(["posts.json", "comments.json", "meetings.json", "honoraria.json", "expenses.json", "library.json"]));
  await page.reload();
  await expect(page.getByText("Votre dernier export a été téléchargé puis supprimé.")).toBeVisible();

  await page.getByRole("link", { name: "Effacer mon compte…" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Effacer votre compte");
  await page.getByLabel("Les garder, présentés comme venant d’un ancien membre (sans votre pseudonyme)").check();
  await page.getByLabel("Votre mot de passe").fill(DEMO_PASSWORD);
  await page.getByLabel(/Je comprends/).check();
  await page.getByRole("button", { name: "Effacer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre compte est verrouillé");
  const code = (await page.getByTestId("undo-code").textContent())!.trim();
  await screenshot(page, "erased-fr");
  // Signed out everywhere: the settings ask to sign in again.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);

  await page.goto("/account/undo?lng=fr");
  await page.getByLabel("Code d’annulation").fill(code);
  await page.getByRole("button", { name: "Rétablir mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre compte est rétabli");
  await signIn(page, "member.collaboration");
  await page.goto("/settings?lng=fr");
  await expect(page.getByLabel("Nom affiché")).toHaveValue("Sam");
});
