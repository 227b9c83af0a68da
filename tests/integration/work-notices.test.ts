// MEL notices against a real server and database: a workplan sent for review (to the MEL
// group), MEL's answer (to the group's leads, with the comments and a link to the text), a
// check-in sent and answered, a follow-up given and coming due (a job). For each: who is told
// and who is not, the list in English and French, the live badge over Socket.IO and the badge
// at each load, mail under the member's settings (content only when they chose it), and reading
// the notice by opening what it names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWorkplan } from "~/domain/workplans.server";
import { runDigests } from "~/domain/notifications.server";
import { noticeDueFollowUps } from "~/domain/work-notices.server";
import { serverJobs } from "../../server/jobs";
import { createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { daysFromNow } from "../../prisma/demo/builders";
import { Browserless, pageText } from "../support/http";
import { connectedSocket, eventually, recordEvents } from "../support/realtime";
import { mailOutbox, type Mail } from "../support/mail-outbox";
import { usePraxis } from "../support/praxis";

const outbox = mailOutbox("work-notices");
const { mailsTo, mailTo } = outbox;
const mailEnv = outbox.env;
Object.assign(process.env, mailEnv);
const praxis = usePraxis({ env: mailEnv });
const sockets: Array<{ disconnect(): void }> = [];

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
  outbox.remove();
});

async function withMail(member: TestMember, includeContent: boolean) {
  const email = `${member.username}@example.org`;
  await db().notificationSetting.upsert({
    where: { userId: member.id },
    create: { userId: member.id, preferenceToken: `pref-${member.id}`, email, emailMode: "immediate", includeContent },
    update: { email, emailMode: "immediate", includeContent },
  });
  return email;
}

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}


/** The unread badge as the page is served (what a member without JavaScript sees at each load). */
function badgeIn(html: string): number {
  const match = /data-testid="notification-count"[^>]*>(\d+)</.exec(html);
  if (!match) throw new Error("no badge on the page");
  return Number(match[1]);
}
async function badgeOn(browser: Browserless, path = "/library"): Promise<number> {
  return badgeIn(await (await browser.get(path)).text());
}

const noticesOf = (member: TestMember, kind: string) => db().notification.findMany({ where: { userId: member.id, kind } });
const unreadOf = async (member: TestMember, kind: string) => (await noticesOf(member, kind)).filter((n) => n.readAt === null).length;

async function groupNames(slug: string) {
  return db().workingGroup.findUniqueOrThrow({ where: { slug }, select: { nameEn: true, nameFr: true } });
}

