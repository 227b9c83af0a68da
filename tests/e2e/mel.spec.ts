// MEL as people meet it: a lead prepares and submits a check-in, MEL comments and adds a
// follow-up action, the lead sees it on the group page. Screenshots of the dashboard in EN and FR.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

test("a lead submits a check-in, MEL responds with a follow-up action, the lead sees it", async ({ browser }) => {
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, "lead.collaboration");
  await lead.goto("/mel");
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Monitoring, evaluation and learning");
  await lead.getByRole("link", { name: "Strengthening collaboration" }).click();
  await lead.getByRole("button", { name: "Prepare a check-in" }).click();
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Prepare a check-in: Strengthening collaboration");
  await expect(lead.getByRole("heading", { name: "Milestones" })).toBeVisible();
  await lead.getByLabel("Challenges").fill("Two members could not join calls because of data costs.");
  await lead.getByRole("button", { name: "Save draft" }).click();
  await expect(lead.getByRole("status")).toHaveText("Draft saved.");
  await lead.getByLabel("Progress").fill("We mapped five alliances and held our first exchange.");
  await lead.getByLabel("Help and advice sought").fill("How to share the mapping without exposing partners?");
  await expect(lead.getByLabel("Challenges")).toHaveValue("Two members could not join calls because of data costs.");
  await lead.getByRole("button", { name: "Submit check-in" }).click();
  await expect(lead.getByRole("status")).toHaveText("Check-in submitted. The MEL group can read it now.");
  const checkInUrl = lead.url().replace(/\?.*$/, "");
  await screenshot(lead, "mel-checkin-submitted");

  const melContext = await browser.newContext();
  const mel = await melContext.newPage();
  await signIn(mel, "mel");
  await mel.goto("/mel");
  const card = mel.getByRole("listitem").filter({ has: mel.getByRole("heading", { name: "Strengthening collaboration" }) });
  await expect(card.getByText("Open requests")).toBeVisible();
  await expect(card.getByText("How to share the mapping without exposing partners?")).toBeVisible();
  await card.getByRole("link", { name: /Submitted/ }).click();
  await expect(mel).toHaveURL(checkInUrl);
  await expect(mel.getByText("How to share the mapping without exposing partners?")).toBeVisible();
  await mel.getByLabel("Your comment").fill("Thank you, this is very clear.");
  await mel.getByRole("button", { name: "Post comment" }).click();
  await expect(mel.getByText("Thank you, this is very clear.", { exact: true })).toBeVisible();
  await mel.getByLabel("Advice and decisions taken").fill("Share the mapping only as a summary, without names.");
  await mel.getByRole("button", { name: "Save advice and decisions" }).click();
  await expect(mel.getByRole("status")).toHaveText("Advice and decisions saved.");
  await mel.getByLabel("What needs doing").fill("Send the anonymised mapping summary to MEL");
  await mel.getByLabel("Owner").selectOption({ label: "Camilo" });
  await mel.getByLabel("Due date").fill("2030-01-15");
  await mel.getByRole("button", { name: "Add follow-up action" }).click();
  await expect(mel.getByRole("status")).toHaveText("Follow-up action added; the group sees it on its page.");

  // The dashboard, in English and in French.
  await mel.goto("/mel");
  await expect(mel.getByText("Workplan awaiting review")).toBeVisible();
  await screenshot(mel, "mel-dashboard-en");
  await mel.goto("/mel?lng=fr");
  await expect(mel.getByRole("heading", { level: 1 })).toHaveText("Suivi, évaluation et apprentissage");
  await expect(mel.getByText("Plan de travail en attente d’examen")).toBeVisible();
  await screenshot(mel, "mel-dashboard-fr");
  await mel.setViewportSize({ width: 390, height: 844 });
  await screenshot(mel, "mel-dashboard-fr-phone");
  await mel.setViewportSize({ width: 1280, height: 720 });
  await mel.goto("/mel/groups/rooting-care?lng=en");
  await screenshot(mel, "mel-group-en");

  // The lead sees MEL's response on the group page.
  await lead.goto("/groups/strengthening-collaboration");
  const followUps = lead.getByRole("region", { name: "Workplan and follow-up" });
  await expect(followUps.getByText("Send the anonymised mapping summary to MEL")).toBeVisible();
  await expect(followUps.getByText(/owner: Camilo/)).toBeVisible();
  await screenshot(lead, "mel-group-page-follow-up");
  await lead.goto(checkInUrl);
  await expect(lead.getByText("Share the mapping only as a summary, without names.")).toBeVisible();
  await expect(lead.getByText("Thank you, this is very clear.", { exact: true })).toBeVisible();

  await leadContext.close();
  await melContext.close();
});

test("a member reading the workplan under review is told live when MEL answers, and can edit after a refresh", async ({ browser }) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, "member.accountability"); // reads in French
  await member.goto("/groups/practising-accountability/docs/workplan");
  await expect(member.getByText("Le plan de travail est en examen par le groupe MEL", { exact: false })).toBeVisible();
  await expect(member.getByLabel("Nommer cette version")).toHaveCount(0);

  const melContext = await browser.newContext();
  const mel = await melContext.newPage();
  await signIn(mel, "mel");
  await mel.goto("/mel/groups/practising-accountability?lng=en");
  await mel.getByLabel("Comments for the group").fill("Please add dates to the second milestone.");
  await mel.getByRole("button", { name: "Request changes" }).click();
  await expect(mel.getByRole("status").filter({ hasText: "Your change request was sent to the group." })).toBeVisible();

  const notice = member.getByTestId("live-refresh");
  await expect(notice).toContainText("Le groupe MEL vient de répondre sur ce plan de travail.");
  await screenshot(member, "documents-workplan-reviewed-notice");
  await notice.getByRole("button", { name: "Actualiser" }).click();
  await expect(notice).toHaveCount(0);
  await expect(member.getByText("Le plan de travail est en examen par le groupe MEL", { exact: false })).toHaveCount(0);
  await expect(member.getByLabel("Nommer cette version")).toBeVisible();

  await memberContext.close();
  await melContext.close();
});
