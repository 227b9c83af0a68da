// The blind first round against a real server and database: what a reviewer sees in each phase
// (names only to declare conflicts, answers without identity to score, everything once scored or
// once the coordinator closes the round), the prompt to add a reviewer after a recusal, review
// counts beside each mean, appointing reviewers by display name, and the interview Reply-To.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rankApplications } from "~/domain/applications/ranking.server";
import { sha256Hex } from "~/infra/ids.server";
import { seedCall } from "../../prisma/demo/application-call";
import { createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const SECRET = "test-application-form-secret-blind-0123";
const outbox = mkdtempSync(join(tmpdir(), "praxis-outbox-"));
const praxis = usePraxis({ env: { APPLICATION_FORM_SECRET: SECRET, TRUST_PROXY: "1", MAIL_OUTBOX_DIR: outbox } });

let coordinator: TestMember;
let reviewerA: TestMember;
let reviewerB: TestMember;
let careId: string;

function stamp(): string {
  const time = Date.now() - 60_000;
  return `${time}.${createHmac("sha256", SECRET).update(`apply:${time}`).digest("base64url")}`;
}

/** Submits a complete application from an address of its own; returns its id and reference. */
async function submit(person: { name: string; organisation: string; country: string; experience: string; contact?: string }, language = "en") {
  const browser = new Browserless(praxis.url);
  const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  const response = await browser.post(
    "/apply",
    {
      stamp: stamp(), website: "", intent: "submit", name: person.name, contact: person.contact ?? `${randomBytes(4).toString("hex")}@example.org`,
      country: person.country, region: "africa", organisation: person.organisation, experience: person.experience,
      motivation: "To learn with others.", learningGoals: "A care rota.", preferredGroupId: careId, workingLanguages: "both",
      capacity: "yes", capacityNote: "", notAdvisoryMember: "confirm", notAllianceStaff: "confirm", notPreviousCop: "confirm", conflictOfInterest: "",
    },
    { "x-forwarded-for": address, "accept-language": language },
  );
  expect(response.status).toBe(303);
  const token = /\/apply\/([a-z2-7]+)\?sent=1$/.exec(response.headers.get("location")!)![1];
  return db().application.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) }, select: { id: true, reference: true } });
}

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

/** The list of names as the page shows it: each name with the key its form posts. */
function namesOnList(html: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of html.matchAll(/name="shown" value="([^"]+)"\/?>.*?I have a conflict of interest with ([^<]+)</gs)) names.set(match[2].trim(), match[1]);
  return names;
}

function declarations(list: Map<string, string>, conflictsWith: string[], confirm = true): Array<[string, string]> {
  const pairs: Array<[string, string]> = [...list.values()].map((key) => ["shown", key]);
  for (const name of conflictsWith) pairs.push(["conflict", list.get(name)!]);
  if (confirm) pairs.push(["confirm", "yes"]);
  return pairs;
}

async function ranking() {
  const result = await rankApplications({ id: coordinator.id, role: "coordinator", memberships: [] });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const scores = (value: number) => ({ intent: "review", experience: `${value}`, motivation: `${value}`, regularity: `${value}`, goals: `${value}`, balance: `${value}`, languages: `${value}`, notes: "" });

// Kwame names his organisation and country in his answer too, as applicants do.
const kwame = { name: "Kwame Blindtest", organisation: "Accra Mutual Aid", country: "Ghana", experience: "Ten years running a shelter with Accra Mutual Aid in Ghana." };
const lan = { name: "Lan Blindtest", organisation: "Hanoi Pride Collective", country: "Viet Nam", experience: "Organised the first pride march." };
let kwameApp: { id: string; reference: string };
let lanApp: { id: string; reference: string };

beforeAll(async () => {
  careId = await groupIdFor("rooting-care");
  coordinator = await createCoordinator();
  reviewerA = await createMember({ group: "rooting-care", displayName: "Reviewer Abena" });
  reviewerB = await createMember({ group: null, role: "mel", displayName: "Reviewer Bao" });
  await seedCall(
    {
      titleEn: "Call 2027", titleFr: "Appel 2027", themesEn: "Care.", themesFr: "Soin.", commitmentsEn: "", commitmentsFr: "",
      honorariumEn: "", honorariumFr: "", eligibilityEn: "", eligibilityFr: "", closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000), retentionDays: 90,
      blindFirstRound: true, reviewersPerApplication: 2,
    },
    coordinator.id,
    [reviewerA.id, reviewerB.id],
  );
  kwameApp = await submit(kwame);
  lanApp = await submit(lan);
});