describe("a workplan sent for review and answered (rooting-care)", () => {
  const slug = "rooting-care";
  let names: { nameEn: string; nameFr: string };
  let lead: TestMember;
  let coLead: TestMember;
  let member: TestMember;
  let otherLead: TestMember;
  let mel: TestMember;
  let melFr: TestMember;
  let coordinator: TestMember;
  let leadBrowser: Browserless;
  let melBrowser: Browserless;

  beforeAll(async () => {
    names = await groupNames(slug);
    [lead, coLead, member, otherLead, mel, melFr, coordinator] = await Promise.all([
      createMember({ group: slug, lead: true, locale: "fr" }),
      createMember({ group: slug, lead: true, locale: "en" }),
      createMember({ group: slug, locale: "en" }),
      createMember({ group: "practising-accountability", lead: true, locale: "en" }),
      createMember({ role: "mel", group: null, locale: "en" }),
      createMember({ role: "mel", group: null, locale: "fr" }),
      createCoordinator(),
    ]);
    await writeWorkplan(slug, {
      sections: [{ heading: "Objectives", paragraphs: ["Two care circles."] }],
      milestones: [{ title: "First circle", due: daysFromNow(30).toISOString().slice(0, 10), status: "planned", ownerId: "" }],
      budget: [{ item: "Facilitation", category: "Facilitation", amountCents: 100_000, note: "" }],
    });
    leadBrowser = await signedIn(lead);
    melBrowser = await signedIn(mel);
  });

  it("tells the MEL group (live, in the list in their language, by mail), nobody else, and opening the MEL page reads it", async () => {
    const melMail = await withMail(mel, false);
    const socket = await connectedSocket(praxis.url, melBrowser.sessionCookie);
    sockets.push(socket);
    const counts = recordEvents<{ unread: number }>(socket, "notification:count");
    const before = await badgeOn(melBrowser);

    const submitted = await leadBrowser.post(`/groups/${slug}/docs/workplan`, { intent: "submit", versionName: "For review" });
    expect(submitted.status).toBe(200);

    // Live on MEL's open pages, and right at the next load without JavaScript.
    await eventually(() => expect(counts.at(-1)?.unread).toBe(before + 1));
    expect(await badgeOn(melBrowser)).toBe(before + 1);

    // Those who review it: MEL (and coordinators, who may review too). Not the lead who sent it,
    // not a member, not another group's lead.
    for (const told of [mel, melFr, coordinator]) expect(await unreadOf(told, "workplan-submitted")).toBe(1);
    for (const untold of [lead, coLead, member, otherLead]) expect(await noticesOf(untold, "workplan-submitted")).toHaveLength(0);

    const english = await pageText(await melBrowser.get("/notifications"));
    expect(english).toContain(`Workplan of ${names.nameEn} sent to the MEL group for review`);
    const french = await pageText(await (await signedIn(melFr)).get("/notifications"));
    expect(french).toContain(`Le plan de travail de ${names.nameFr} a été envoyé au groupe MEL pour examen`);
    expect(await (await melBrowser.get("/notifications")).text()).toContain(`href="/mel/groups/${slug}#review"`);

    // Mail without content: what happened and where, a link.
    const mail = await mailTo(melMail, (m) => (m.text ?? "").includes("sent to the MEL group"));
    expect(mail.text).toContain(`A workplan was sent to the MEL group for review (${names.nameEn}).`);
    expect(mail.text).toContain(`/mel/groups/${slug}#review`);

    // Opening the review page reads it; the badge follows, on that very page too.
    const review = await melBrowser.get(`/mel/groups/${slug}`);
    expect(review.status).toBe(200);
    expect(badgeIn(await review.text())).toBe(before);
    expect(await unreadOf(mel, "workplan-submitted")).toBe(0);
    await eventually(() => expect(counts.at(-1)?.unread).toBe(before));
    expect(await badgeOn(melBrowser)).toBe(before);
    // Others' notices stay unread until they open it themselves.
    expect(await unreadOf(melFr, "workplan-submitted")).toBe(1);
  });

  it("tells the group's leads that changes are asked, with MEL's comments by whoever chose content in mail, and a link to the text", async () => {
    const leadMail = await withMail(lead, true);
    const coLeadMail = await withMail(coLead, false);
    const comments = "Merci de préciser les dates des cercles.";
    const asked = await melBrowser.post(`/mel/groups/${slug}`, { intent: "request-changes", comments, language: "fr" });
    expect(asked.status).toBe(200);

    for (const told of [lead, coLead, coordinator]) expect(await unreadOf(told, "workplan-changes-requested")).toBe(1);
    for (const untold of [mel, melFr, member, otherLead]) expect(await noticesOf(untold, "workplan-changes-requested")).toHaveLength(0);

    // The French lead's list: the notice in French, MEL's comments, the link to the workplan text.
    const html = await (await leadBrowser.get("/notifications")).text();
    const french = await pageText(new Response(html));
    expect(french).toContain(`Le groupe MEL demande des modifications au plan de travail de ${names.nameFr}`);
    expect(french).toContain(comments);
    expect(french).toContain("Lire le plan de travail");
    expect(html).toContain(`href="/groups/${slug}/docs/workplan"`);
    const english = await pageText(await (await signedIn(coLead)).get("/notifications"));
    expect(english).toContain(`The MEL group asked for changes to the workplan of ${names.nameEn}`);
    expect(english).toContain("The MEL group's comments:");

    // Mail: the comments only to the lead who chose content in mail.
    const full = await mailTo(leadMail, (m) => (m.text ?? "").includes("modifications"));
    expect(full.text).toContain(`Le groupe MEL demande des modifications à un plan de travail (${names.nameFr}).`);
    expect(full.text).toContain(comments);
    expect(full.text).toContain(`/groups/${slug}/docs/workplan`);
    const plain = await mailTo(coLeadMail, (m) => (m.text ?? "").includes("asked for changes"));
    expect(plain.text).not.toContain(comments);
    expect(plain.text).toContain(`/groups/${slug}/docs/workplan`);

    // Reading the workplan text reads the notice.
    expect((await leadBrowser.get(`/groups/${slug}/docs/workplan`)).status).toBe(200);
    expect(await unreadOf(lead, "workplan-changes-requested")).toBe(0);
  });

  it("tells the leads it is approved; a lead who steps down is no longer shown it", async () => {
    expect((await leadBrowser.post(`/groups/${slug}/docs/workplan`, { intent: "submit", versionName: "Revised" })).status).toBe(200);
    const approved = await melBrowser.post(`/mel/groups/${slug}`, { intent: "approve", comments: "Clear and realistic.", language: "en" });
    expect(approved.status).toBe(200);
    for (const told of [lead, coLead]) expect(await unreadOf(told, "workplan-approved")).toBe(1);
    for (const untold of [mel, member, otherLead]) expect(await noticesOf(untold, "workplan-approved")).toHaveLength(0);
    const french = await pageText(await leadBrowser.get("/notifications"));
    expect(french).toContain(`Le groupe MEL a approuvé le plan de travail de ${names.nameFr}`);
    expect(french).toContain("Clear and realistic.");
    const coLeadBrowser = await signedIn(coLead);
    const english = await pageText(await coLeadBrowser.get("/notifications"));
    expect(english).toContain(`The MEL group approved the workplan of ${names.nameEn}`);

    // Asked again when shown: no longer a lead, no longer shown (nor counted).
    const badge = await badgeOn(coLeadBrowser);
    const groupId = await groupIdFor(slug);
    await db().membership.updateMany({ where: { userId: coLead.id, groupId }, data: { role: "member" } });
    const after = await pageText(await coLeadBrowser.get("/notifications"));
    expect(after).not.toContain("Clear and realistic.");
    expect(after).not.toContain(`approved the workplan of ${names.nameEn}`);
    expect(await badgeOn(coLeadBrowser)).toBeLessThan(badge);
  });
});

