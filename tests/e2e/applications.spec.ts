// Applications as people meet them: a French applicant on a phone with JavaScript off applies,
// a reviewer scores, the coordinator accepts, and the invitation link makes them a member of
// the working group they were accepted into.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("apply in French without JavaScript, get scored, accepted, and join the chosen group", async ({ browser }) => {
  test.setTimeout(120_000);
  const applicant = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR", viewport: { width: 390, height: 844 }, timezoneId: "Africa/Dakar" });
  const page = await applicant.newPage();
  await page.goto("/apply");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Appel à candidatures");
  await expect(page.getByText("Ce que nous conservons, et combien de temps")).toBeVisible();
  await screenshot(page, "applications-01-call-fr-phone");

  await page.getByLabel("Nom ou pseudonyme").fill("Amara K.");
  await page.getByLabel("Un moyen de vous contacter").fill("Signal : @amara.k");
  await page.getByLabel("Pays", { exact: true }).fill("Sénégal");
  await page.getByRole("radio", { name: "Afrique" }).check();
  await page.getByLabel("Expérience pertinente").fill("Six ans d'accompagnement juridique de personnes trans à Dakar.");
  // Motivation left empty on purpose: the refusal must keep everything else.
  await page.getByLabel("Vos objectifs d’apprentissage et votre plan pour les atteindre").fill("Mettre en place un cadre de redevabilité pour notre collectif.");
  await page.getByRole("radio", { name: /Pratiquer la redevabilité/ }).check();
  await page.getByRole("radio", { name: "Anglais et français" }).check();
  await page.getByRole("radio", { name: "Oui", exact: true }).check();
  for (const statement of [/comité consultatif/, /organisations de l’alliance/, /précédente Communauté/]) {
    await page.getByRole("group", { name: statement }).getByRole("radio", { name: "Je confirme" }).check();
  }
  // A person takes time to fill a form; the spam trap refuses one sent within seconds.
  await page.waitForTimeout(4_500);
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.getByRole("link", { name: "Lettre de motivation : Rédigez votre lettre de motivation." })).toBeVisible();
  await expect(page.getByText("Rédigez votre lettre de motivation.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Nom ou pseudonyme")).toHaveValue("Amara K.");
  await expect(page.getByRole("radio", { name: /Pratiquer la redevabilité/ })).toBeChecked();
  await screenshot(page, "applications-02-missing-motivation-fr");

  await page.getByLabel("Lettre de motivation").fill("Apprendre avec d'autres activistes comment nos mouvements rendent des comptes.");
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.getByText(/votre candidature a été envoyée/)).toBeVisible();
  const privateLink = await page.getByRole("textbox", { name: "Votre lien privé" }).inputValue();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Votre candidature ", "").trim();
  expect(privateLink).toMatch(/\/apply\/[a-z2-7]{32}$/);
  await screenshot(page, "applications-03-sent-fr");

  // A reviewer (the MEL member, appointed in the demo) scores it, blind.
  // The committee works without JavaScript too (and so avoids racing hydration at sign-in).
  const reviewerContext = await browser.newContext({ javaScriptEnabled: false });
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "mel");
  await reviewer.getByRole("link", { name: "Applications" }).click();
  await reviewer.getByRole("link", { name: new RegExp(reference) }).click();
  await expect(reviewer.getByText("Six ans d'accompagnement juridique")).toBeVisible();
  await expect(reviewer.getByText("@amara.k")).toHaveCount(0);
  const marks: Record<string, string> = { "Relevant experience": "5", "Motivation and skills": "4", "Ability to take part regularly": "4", "Clarity of learning goals and fit with the themes": "5", "Contribution to balanced representation": "4", "English and/or French": "5" };
  for (const [criterion, score] of Object.entries(marks)) {
    await reviewer.getByRole("group", { name: criterion }).getByRole("radio", { name: score, exact: true }).check();
  }
  await reviewer.getByLabel("Notes (optional)").fill("Clear plan, strong fit with accountability.");
  await reviewer.getByRole("button", { name: "Send my scores" }).click();
  await expect(reviewer.getByText("Your scores were sent.")).toBeVisible();
  await screenshot(reviewer, "applications-04-reviewer-scored");

  // The coordinator sees the ranking, accepts into the chosen group and sends the outcome.
  const coordinatorContext = await browser.newContext({ javaScriptEnabled: false });
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, "coordinator");
  await coordinator.goto("/applications");
  await expect(coordinator.getByRole("heading", { name: "Ranked applications" })).toBeVisible();
  await expect(coordinator.getByRole("row", { name: new RegExp(reference) })).toContainText("4.50");
  await screenshot(coordinator, "applications-05-coordinator-ranking");
  await coordinator.getByRole("link", { name: "Call text and reviewers" }).click();
  await expect(coordinator.getByRole("heading", { name: "Review committee" })).toBeVisible();
  // Reviewers by display name; usernames are never shown.
  await expect(coordinator.locator("#reviewers").getByText("Ife (MEL)")).toBeVisible();
  await expect(coordinator.getByText("@mel")).toHaveCount(0);
  await screenshot(coordinator, "applications-05b-coordinator-call-settings");
  await coordinator.goto("/applications");
  await coordinator.getByRole("link", { name: reference }).click();
  await expect(coordinator.getByText("Signal : @amara.k")).toBeVisible();
  await coordinator.getByLabel("Accept into").selectOption({ label: "Practising accountability" });
  await coordinator.getByRole("button", { name: "Accept", exact: true }).click();
  await coordinator.getByRole("button", { name: "Send the outcome" }).click();
  await expect(coordinator.getByText(/shown on the applicant's status page/)).toBeVisible();
  await screenshot(coordinator, "applications-06-coordinator-outcome-sent");

  // Back on the private link (no email given): the outcome and the invitation link.
  await page.goto(privateLink);
  await expect(page.getByRole("heading", { name: "Votre candidature est retenue !" })).toBeVisible();
  await expect(page.getByText(/Pratiquer la redevabilité/).first()).toBeVisible();
  await screenshot(page, "applications-07-accepted-fr");
  await page.getByRole("link", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rejoindre Praxis");
  await page.getByLabel("Nom affiché").fill("Amara");
  await page.getByLabel("Nom d’utilisateur·rice").fill("amara.k");
  await page.getByLabel("Mot de passe", { exact: true }).fill("une longue phrase secrète");
  await page.getByLabel("Mot de passe, à nouveau").fill("une longue phrase secrète");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bienvenue, Amara");
  await page.goto("/groups/practising-accountability");
  await expect(page.getByText("Vous êtes membre de ce groupe")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Personnes" })).toContainText("Amara");
  await screenshot(page, "applications-08-member-of-group-fr");

  await applicant.close();
  await reviewerContext.close();
  await coordinatorContext.close();
});

test("the blind first round as a reviewer: declare no conflict from the names, score blind in French, then see who applied", async ({ browser }) => {
  test.setTimeout(120_000);
  // An applicant, in French, without JavaScript.
  const applicant = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
  const form = await applicant.newPage();
  await form.goto("/apply");
  await form.getByLabel("Nom ou pseudonyme").fill("Nadia Blindtest");
  await form.getByLabel("Un moyen de vous contacter").fill("Signal : @nadia.blind");
  await form.getByLabel("Pays", { exact: true }).fill("Maroc");
  await form.getByRole("textbox", { name: /^Organisation ou collectif/ }).fill("Collectif Arc-en-ciel Rabat");
  await form.getByRole("radio", { name: "Afrique" }).check();
  await form.getByLabel("Expérience pertinente").fill("Huit ans d'écoute téléphonique pour les jeunes LGBTIQ+.");
  await form.getByLabel("Lettre de motivation").fill("Apprendre à faire durer notre ligne d'écoute.");
  await form.getByLabel("Vos objectifs d’apprentissage et votre plan pour les atteindre").fill("Un plan de relève des bénévoles.");
  await form.getByRole("radio", { name: /Enraciner le soin/ }).check();
  await form.getByRole("radio", { name: "Anglais et français" }).check();
  await form.getByRole("radio", { name: "Oui", exact: true }).check();
  for (const statement of [/comité consultatif/, /organisations de l’alliance/, /précédente Communauté/]) {
    await form.getByRole("group", { name: statement }).getByRole("radio", { name: "Je confirme" }).check();
  }
  await form.waitForTimeout(4_500); // the spam trap refuses a form sent within seconds
  await form.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(form.getByText(/votre candidature a été envoyée/)).toBeVisible();
  const reference = (await form.getByRole("heading", { level: 1 }).textContent())!.replace("Votre candidature ", "").trim();

  // The coordinator makes the first round blind (a setting of the call).
  const coordinatorContext = await browser.newContext({ javaScriptEnabled: false });
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, "coordinator");
  await coordinator.goto("/applications/settings");
  await coordinator.getByRole("checkbox", { name: "Blind first round" }).check();
  await coordinator.getByRole("button", { name: "Save the call" }).click();
  await expect(coordinator.getByText("The call was saved.")).toBeVisible();
  await expect(coordinator.getByRole("heading", { name: "Blind first round" })).toBeVisible();

  // Phase 1, in English: only the names, to declare conflicts of interest.
  const reviewerContext = await browser.newContext({ javaScriptEnabled: false });
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "mel");
  await reviewer.getByRole("link", { name: "Applications" }).click();
  await expect(reviewer.getByRole("heading", { name: "First: conflicts of interest" })).toBeVisible();
  const nadia = reviewer.getByRole("checkbox", { name: "I have a conflict of interest with Nadia Blindtest" });
  await expect(nadia).not.toBeChecked();
  await expect(reviewer.getByText(reference)).toHaveCount(0);
  await expect(reviewer.getByText("Collectif Arc-en-ciel Rabat")).toHaveCount(0);
  await screenshot(reviewer, "applications-blind-01-declare-en");
  await reviewer.getByRole("checkbox", { name: "I have read every name; these declarations are final" }).check();
  await reviewer.getByRole("button", { name: "Send my declarations" }).click();
  await expect(reviewer.getByText("Your declarations were recorded.")).toBeVisible();
  await expect(reviewer.getByText("Nadia Blindtest")).toHaveCount(0);

  // Phase 2, in French: the answers without name, organisation or country.
  await reviewer.goto("/applications?lng=fr");
  await expect(reviewer.locator("html")).toHaveAttribute("lang", "fr");
  await reviewer.getByRole("link", { name: reference }).click();
  await expect(reviewer.getByText("Huit ans d'écoute téléphonique")).toBeVisible();
  await expect(reviewer.getByText("Masqué jusqu’à l’envoi de vos notes")).toHaveCount(3);
  for (const hidden of ["Nadia Blindtest", "Collectif Arc-en-ciel Rabat", "Maroc", "@nadia.blind"]) await expect(reviewer.getByText(hidden)).toHaveCount(0);
  await screenshot(reviewer, "applications-blind-02-scoring-blind-fr");
  for (const criterion of ["Expérience pertinente", "Motivation et compétences", "Capacité à participer régulièrement", "Clarté des objectifs d’apprentissage et adéquation avec les thèmes", "Contribution à une représentation équilibrée", "Anglais et/ou français"]) {
    await reviewer.getByRole("group", { name: criterion }).getByRole("radio", { name: "4", exact: true }).check();
  }
  await reviewer.getByRole("button", { name: "Envoyer mes notes" }).click();
  await expect(reviewer.getByText("Vos notes ont été envoyées.")).toBeVisible();

  // Scores in: who applied is shown (never the contact), and the scores are final.
  await expect(reviewer.getByText("Nadia Blindtest")).toBeVisible();
  await expect(reviewer.getByText("Collectif Arc-en-ciel Rabat")).toBeVisible();
  await expect(reviewer.getByText("Maroc")).toBeVisible();
  await expect(reviewer.getByText("@nadia.blind")).toHaveCount(0);
  await expect(reviewer.getByText("Vos notes ont été envoyées ; dans un tour à l’aveugle, elles sont définitives.")).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "Envoyer mes notes" })).toHaveCount(0);
  await screenshot(reviewer, "applications-blind-03-identified-fr");

  // Put things back for the specs after this one: Ife reads in English, the call is not blind.
  await reviewer.goto("/applications?lng=en");
  await coordinator.goto("/applications/settings");
  await coordinator.getByRole("checkbox", { name: "Blind first round" }).uncheck();
  await coordinator.getByRole("button", { name: "Save the call" }).click();
  await expect(coordinator.getByText("The call was saved.")).toBeVisible();

  await applicant.close();
  await reviewerContext.close();
  await coordinatorContext.close();
});
