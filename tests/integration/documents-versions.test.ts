// History for people who never name a version: automatic versions after a stretch of editing
// (the stretch shortened here, as the clock of this test) and when the last editor leaves; and
// the confirmation a restore lands on.
import { afterEach, describe, expect, it } from "vitest";
import { writeWorkplan } from "~/domain/workplans.server";
import { createMel, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectDocument, eventually, type YClient } from "../support/yjs";

// 0.01 minutes: an automatic version after 0.6 s of editing.
const praxis = usePraxis({ env: { DOCUMENT_AUTO_VERSION_MINUTES: "0.01" } });
const clients: YClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

async function signedIn(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

describe("automatic versions", () => {
  it("are kept after a stretch of editing and when the last editor leaves", async () => {
    const documentId = "learning-outcome.rooting-care";
    const autos = () => db().documentVersion.count({ where: { documentId, kind: "auto" } });
    const editor = connectDocument(praxis.url, documentId, (await signedIn(await createMember({ group: "rooting-care" }))).cookieHeader);
    clients.push(editor);
    await editor.synced;
    expect(await autos()).toBe(0);
    editor.doc.getText("t").insert(0, "first ");
    await new Promise((resolve) => setTimeout(resolve, 700));
    editor.doc.getText("t").insert(0, "second ");
    await eventually(async () => expect(await autos()).toBe(1));

    editor.doc.getText("t").insert(0, "third ");
    await eventually(async () => expect(await db().documentUpdate.count({ where: { documentId } })).toBeGreaterThanOrEqual(3));
    editor.destroy();
    await eventually(async () => expect(await autos()).toBe(2));
    const latest = await db().documentVersion.findFirstOrThrow({ where: { documentId, kind: "auto" }, orderBy: { createdAt: "desc" } });
    const Y = await import("yjs");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(latest.state));
    expect(doc.getText("t").toString()).toBe("third second first ");
  });
});

describe("restoring", () => {
  it("lands on the document with a clear confirmation", async () => {
    const browser = await signedIn(await createMember({ group: "rooting-care" }));
    const page = await browser.get("/groups/rooting-care/docs/learning-outcome?restored=1");
    expect(await page.text()).toContain("Version restored.");
  });
});

describe("approved means approved", () => {
  it("marks an approved workplan changed since approval, for the group and for MEL, with a link to compare", async () => {
    const slug = "strengthening-collaboration";
    const groupId = await groupIdFor(slug);
    const plan = (objective: string) => ({
      sections: [{ heading: "Objectives", paragraphs: [objective] }],
      milestones: [{ title: "Kick-off", due: "2027-01-20", status: "planned", ownerId: "" }],
      budget: [{ item: "Venue", category: "activities", amountCents: 30000, note: "" }],
    });
    await writeWorkplan(slug, plan("Train 12 facilitators."));
    const lead = await signedIn(await createMember({ group: slug, lead: true }));
    const mel = await signedIn(await createMel());
    expect((await lead.post(`/groups/${slug}/docs/workplan`, { intent: "submit", versionName: "For review" })).status).toBe(200);
    expect((await mel.post(`/mel/groups/${slug}`, { intent: "approve", comments: "", language: "en" })).status).toBeLessThan(400);
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).workplanStatus).toBe("approved");
    expect(await (await lead.get(`/groups/${slug}/docs/workplan`)).text()).not.toContain("Changed since approval");

    await writeWorkplan(slug, plan("Train 20 facilitators."));
    const approved = await db().documentVersion.findFirstOrThrow({ where: { documentId: `workplan.${slug}`, kind: "submitted" } });
    for (const [browser, path] of [[lead, `/groups/${slug}/docs/workplan`], [mel, `/mel/groups/${slug}`]] as const) {
      const page = await (await browser.get(path)).text();
      expect(page).toContain("Changed since approval");
      expect(page).toContain(`/groups/${slug}/docs/workplan/history?version=${approved.id}`);
    }
  });
});