describe("a check-in sent and answered (strengthening-collaboration)", () => {
  const slug = "strengthening-collaboration";
  let names: { nameEn: string; nameFr: string };
  let lead: TestMember;
  let coLead: TestMember;
  let member: TestMember;
  let otherLead: TestMember;
  let mel: TestMember;
  let melFr: TestMember;
  let checkInPath: string;

  beforeAll(async () => {
    names = await groupNames(slug);
    [lead, coLead, member, otherLead, mel, melFr] = await Promise.all([
      createMember({ group: slug, lead: true, locale: "en" }),
      createMember({ group: slug, lead: true, locale: "fr" }),
      createMember({ group: slug, locale: "en" }),
      createMember({ group: "rooting-care", lead: true, locale: "en" }),
      createMember({ role: "mel", group: null, locale: "en" }),
      createMember({ role: "mel", group: null, locale: "fr" }),
    ]);
  });

  it("tells the MEL group it was submitted, not the group's people nor another group; the dashboard says it is not answered yet", async () => {
    const leadBrowser = await signedIn(lead);
    const draft = await leadBrowser.post(`/mel/groups/${slug}`, { intent: "open-draft" });
    checkInPath = draft.headers.get("location")!;
    const checkInId = checkInPath.split("/mel/checkins/")[1];
    const sent = await leadBrowser.post(checkInPath, { intent: "submit", language: "en", progressNotes: "Shared calendar drafted.", challenges: "", helpSought: "", proposedChanges: "" });
    expect(sent.status).toBe(303);

    for (const told of [mel, melFr]) expect(await unreadOf(told, "checkin-submitted")).toBe(1);
    for (const untold of [lead, coLead, member, otherLead]) expect(await noticesOf(untold, "checkin-submitted")).toHaveLength(0);
    // A draft tells nobody.
    expect(await db().notification.count({ where: { subjectType: "checkin", subjectId: { not: checkInId } } })).toBe(0);

    const melBrowser = await signedIn(mel);
    expect(await pageText(await melBrowser.get("/notifications"))).toContain(`${names.nameEn} submitted a check-in`);
    const melFrBrowser = await signedIn(melFr);
    expect(await pageText(await melFrBrowser.get("/notifications"))).toContain(`${names.nameFr} a soumis un point de suivi`);

    // The dashboard tells an unanswered check-in, in both languages.
    expect(await pageText(await melBrowser.get("/mel"))).toMatch(new RegExp(`${names.nameEn} .*?Latest check-in Submitted .*? Not answered yet`));
    expect(await pageText(await melFrBrowser.get("/mel"))).toMatch(new RegExp(`${names.nameFr} .*?Dernier point Soumis le .*? Sans réponse pour l’instant`));

    // Opening the check-in reads it.
    expect((await melBrowser.get(checkInPath)).status).toBe(200);
    expect(await unreadOf(mel, "checkin-submitted")).toBe(0);
    expect(await unreadOf(melFr, "checkin-submitted")).toBe(1);
  });

  it("tells the group's leads MEL answered, in their language, and the dashboard says it is answered", async () => {
    const melBrowser = await signedIn(mel);
    const leadMail = await withMail(lead, false);
    const coLeadMail = await withMail(coLead, true);
    const answered = await melBrowser.post(checkInPath, { intent: "advice", advice: "Keep the calendar pseudonymous.", language: "en" });
    expect(answered.status).toBe(200);

    for (const told of [lead, coLead]) expect(await unreadOf(told, "checkin-answered")).toBe(1);
    for (const untold of [mel, melFr, member, otherLead]) expect(await noticesOf(untold, "checkin-answered")).toHaveLength(0);

    const leadBrowser = await signedIn(lead);
    expect(await pageText(await leadBrowser.get("/notifications"))).toContain(`The MEL group answered the check-in of ${names.nameEn}`);
    const coLeadBrowser = await signedIn(coLead);
    expect(await pageText(await coLeadBrowser.get("/notifications"))).toContain(`Le groupe MEL a répondu au point de suivi de ${names.nameFr}`);
    // Without content in mail: that it happened, and the link; not the advice.
    const mail = await mailTo(leadMail, (m) => (m.text ?? "").includes("answered a check-in"));
    expect(mail.text).toContain(checkInPath);
    expect(mail.text).not.toContain("pseudonymous");
    // The list shows the advice itself to who may read the check-in.
    expect(await pageText(await leadBrowser.get("/notifications"))).toContain("The MEL group's advice: Keep the calendar pseudonymous.");

    expect(await pageText(await melBrowser.get("/mel"))).toMatch(new RegExp(`${names.nameEn} .*?Latest check-in Submitted .*? Answered`));
    expect(await pageText(await (await signedIn(melFr)).get("/mel"))).toMatch(new RegExp(`${names.nameFr} .*?Dernier point Soumis le .*? Réponse donnée`));

    // With content in mail, the advice comes in the mail too.
    const withContent = await mailTo(coLeadMail, (m) => (m.text ?? "").includes("point de suivi") || (m.text ?? "").includes("answered a check-in"));
    expect(withContent.text).toContain("«Keep the calendar pseudonymous.»");

    expect((await leadBrowser.get(checkInPath)).status).toBe(200);
    expect(await unreadOf(lead, "checkin-answered")).toBe(0);
    expect(await unreadOf(coLead, "checkin-answered")).toBe(1);
  });

  it("tells a comment to the check-in's leads and to who took part in it, never to the rest of MEL or the group", async () => {
    // The lead comments: the co-lead and the MEL member who gave the advice hear of it.
    const leadBrowser = await signedIn(lead);
    const byLead = await leadBrowser.post(checkInPath, { intent: "comment", body: "We tried the calendar; two people asked for a paper copy.", language: "en" });
    expect(byLead.status).toBeLessThan(400);
    for (const told of [coLead, mel]) expect(await unreadOf(told, "checkin-commented")).toBe(1);
    for (const untold of [lead, melFr, member, otherLead]) expect(await noticesOf(untold, "checkin-commented")).toHaveLength(0);

    // A MEL member new to the conversation comments: now the lead hears too, and so does the advice-giver.
    const melFrBrowser = await signedIn(melFr);
    const byMelFr = await melFrBrowser.post(checkInPath, { intent: "comment", body: "Une copie papier sans noms, c’est bien.", language: "fr" });
    expect(byMelFr.status).toBeLessThan(400);
    expect(await unreadOf(lead, "checkin-commented")).toBe(1);
    expect(await unreadOf(coLead, "checkin-commented")).toBe(2);
    expect(await unreadOf(mel, "checkin-commented")).toBe(2);
    for (const untold of [melFr, member, otherLead]) expect(await noticesOf(untold, "checkin-commented")).toHaveLength(0);

    expect(await pageText(await leadBrowser.get("/notifications"))).toContain(`New comment on the check-in of ${names.nameEn}`);
    const coLeadBrowser = await signedIn(coLead);
    expect(await pageText(await coLeadBrowser.get("/notifications"))).toContain(`Nouveau commentaire sur le point de suivi de ${names.nameFr}`);
    // Opening the check-in reads them.
    expect((await coLeadBrowser.get(checkInPath)).status).toBe(200);
    expect(await unreadOf(coLead, "checkin-commented")).toBe(0);
  });
});