describe("a blind first round, phase by phase", () => {
  it("first shows a reviewer only the names, tied to nothing, and refuses scores before the declarations", async () => {
    const a = await signedIn(reviewerA);
    const list = await (await a.get("/applications")).text();
    expect(namesOnList(list).size).toBe(2);
    for (const hidden of [kwameApp.reference, lanApp.reference, kwameApp.id, lanApp.id, kwame.organisation, lan.country, kwame.experience]) expect(list).not.toContain(hidden);

    // The application page says to declare first, and shows nothing of it.
    const page = await (await a.get(`/applications/${kwameApp.id}`)).text();
    expect(page).toContain("Declare your conflicts of interest on the list of names first.");
    for (const hidden of [kwame.name, kwame.experience, kwame.organisation, kwameApp.reference]) expect(page).not.toContain(hidden);
    const early = await a.post(`/applications/${kwameApp.id}`, scores(4));
    expect(early.status).toBe(409);
    expect(await db().applicationReview.count({ where: { reviewerId: reviewerA.id, submittedAt: { not: null } } })).toBe(0);

    // Declarations are final: without the confirmation nothing is recorded, and the ticks stay.
    const names = namesOnList(list);
    const unconfirmed = await a.post("/applications", declarations(names, [lan.name], false));
    expect(unconfirmed.status).toBe(400);
    const unconfirmedHtml = await unconfirmed.text();
    expect(unconfirmedHtml).toContain("Tick the box to confirm");
    expect(unconfirmedHtml).toContain(`name="conflict" checked="" value="${names.get(lan.name)}"`);
    expect(await db().applicationReview.count({ where: { reviewerId: reviewerA.id } })).toBe(0);
  });

  it("then lets them score without name, organisation and country, and shows who applied once their scores are in", async () => {
    const a = await signedIn(reviewerA);
    const names = namesOnList(await (await a.get("/applications")).text());
    const declared = await a.post("/applications", declarations(names, []));
    expect(declared.status).toBe(303);
    const queue = await (await a.get(declared.headers.get("location")!)).text();
    expect(queue).toContain("Your declarations were recorded.");
    expect(queue).toContain(kwameApp.reference);
    expect(queue).not.toContain(kwame.name);
    expect(queue).not.toContain(lan.name);
    // A second post of the same list changes nothing.
    expect((await a.post("/applications", declarations(names, [kwame.name]))).status).toBe(409);

    const blind = await (await a.get(`/applications/${kwameApp.id}`)).text();
    expect(blind).toContain("Ten years running a shelter with […] in […].");
    for (const hidden of [kwame.name, kwame.organisation, kwame.country]) expect(blind).not.toContain(hidden);
    expect(blind).toContain("Hidden until your scores are in");

    expect((await a.post(`/applications/${kwameApp.id}`, scores(4))).status).toBe(200);
    const identified = await (await a.get(`/applications/${kwameApp.id}`)).text();
    for (const shown of [kwame.name, kwame.organisation, kwame.country, kwame.experience]) expect(identified).toContain(shown);
    // The other application is still blind to them.
    expect(await (await a.get(`/applications/${lanApp.id}`)).text()).not.toContain(lan.name);
    // Scores sent in a blind round are final: the name has been seen since.
    const again = await a.post(`/applications/${kwameApp.id}`, scores(1));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("In a blind round scores are final once sent.");
    expect((await db().applicationReview.findUniqueOrThrow({ where: { applicationId_reviewerId: { applicationId: kwameApp.id, reviewerId: reviewerA.id } } })).scoreExperience).toBe(4);
  });

  it("prompts the coordinator to add a reviewer after a recusal, and shows the number of reviews beside each mean", async () => {
    const b = await signedIn(reviewerB);
    const names = namesOnList(await (await b.get("/applications")).text());
    expect((await b.post("/applications", declarations(names, [lan.name]))).status).toBe(303);
    const queue = await (await b.get("/applications")).text();
    expect(queue).toContain(kwameApp.reference);

    const rows = (await ranking()).ranked;
    expect(rows.find((r) => r.id === lanApp.id)).toMatchObject({ reviewers: 1, needsReviewer: true, recusedCount: 1 });
    expect(rows.find((r) => r.id === kwameApp.id)).toMatchObject({ reviewers: 2, needsReviewer: false, reviewCount: 1 });

    const c = await signedIn(coordinator);
    const page = await (await c.get("/applications")).text();
    expect(page).toContain("1 application has fewer reviewers without a conflict of interest than the 2 the call asks for.");
    expect(page).toContain("Needs another reviewer");
    expect(page).toMatch(/4\.00(<!-- -->)? <span class="muted small">\(1 review\)<\/span>/);
    expect(page).toContain("Accepted (0)");
    const file = await (await c.get(`/applications/${lanApp.id}`)).text();
    expect(file).toContain("After recusals this application has 1 reviewer without a conflict of interest; the call asks for 2.");

    // In French too.
    const french = await (await c.get("/applications", { "accept-language": "fr" })).text();
    expect(french).toContain("Il manque un·e évaluateur·ice");
    expect(french).toMatch(/4,00(<!-- -->)? <span class="muted small">\(1 évaluation\)<\/span>/);

    // Appointing a third reviewer answers the prompt.
    const third = await createMember({ group: "rooting-care", displayName: "Reviewer Chidi" });
    expect((await c.post("/applications/settings", { intent: "appoint", userId: third.id })).status).toBe(200);
    expect((await ranking()).ranked.find((r) => r.id === lanApp.id)).toMatchObject({ reviewers: 2, needsReviewer: false });
    expect(await (await c.get("/applications")).text()).not.toContain("Needs another reviewer");
  });

  it("shows every reviewer who applied once the coordinator closes the round", async () => {
    const late = await createMember({ group: "rooting-care", displayName: "Reviewer Dede" });
    const c = await signedIn(coordinator);
    expect((await c.post("/applications/settings", { intent: "appoint", userId: late.id })).status).toBe(200);
    const d = await signedIn(late);
    expect(await (await d.get(`/applications/${lanApp.id}`)).text()).not.toContain(lan.name);

    expect((await c.post("/applications/settings", { intent: "close-blind-round" })).status).toBe(400);
    expect((await c.post("/applications/settings", { intent: "close-blind-round", confirm: "yes" })).status).toBe(200);
    const queue = await (await d.get("/applications")).text();
    expect(queue).not.toContain("I have a conflict of interest with");
    expect(queue).toContain(lan.name);
    const open = await (await d.get(`/applications/${lanApp.id}`)).text();
    for (const shown of [lan.name, lan.organisation, lan.country]) expect(open).toContain(shown);
    // The recused reviewer still sees nothing of it.
    expect(await (await (await signedIn(reviewerB)).get(`/applications/${lanApp.id}`)).text()).not.toContain(lan.experience);
  });
});

