// Translation drift both ways in a real browser, on an agenda the lead schedules for this test
// (so the demo meetings other specs read are untouched). In English: an English edit after the
// French was reviewed flags the French at that section, named in English; marking "Reviewed"
// again clears nothing; only changing the flagged French section does (and resets "Reviewed").
// In French: a French edit flags the English, named in French; a reviewer clears it by saying
// why no change is needed, and the reason stays in the history.
import { expect, test, type Page } from "@playwright/test";
import { scheduleMeeting, screenshot, signIn } from "./support/session";

/** Puts the caret at the end of `text` in an editor and types there. */
async function appendAfter(page: Page, editor: ReturnType<Page["getByRole"]>, text: string, addition: string) {
  await editor.getByText(text).click();
  await page.keyboard.press("End");
  await page.keyboard.type(addition);
}

test("an English edit flags the French and a French edit flags the English; flags clear only by a change or a stated reason", async ({ page }) => {
  test.setTimeout(180_000);
  const title = `Drift walk ${Date.now()}`;
  await signIn(page, "lead.care");
  await page.goto("/?lng=en");

  // A meeting of the lead's own group at the form's default time.
  await page.goto("/meetings/new");
  await page.getByLabel("Title in English").fill(title);
  await page.getByLabel("Title in French").fill(`Dérive ${title.slice(11)}`);
  await scheduleMeeting(page, title);
  const editPath = `${new URL(page.url()).pathname}/agenda/edit`;

  // --- In English -------------------------------------------------------------------------
  await page.goto(editPath);
  const english = page.getByRole("textbox", { name: "English text" });
  const french = page.getByRole("textbox", { name: "French text" });
  await english.click();
  await page.keyboard.type("## Rest\nWe rotate facilitation.\n## Next steps\nKaya shares the rota.");
  await french.click();
  await page.keyboard.type("## Repos\nNous faisons tourner l'animation.\n## Prochaines étapes\nKaya partage le planning.");
  await expect(page.locator(".editor__status--saved")).toHaveCount(2);
  await page.reload();

  const englishPanel = page.getByRole("region", { name: /^English/ });
  const frenchPanel = page.getByRole("region", { name: /^French/ });
  await page.getByLabel("Translation status").nth(1).selectOption("reviewed");
  await page.getByRole("button", { name: "Save status" }).nth(1).click();
  await expect(page.getByText("Status saved.")).toBeVisible();
  await expect(page.locator("#text-fr")).toContainText("Reviewed");
  await expect(frenchPanel.getByText(/^Needs update/)).toHaveCount(0);

  // The lead changes the English "Next steps" after the French was reviewed.
  await appendAfter(page, english, "Kaya shares the rota.", " Before the next meeting.");
  await expect(page.locator(".editor__status--saved")).toHaveCount(2);
  await page.reload();
  await expect(frenchPanel.getByText("Needs update: the English changed in these sections since this was marked.")).toBeVisible();
  // Named in the reader's language, and only that section.
  const frenchFlags = frenchPanel.locator(".alert li");
  await expect(frenchFlags).toHaveCount(1);
  await expect(frenchFlags).toContainText("Next steps");
  await expect(frenchFlags).not.toContainText("Prochaines étapes");
  await expect(englishPanel.getByText(/^Needs update/)).toHaveCount(0);
  await expect(page.getByText("The French text needs updating (sections: Next steps).")).toBeVisible();
  await screenshot(page, "drift-french-flagged-en");

  // Saying "Reviewed" again does not make the flag go away.
  await page.getByLabel("Translation status").nth(1).selectOption("reviewed");
  await page.getByRole("button", { name: "Save status" }).nth(1).click();
  await expect(page.getByText("Status saved.")).toBeVisible();
  await page.reload();
  await expect(frenchFlags).toHaveCount(1);
  await expect(frenchFlags).toContainText("Next steps");

  // Changing the flagged French section clears it, does not flag the English back, and the
  // French is no longer "Reviewed" (its text changed since).
  await appendAfter(page, french, "Kaya partage le planning.", " Avant la prochaine réunion.");
  await expect(page.locator(".editor__status--saved")).toHaveCount(2);
  await page.reload();
  await expect(french).toContainText("Kaya partage le planning. Avant la prochaine réunion.");
  await expect(frenchPanel.getByText(/^Needs update/)).toHaveCount(0);
  await expect(englishPanel.getByText(/^Needs update/)).toHaveCount(0);
  await expect(page.locator("#text-fr")).toContainText("Translated");
  await expect(page.getByText("It cannot be published yet:")).toHaveCount(0);

  // --- En français -------------------------------------------------------------------------
  await page.goto("/?lng=fr");
  await page.goto(editPath);
  const englishFr = page.getByRole("textbox", { name: "Texte anglais" });
  const frenchFr = page.getByRole("textbox", { name: "Texte français" });
  await expect(englishFr).toContainText("Before the next meeting.");
  const anglais = page.getByRole("region", { name: /^Anglais/ });
  const francais = page.getByRole("region", { name: /^Français/ });
  await expect(anglais.getByText(/^À mettre à jour/)).toHaveCount(0);

  // The lead changes the French "Repos": the English is flagged there, named in French.
  await appendAfter(page, frenchFr, "Nous faisons tourner l'animation.", " Chaque mois.");
  await expect(page.locator(".editor__status--saved")).toHaveCount(2);
  await page.reload();
  await expect(anglais.getByText("À mettre à jour : le texte en français a changé dans ces sections depuis.", { exact: true })).toBeVisible();
  const englishFlags = anglais.locator(".alert li");
  await expect(englishFlags).toHaveCount(1);
  await expect(englishFlags).toContainText("Repos");
  await expect(englishFlags).not.toContainText("Rest");
  await expect(francais.getByText(/^À mettre à jour/)).toHaveCount(0);
  await expect(page.getByText("Le texte en anglais doit être mis à jour (sections : Repos).", { exact: true })).toBeVisible();
  await screenshot(page, "drift-english-flagged-fr");

  // A reviewer judges the English fine as it is and says why: the flag clears, the reason stays.
  const reason = "Seule la formulation française a changé ; l'anglais dit déjà la même chose.";
  await expect(anglais.getByLabel(/Pourquoi aucun changement/)).toHaveAttribute("required", "");
  await anglais.getByLabel(/Pourquoi aucun changement/).fill(reason);
  await anglais.getByRole("button", { name: "Aucun changement nécessaire" }).click();
  await expect(page.getByText("Signalement levé ; la raison est gardée dans l’historique.")).toBeVisible();
  await page.reload();
  await expect(anglais.getByText(/^À mettre à jour/)).toHaveCount(0);
  await expect(francais.getByText(/^À mettre à jour/)).toHaveCount(0);
  await anglais.getByText("Décisions « aucun changement nécessaire »").click();
  await expect(anglais.getByText(`Repos: ${reason}`, { exact: false })).toBeVisible();
  await expect(page.getByText("La publication n’est pas encore possible :")).toHaveCount(0);
  await screenshot(page, "drift-no-change-needed-fr");

  await page.goto("/?lng=en"); // lead.care reads in English in the other specs
});
