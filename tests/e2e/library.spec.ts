// The library as a member meets it: upload a PDF, find it by a word from inside it, link it to a
// learning question and a reading list, then read the same in French.
import { expect, test } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { screenshot, signIn } from "./support/session";

async function pdfWith(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor("Nilo's real name");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 760 - i * 18, size: 12, font }));
  return Buffer.from(await doc.save());
}

test("a member uploads a PDF, finds it by a word inside it, links it to a learning question and reflects on it", async ({ page }) => {
  await signIn(page, "member.care");
  await page.goto("/library");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Library");
  await screenshot(page, "library-list-en");

  await page.getByRole("link", { name: "Add a resource" }).click();
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "circle-notes.pdf",
    mimeType: "application/pdf",
    buffer: await pdfWith(["Notes from our peer support circle", "We practised the tamarind check-in before every meeting."]),
  });
  await page.getByLabel("Title").fill("Peer support circle notes");
  await page.getByLabel("Short description").fill("What we learned running monthly peer support circles.");
  await page.getByLabel("Rooting care").check();
  await page.getByLabel("Tags").fill("peer support, circles");
  await screenshot(page, "library-add-en");
  await page.getByRole("button", { name: "Add to the library" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Peer support circle notes");
  await expect(page.getByText("Identifying metadata (author, location, camera) was removed from this file.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Download PDF/ })).toBeVisible();

  // A word that only appears inside the PDF finds it, with the word marked in the snippet.
  await page.goto("/library");
  await page.getByLabel("Search the library").fill("tamarind");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: /1 resource for “tamarind”/ })).toBeVisible();
  await expect(page.locator(".library-snippet mark")).toHaveText("tamarind");
  await screenshot(page, "library-search-en");

  await page.getByRole("link", { name: "Peer support circle notes" }).click();
  await page.getByLabel("This informs").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByText(/Rooting care, question 2/)).toBeVisible();
  await page.getByLabel("Add to a collection").selectOption({ label: "Starting points on collective care (Rooting care)" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("link", { name: "Starting points on collective care" })).toBeVisible();

  // A reflection, through the discussion component the whole CoP uses.
  await page.getByLabel("Your reply").fill("The tamarind check-in could work for our plenary too.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.locator(".post__body", { hasText: "could work for our plenary too" })).toBeVisible();
  await screenshot(page, "library-resource-en");

  await page.goto("/library?lng=fr");
  await page.getByLabel("Chercher dans la bibliothèque").fill("equite");
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page.getByRole("link", { name: "Équité et redevabilité dans les alliances" })).toBeVisible();
  await screenshot(page, "library-search-fr");
  await page.goto("/library?lng=en");
});