describe("appointing reviewers", () => {
  it("offers members by display name, never by username, and refuses anyone who is not an active member", async () => {
    const candidate = await createMember({ group: "rooting-care", displayName: "Candidate Efua" });
    const leaving = await createMember({ group: "rooting-care", displayName: "Leaving Member" });
    await db().user.update({ where: { id: leaving.id }, data: { deactivatedAt: new Date() } });
    const c = await signedIn(coordinator);
    const page = await (await c.get("/applications/settings")).text();
    expect(page).toContain(`<option value="${candidate.id}">Candidate Efua</option>`);
    expect(page).not.toContain(candidate.username);
    expect(page).not.toContain(reviewerA.username);
    expect(page).not.toContain("Leaving Member");
    expect(page).not.toContain('name="username"');

    for (const userId of ["", "not-a-member-id", leaving.id]) {
      const refused = await c.post("/applications/settings", { intent: "appoint", userId });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("Choose an active member from the list.");
    }
    await c.get("/applications/settings?lng=fr");
    const french = await c.post("/applications/settings", { intent: "appoint", userId: "not-a-member-id" });
    expect(await french.text()).toContain("Choisissez un membre actif dans la liste.");
    await c.get("/applications/settings?lng=en");
    expect(await db().applicationReviewer.count({ where: { userId: leaving.id } })).toBe(0);
    expect((await c.post("/applications/settings", { intent: "appoint", userId: candidate.id })).status).toBe(200);
    expect(await db().applicationReviewer.count({ where: { userId: candidate.id } })).toBe(1);
  });
});

describe("the interview invitation's Reply-To", () => {
  it("is an address the coordinator sets on the call, checked, and sent with the invitation", async () => {
    const c = await signedIn(coordinator);
    const call = await db().applicationCall.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const fields = (interviewReplyTo: string) => ({
      intent: "save-call", titleEn: call.titleEn, titleFr: call.titleFr, themesEn: call.themesEn, themesFr: call.themesFr,
      commitmentsEn: "", commitmentsFr: "", honorariumEn: "", honorariumFr: "", eligibilityEn: "", eligibilityFr: "",
      closesAt: call.closesAt.toISOString().slice(0, 16), retentionDays: "90", reviewersPerApplication: "2", blindFirstRound: "yes", interviewReplyTo,
    });
    const refused = await c.post("/applications/settings", fields("not an address"));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Give an email address, e.g. coordinator@example.org, or leave it empty.");
    expect(html).toContain('value="not an address"');
    expect((await db().applicationCall.findUniqueOrThrow({ where: { id: call.id } })).interviewReplyTo).toBe("");

    expect((await c.post("/applications/settings", fields(" selection.committee@example.org "))).status).toBe(200);
    expect((await db().applicationCall.findUniqueOrThrow({ where: { id: call.id } })).interviewReplyTo).toBe("selection.committee@example.org");

    const contact = `interviewee.${randomBytes(3).toString("hex")}@example.org`;
    const { id, reference } = await submit({ ...kwame, name: "Interviewee", contact });
    const invited = await c.post(`/applications/${id}`, { intent: "interview", startsAt: "2031-03-10T14:00", timeZone: "Africa/Nairobi", minutes: "45", url: "" });
    expect(invited.status).toBe(200);
    const mail = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), "utf8")).find((m) => m.includes(reference) && m.includes(contact));
    expect(mail).toBeDefined();
    expect(mail).toMatch(/^Reply-To: selection\.committee@example\.org$/m);
    expect(mail).toMatch(/^To: interviewee\.[0-9a-f]+@example\.org$/m);
  });
});
