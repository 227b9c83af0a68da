// The document pages over plain HTTP (a browser without JavaScript): reading server-rendered
// text, finalising questions (the 1–3 rule), submitting the workplan, restoring a version,
// comments by role, and the CoP-wide questions page.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writeLearningQuestions, writeWorkplan } from "~/domain/workplans.server";
import { createMel, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectDocument, eventually, type YClient } from "../support/yjs";

const praxis = usePraxis();
const clients: YClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

async function browserFor(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

const plan = (title: string) => ({
  sections: [
    { heading: "Objectives", paragraphs: [`${title}: train 12 facilitators by March 2027.`, "Be kind <script>alert(1)</script>"] },
    { heading: "Timeline", paragraphs: ["All year."] },
  ],
  milestones: [{ title: "Kick-off", due: "2027-01-20", status: "planned", ownerId: "" }],
  budget: [
    { item: "Venue", category: "activities", amountCents: 30000, note: "" },
    { item: "Interpreters", category: "translation", amountCents: 12550, note: "" },
  ],
});

describe("reading a document without JavaScript", () => {
  it("shows the text, milestones and budget total to a member of another group, escaped", async () => {
    await writeWorkplan("practising-accountability", plan("Plan A"));
    const reader = await browserFor(await createMember({ group: "rooting-care" }));
    const response = await reader.get("/groups/practising-accountability/docs/workplan");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h2>Objectives</h2><p>Plan A: train 12 facilitators by March 2027.</p>");
    expect(html).toContain("Be kind &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Kick-off");
    expect(html).toContain("€425.50");
    expect(html).toContain("the group&#x27;s members write it");
  });

  it("answers 404 for a document that is not the group's", async () => {
    const reader = await browserFor(await createMember());
    expect((await reader.get("/groups/rooting-care/docs/doc.nothing-here")).status).toBe(404);
    expect((await reader.get("/groups/rooting-care/docs/minutes")).status).toBe(404);
  });
});

describe("finalising learning questions", () => {
  it("accepts only 1 to 3 questions, with a clear message, and records a dated snapshot", async () => {
    const slug = "strengthening-collaboration";
    const groupId = await groupIdFor(slug);
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    const member = await browserFor(await createMember({ group: slug }));
    const path = `/groups/${slug}/docs/learning-questions`;

    await writeLearningQuestions(slug, "Intro", [["One?"], ["Two?"], ["Three?"], ["Four?"]]);
    let response = await lead.post(path, { intent: "finalise" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("between 1 and 3 learning questions; this document has 4");
    const french = await lead.post(path, { intent: "finalise" }, { "accept-language": "fr" });
    expect(french.status).toBe(400);

    await writeLearningQuestions(slug, "Intro", []);
    response = await lead.post(path, { intent: "finalise" });
    expect(await response.text()).toContain("this document has 0");

    await writeLearningQuestions(slug, "Intro", [["How do we share power?", "Comment partager le pouvoir ?"], ["Who decides?"]]);
    expect((await member.post(path, { intent: "finalise" })).status).toBe(403); // only the lead
    response = await lead.post(path, { intent: "finalise" });
    expect(response.status).toBe(200);
    const groupPlan = await db().groupPlan.findUniqueOrThrow({ where: { groupId } });
    expect(groupPlan.questionsStatus).toBe("finalised");
    expect(groupPlan.questionsFinalisedAt).not.toBeNull();
    const version = await db().documentVersion.findFirstOrThrow({ where: { documentId: `learning-questions.${slug}`, kind: "finalised" } });
    expect(JSON.parse(version.summary).questions).toEqual([
      { text: "How do we share power?", translation: "Comment partager le pouvoir ?" },
      { text: "Who decides?", translation: "" },
    ]);

    // Finalised questions are read-only until reopened.
    const locked = await (await lead.get(path)).text();
    expect(locked).toContain("until the lead reopens them");
    expect(locked).not.toContain('value="save-version"');

    const cop = await (await member.get("/learning-questions")).text();
    expect(cop).toContain("How do we share power?");
    expect(cop).toContain("Comment partager le pouvoir ?");

    response = await lead.post(path, { intent: "reopen" });
    expect(response.status).toBe(200);
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).questionsStatus).toBe("draft");
    expect(await (await lead.get(path)).text()).toContain('value="save-version"');
    const audit = await db().auditEvent.findMany({ where: { objectId: groupId, action: { startsWith: "learningQuestions." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["learningQuestions.finalised", "learningQuestions.reopened"]);
  });
});

describe("versions", () => {
  it("restores a past version as a new change that open editors receive", async () => {
    const slug = "rooting-care";
    await writeWorkplan(slug, plan("Version one"));
    const member = await createMember({ group: slug });
    const browser = await browserFor(member);
    const path = `/groups/${slug}/docs/workplan`;
    expect((await browser.post(path, { intent: "save-version", name: "" })).status).toBe(400);
    expect((await browser.post(path, { intent: "save-version", name: "Before the retreat" })).status).toBe(200);
    const named = await db().documentVersion.findFirstOrThrow({ where: { documentId: `workplan.${slug}`, kind: "named" } });

    const live = connectDocument(praxis.url, `workplan.${slug}`, browser.sessionCookie);
    clients.push(live);
    await live.synced;
    const fragmentText = () => live.doc.getXmlFragment("default").toString();
    const firstParagraph = () => (live.doc.getXmlFragment("default").get(1) as Y.XmlElement).toString();
    expect(firstParagraph()).toContain("Version one");
    // Someone rewrites the objective live.
    live.doc.transact(() => {
      const paragraph = live.doc.getXmlFragment("default").get(1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.delete(0, text.length);
      text.insert(0, "Rewritten objective");
    });
    await eventually(async () => expect(await (await browser.get(path)).text()).toContain("Rewritten objective"));

    const history = await (await browser.get(`${path}/history?version=${named.id}`)).text();
    expect(history).toContain("Before the retreat");
    expect(history).toContain("Rewritten objective"); // shown as added since
    const restored = await browser.post(`${path}/history`, { intent: "restore", versionId: named.id });
    expect(restored.status).toBe(303);
    await eventually(() => expect(fragmentText()).toContain("Version one"));
    expect(fragmentText()).not.toContain("Rewritten objective");
    const page = await (await browser.get(path)).text();
    expect(page).toContain("Version one: train 12 facilitators");
    // Nothing is lost: the text before the restore is a version too.
    const before = await db().documentVersion.findFirstOrThrow({ where: { documentId: `workplan.${slug}`, kind: "restored" } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(before.state));
    expect(doc.getXmlFragment("default").toString()).toContain("Rewritten objective");
    // A reader cannot restore.
    const outsider = await browserFor(await createMember({ group: "practising-accountability" }));
    expect((await outsider.post(`${path}/history`, { intent: "restore", versionId: named.id })).status).toBe(403);
  });
});

describe("submitting the workplan", () => {
  it("freezes a version, locks editing during review, and can be resubmitted after changes are requested", async () => {
    const slug = "practising-accountability";
    const groupId = await groupIdFor(slug);
    await writeWorkplan(slug, plan("Submitted plan"));
    const leadMember = await createMember({ group: slug, lead: true });
    const lead = await browserFor(leadMember);
    const member = await browserFor(await createMember({ group: slug }));
    const path = `/groups/${slug}/docs/workplan`;
    expect((await member.post(path, { intent: "submit", versionName: "v1" })).status).toBe(403);

    const editor = connectDocument(praxis.url, `workplan.${slug}`, member.sessionCookie);
    const watcher = connectDocument(praxis.url, `workplan.${slug}`, lead.sessionCookie);
    clients.push(editor, watcher);
    await Promise.all([editor.synced, watcher.synced]);

    expect((await lead.post(path, { intent: "submit", versionName: "For review, January" })).status).toBe(200);
    const groupPlan = await db().groupPlan.findUniqueOrThrow({ where: { groupId } });
    expect(groupPlan.workplanStatus).toBe("submitted");
    const version = await db().documentVersion.findFirstOrThrow({ where: { documentId: `workplan.${slug}`, kind: "submitted" } });
    expect(version.name).toBe("For review, January");
    expect(JSON.parse(version.summary).totalCents).toBe(42550);
    expect((await lead.post(path, { intent: "submit", versionName: "again" })).status).toBe(409);

    // The open connection became read-only: its edit reaches nobody.
    await new Promise((resolve) => setTimeout(resolve, 300));
    editor.doc.getText("t").insert(0, "during review");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.doc.getText("t").toString()).toBe("");

    // The MEL group asks for changes (their feature sets this status): editing works again.
    await db().groupPlan.update({ where: { groupId }, data: { workplanStatus: "changes-requested" } });
    const again = connectDocument(praxis.url, `workplan.${slug}`, member.sessionCookie);
    clients.push(again);
    await again.synced;
    again.doc.getText("t").insert(0, "after review");
    await eventually(() => expect(watcher.doc.getText("t").toString()).toBe("after review"));
    const page = await (await lead.get(path)).text();
    expect(page).toContain("Resubmit for MEL review");
    expect((await lead.post(path, { intent: "submit", versionName: "Second round" })).status).toBe(200);
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).workplanStatus).toBe("submitted");
  });
});

describe("comments", () => {
  it("lets MEL and the group comment on a section, not members of other groups", async () => {
    const slug = "rooting-care";
    await writeWorkplan(slug, plan("Commented plan"));
    const path = `/groups/${slug}/docs/workplan`;
    const mel = await browserFor(await createMel());
    const response = await mel.post(path, { intent: "comment", anchor: "Objectives", body: "How will you count facilitators?" });
    expect(response.status).toBe(303);
    const page = await (await mel.get(path)).text();
    expect(page).toContain("How will you count facilitators?");
    expect(page).toContain("on “Objectives”");
    const empty = await mel.post(path, { intent: "comment", anchor: "", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Write the comment first.");
    const outsider = await browserFor(await createMember({ group: "strengthening-collaboration" }));
    expect((await outsider.post(path, { intent: "comment", anchor: "", body: "Not my group" })).status).toBe(403);
    expect(await db().documentComment.count({ where: { body: "Not my group" } })).toBe(0);
  });
});