describe("follow-up actions given and coming due (practising-accountability)", () => {
  const slug = "practising-accountability";
  let names: { nameEn: string; nameFr: string };
  let lead: TestMember;
  let owner: TestMember;
  let bystander: TestMember;
  let mel: TestMember;
  let checkInPath: string;

  beforeAll(async () => {
    names = await groupNames(slug);
    [lead, owner, bystander, mel] = await Promise.all([
      createMember({ group: slug, lead: true, locale: "en" }),
      createMember({ group: slug, locale: "fr" }),
      createMember({ group: slug, locale: "en" }),
      createMel(),
    ]);
    const leadBrowser = await signedIn(lead);
    checkInPath = (await leadBrowser.post(`/mel/groups/${slug}`, { intent: "open-draft" })).headers.get("location")!;
    await leadBrowser.post(checkInPath, { intent: "submit", language: "en", progressNotes: "Mapped feedback.", challenges: "", helpSought: "", proposedChanges: "" });
  });

  it("tells its owner (not the rest of the group), with its title only where content is in mail; the group page reads it", async () => {
    const ownerMail = await withMail(owner, true);
    const melBrowser = await signedIn(mel);
    const title = "Partager le guide de documentation sûre";
    const due = daysFromNow(20).toISOString().slice(0, 10);
    expect((await melBrowser.post(checkInPath, { intent: "follow-up", title, language: "fr", ownerId: owner.id, dueDate: due })).status).toBe(200);

    expect(await unreadOf(owner, "followup-assigned")).toBe(1);
    for (const untold of [lead, bystander, mel]) expect(await noticesOf(untold, "followup-assigned")).toHaveLength(0);

    const ownerBrowser = await signedIn(owner);
    const list = await pageText(await ownerBrowser.get("/notifications"));
    expect(list).toContain(`Une action de suivi de ${names.nameFr} vous est confiée`);
    expect(list).toContain(title);
    expect(list).toContain("Échéance :");

    const mail = await mailTo(ownerMail, (m) => (m.text ?? "").includes("vous a été confiée"));
    expect(mail.text).toContain(`Une action de suivi vous a été confiée (${names.nameFr}).`);
    expect(mail.text).toContain(title);
    expect(mail.text).toContain(`/groups/${slug}#mel`);

    expect((await ownerBrowser.get(`/groups/${slug}`)).status).toBe(200);
    expect(await unreadOf(owner, "followup-assigned")).toBe(0);
  });

  it("the job tells the owner once when it is due tomorrow, and not of one due later", async () => {
    expect(serverJobs().map((job) => job.name)).toContain("follow-ups due");
    const melBrowser = await signedIn(mel);
    // Due in three days, and the job is run as if the eve had come: the server's own timer,
    // on the real clock, must not tell the owner first.
    const dueDay = daysFromNow(3).toISOString().slice(0, 10);
    await melBrowser.post(checkInPath, { intent: "follow-up", title: "Send the map", language: "en", ownerId: bystander.id, dueDate: dueDay });
    await melBrowser.post(checkInPath, { intent: "follow-up", title: "Later task", language: "en", ownerId: lead.id, dueDate: daysFromNow(10).toISOString().slice(0, 10) });
    const bystanderMail = await withMail(bystander, false);

    const now = new Date(`${dueDay}T00:00:00Z`).getTime() - 6 * 3600_000;
    expect(await noticeDueFollowUps(new Date(now))).toBe(1);
    // Claimed once: a second run (or another instance) tells nobody again.
    expect(await noticeDueFollowUps(new Date(now + 60_000))).toBe(0);
    expect(await unreadOf(bystander, "followup-due")).toBe(1);
    expect(await noticesOf(lead, "followup-due")).toHaveLength(0);

    const browser = await signedIn(bystander);
    const list = await pageText(await browser.get("/notifications"));
    expect(list).toContain(`A follow-up action of ${names.nameEn} you own is due`);
    expect(list).toContain("Send the map");
    const mail = await mailTo(bystanderMail, (m) => (m.text ?? "").includes("is due"));
    expect(mail.text).toContain(`A follow-up action you own is due (${names.nameEn}).`);
    expect(mail.text).not.toContain("Send the map");

    expect((await browser.get(`/groups/${slug}`)).status).toBe(200);
    expect(await unreadOf(bystander, "followup-due")).toBe(0);
  });

  it("a member on a daily digest finds an unread notice counted there, without what it names", async () => {
    const digestMail = await withMail(lead, true);
    await db().notificationSetting.update({ where: { userId: lead.id }, data: { emailMode: "daily", lastDigestAt: new Date(Date.now() - 2 * 24 * 3600_000) } });
    const melBrowser = await signedIn(mel);
    await melBrowser.post(checkInPath, { intent: "advice", advice: "Name no organisation in the map.", language: "en" });
    expect(await unreadOf(lead, "checkin-answered")).toBe(1);
    expect(await runDigests(new Date())).toBeGreaterThanOrEqual(1);
    const digest = await mailTo(digestMail, (m) => (m.subject ?? "").includes("daily digest"));
    expect(digest.text).toMatch(/You have \d+ unread notifications?\./);
    expect(digest.text).toContain("/notifications");
    expect(digest.text).not.toContain("Name no organisation");
  });
});
