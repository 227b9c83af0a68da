// Applications against a real server and database: the form with JavaScript off, drafts by
// private link, the deadline, the spam trap and rate limit, blind review and score reveal,
// ranking and balance, acceptance into a working invitation, erasure, and permissions.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { eraseExpiredApplications } from "~/domain/applications/erasure.server";
import { rankApplications } from "~/domain/applications/ranking.server";
import { seedCall } from "../../prisma/demo/application-call";
import { sha256Hex } from "~/infra/ids.server";
import { createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const SECRET = "test-application-form-secret-0123456789";
const outbox = mkdtempSync(join(tmpdir(), "praxis-outbox-"));
const praxis = usePraxis({
  env: { APPLICATION_FORM_SECRET: SECRET, TRUST_PROXY: "1", APPLICATION_SUBMISSIONS_PER_HOUR: "3", MAIL_OUTBOX_DIR: outbox },
});

/** A form stamp as the server signs it, shown `ageMs` ago. */
function stamp(ageMs = 60_000): string {
  const time = Date.now() - ageMs;
  return `${time}.${createHmac("sha256", SECRET).update(`apply:${time}`).digest("base64url")}`;
}

/** Each applicant posts from their own address, so the per-address limit stays out of the way. */
function applicant(language = "en") {
  const browser = new Browserless(praxis.url);
  const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  const headers = { "x-forwarded-for": address, "accept-language": language };
  return {
    browser,
    get: (path: string) => browser.get(path, headers),
    post: (path: string, fields: Record<string, string>) => browser.post(path, fields, headers),
  };
}

let coordinator: TestMember;
let reviewerA: TestMember;
let reviewerB: TestMember;
let careId: string;
let accountabilityId: string;

function fullForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    stamp: stamp(),
    website: "",
    intent: "submit",
    name: "Rafiki",
    contact: `rafiki.${randomBytes(3).toString("hex")}@example.org`,
    country: "Kenya",
    region: "africa",
    organisation: "Nairobi Care Collective",
    experience: "Eight years of peer support work.",
    motivation: "To learn how to keep our collective going.",
    learningGoals: "Design a care rota; test it with two partner groups.",
    preferredGroupId: careId,
    workingLanguages: "both",
    capacity: "yes",
    capacityNote: "",
    notAdvisoryMember: "confirm",
    notAllianceStaff: "confirm",
    notPreviousCop: "confirm",
    conflictOfInterest: "",
    ...overrides,
  };
}

async function submit(overrides: Record<string, string> = {}, language = "en") {
  const person = applicant(language);
  const response = await person.post("/apply", fullForm(overrides));
  expect(response.status).toBe(303);
  const location = response.headers.get("location")!;
  const token = /\/apply\/([a-z2-7]+)\?sent=1$/.exec(location)![1];
  const row = await db().application.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) }, select: { id: true, reference: true } });
  return { person, token, ...row };
}

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

/** The coordinator's ranking, read through the domain as the page does. */
async function coordinatorRanking() {
  const result = await rankApplications({ id: coordinator.id, role: "coordinator", memberships: [] });
  if (!result.ok) throw new Error(`ranking refused: ${result.error}`);
  return result.value;
}

const scores = (value: number, notes = "") => ({ intent: "review", experience: `${value}`, motivation: `${value}`, regularity: `${value}`, goals: `${value}`, balance: `${value}`, languages: `${value}`, notes });

beforeAll(async () => {
  careId = await groupIdFor("rooting-care");
  accountabilityId = await groupIdFor("practising-accountability");
  coordinator = await createCoordinator();
  reviewerA = await createMember({ group: "rooting-care", displayName: "Reviewer Ana" });
  reviewerB = await createMember({ group: null, role: "mel", displayName: "Reviewer Ben" });
  await seedCall(
    {
      titleEn: "Call for applications 2027", titleFr: "Appel à candidatures 2027",
      themesEn: "Care, accountability and collaboration.", themesFr: "Soin, redevabilité et collaboration.",
      commitmentsEn: "Monthly meetings.", commitmentsFr: "Réunions mensuelles.",
      honorariumEn: "EUR 1,200 for the year.", honorariumFr: "1 200 EUR pour l'année.",
      eligibilityEn: "Activists in Africa, Asia, Latin America.", eligibilityFr: "Activistes en Afrique, Asie, Amérique latine.",
      closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000), retentionDays: 90,
    },
    coordinator.id,
    [reviewerA.id, reviewerB.id],
  );
});

describe("the public call and form", () => {
  it("shows the call as the coordinator wrote it, in the reader's language, with what is stored and for how long", async () => {
    const english = await (await applicant("en").get("/apply")).text();
    expect(english).toContain("Call for applications 2027");
    expect(english).toContain("EUR 1,200 for the year.");
    expect(english).toContain("erased 90 days after the decision");
    expect(english).toContain('name="website"');
    const french = await (await applicant("fr").get("/apply")).text();
    expect(french).toContain("Appel à candidatures 2027");
    expect(french).toContain("1 200 EUR pour l&#x27;année.");
    expect(french).toContain("effacées 90 jours après la décision");
  });

  it("refuses an incomplete submission with translated messages and keeps everything typed", async () => {
    const person = applicant("fr");
    const response = await person.post("/apply", fullForm({ motivation: "", notPreviousCop: "", name: "Ñandú <Pseudo>", experience: "x".repeat(4001) }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Rédigez votre lettre de motivation.");
    expect(html).toContain("Répondez à cette déclaration.");
    expect(html).toContain("4 000 caractères au maximum.");
    expect(html).toContain('value="Ñandú &lt;Pseudo&gt;"');
    expect(html).toContain("Nairobi Care Collective");
    expect(html).toContain("x".repeat(4001));
    expect(await db().application.count({ where: { name: "Ñandú <Pseudo>" } })).toBe(0);
  });

  it("saves a draft behind a private link (only its hash stored), resumes it, then submits", async () => {
    const person = applicant();
    const saved = await person.post("/apply", { stamp: stamp(0), website: "", intent: "save-draft", name: "Draft Person", experience: "Half written", region: "asia" });
    expect(saved.status).toBe(303);
    const location = saved.headers.get("location")!;
    const token = /\/apply\/([a-z2-7]{32})\?saved=1$/.exec(location)![1];
    const row = await db().application.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } });
    expect(row.stage).toBe("draft");
    expect(JSON.stringify(row)).not.toContain(token);

    // Following the redirect shows the confirmation; the private link alone resumes the draft.
    expect(await (await person.get(location)).text()).toContain("Draft saved");
    const resumed = await (await person.get(`/apply/${token}`)).text();
    expect(resumed).toContain('value="Draft Person"');
    expect(resumed).toContain("Half written");

    const sent = await person.post(`/apply/${token}`, fullForm({ name: "Draft Person", region: "asia" }));
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/apply/${token}?sent=1`);
    const status = await (await person.get(`/apply/${token}?sent=1`)).text();
    expect(status).toContain(`your application was sent. Your reference is ${row.reference}`);
    // Sent once: the link now shows the status, and a second send is refused.
    const again = await person.post(`/apply/${token}`, fullForm());
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already sent");
  });

  it("refuses a second application with the same way of being contacted", async () => {
    const contact = `dup.${randomBytes(3).toString("hex")}@example.org`;
    await submit({ contact });
    const person = applicant();
    const response = await person.post("/apply", fullForm({ contact: ` ${contact.toUpperCase()} `, motivation: "Typed again" }));
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("Only one application per person");
    expect(html).toContain("Typed again");
  });

  it("catches robots without any third party: the honeypot, a forged stamp, and a form sent too fast", async () => {
    const honeypot = await applicant().post("/apply", fullForm({ website: "http://spam.example", motivation: "Kept" }));
    expect(honeypot.status).toBe(400);
    expect(await honeypot.text()).toContain("Kept");
    const forged = await applicant().post("/apply", fullForm({ stamp: `${Date.now() - 60_000}.bm90LXNpZ25lZA` }));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("out of date");
    const fast = await applicant().post("/apply", fullForm({ stamp: stamp(500) }));
    expect(fast.status).toBe(400);
    expect(await fast.text()).toContain("That was very quick");
  });

  it("rate-limits submissions from one address, keeping what was typed", async () => {
    const person = applicant();
    for (let i = 0; i < 3; i++) expect((await person.post("/apply", fullForm())).status).toBe(303);
    const limited = await person.post("/apply", fullForm({ motivation: "Still here" }));
    expect(limited.status).toBe(429);
    const html = await limited.text();
    expect(html).toContain("Too many applications");
    expect(html).toContain("Still here");
  });
});

describe("blind review", () => {
  it("hides the contact from reviewers and others' scores until the reviewer sent their own", async () => {
    const { id, reference } = await submit({ name: "Blind Test", contact: "signal: +254 700 000 111" });
    const a = await signedIn(reviewerA);
    const b = await signedIn(reviewerB);

    const before = await (await a.get(`/applications/${id}`)).text();
    expect(before).toContain(reference);
    expect(before).toContain("Eight years of peer support work.");
    expect(before).not.toContain("+254 700 000 111");

    expect((await b.post(`/applications/${id}`, scores(5, "Strong care practice"))).status).toBe(200);
    const stillHidden = await (await a.get(`/applications/${id}`)).text();
    expect(stillHidden).toContain("once you have sent yours (1 sent so far)");
    expect(stillHidden).not.toContain("Strong care practice");

    const incomplete = await a.post(`/applications/${id}`, { ...scores(3), goals: "" , notes: "My typed note" });
    expect(incomplete.status).toBe(400);
    const incompleteHtml = await incomplete.text();
    expect(incompleteHtml).toContain("Give a score from 1 to 5.");
    expect(incompleteHtml).toContain("My typed note");

    expect((await a.post(`/applications/${id}`, scores(3))).status).toBe(200);
    const revealed = await (await a.get(`/applications/${id}`)).text();
    expect(revealed).toContain("Strong care practice");
    expect(revealed).toContain("Reviewer Ben");

    const coordinatorView = await (await (await signedIn(coordinator)).get(`/applications/${id}`)).text();
    expect(coordinatorView).toContain("+254 700 000 111");
    expect(coordinatorView).toContain("Mean 4.00");
  });

  it("flags ineligible declarations instead of hiding the application", async () => {
    const { id } = await submit({ notAllianceStaff: "cannot-confirm" });
    const html = await (await (await signedIn(reviewerA)).get(`/applications/${id}`)).text();
    expect(html).toContain("Cannot confirm: not alliance staff");
    const list = await (await (await signedIn(reviewerA)).get("/applications")).text();
    expect(list).toContain("Ineligible declaration");
  });

  it("recuses a reviewer who declares a conflict of interest: their scores stop counting and the application is closed to them", async () => {
    const { id } = await submit();
    const a = await signedIn(reviewerA);
    const b = await signedIn(reviewerB);
    await a.post(`/applications/${id}`, scores(1));
    await b.post(`/applications/${id}`, scores(5));
    // One click is not enough: without the confirmation box ticked nothing changes.
    const unconfirmed = await a.post(`/applications/${id}`, { intent: "conflict" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Tick the box to confirm");
    expect(await (await a.get(`/applications/${id}`)).text()).not.toContain("declared a conflict of interest");
    expect((await a.post(`/applications/${id}`, { intent: "conflict", confirm: "yes" })).status).toBe(200);
    const after = await (await a.get(`/applications/${id}`)).text();
    expect(after).toContain("declared a conflict of interest");
    expect(after).not.toContain("Eight years of peer support work.");
    // Cannot score again once recused.
    expect((await a.post(`/applications/${id}`, scores(1))).status).toBe(403);
    const ranking = await coordinatorRanking();
    const row = ranking.ranked.find((r) => r.id === id)!;
    expect(row.mean).toBe(5);
    expect(row.recusedCount).toBe(1);
  });
});

describe("ranking, balance and decisions", () => {
  it("ranks by mean score and counts the shortlist's regions, groups and languages", async () => {
    const low = await submit({ region: "asia", workingLanguages: "en", preferredGroupId: accountabilityId });
    const high = await submit({ region: "latin-america-caribbean", workingLanguages: "fr" });
    const a = await signedIn(reviewerA);
    await a.post(`/applications/${low.id}`, scores(2));
    await a.post(`/applications/${high.id}`, scores(5));
    await (await signedIn(reviewerB)).post(`/applications/${high.id}`, scores(4));
    const c = await signedIn(coordinator);
    const before = await coordinatorRanking();
    expect((await c.post(`/applications/${high.id}`, { intent: "shortlist" })).status).toBe(200);
    expect((await c.post(`/applications/${low.id}`, { intent: "shortlist" })).status).toBe(200);

    const ranking = await coordinatorRanking();
    const order = ranking.ranked.map((r) => r.id);
    expect(order.indexOf(high.id)).toBeLessThan(order.indexOf(low.id));
    expect(ranking.ranked.find((r) => r.id === high.id)!.mean).toBe(4.5);
    expect(ranking.shortlist.total - before.shortlist.total).toBe(2);
    expect(ranking.shortlist.regions.asia - before.shortlist.regions.asia).toBe(1);
    expect(ranking.shortlist.regions["latin-america-caribbean"] - before.shortlist.regions["latin-america-caribbean"]).toBe(1);
    expect((ranking.shortlist.groups[accountabilityId] ?? 0) - (before.shortlist.groups[accountabilityId] ?? 0)).toBe(1);
    expect(ranking.shortlist.languages.fr - before.shortlist.languages.fr).toBe(1);

    const page = await (await c.get("/applications")).text();
    expect(page).toContain("Ranked applications");
    expect(page).toContain(high.reference);
    expect(page).toContain("4.50");
  });

  it("accepts into the chosen group; the outcome reaches the applicant in their language and the invitation creates a member", async () => {
    const contact = `accepted.${randomBytes(3).toString("hex")}@example.org`;
    const { id, token, reference, person } = await submit({ contact }, "fr");
    const c = await signedIn(coordinator);
    const rankedBefore = await coordinatorRanking();
    expect((await c.post(`/applications/${id}`, { intent: "accept", groupId: accountabilityId })).status).toBe(200);
    // The balance report counts those accepted, beside the shortlist and everyone.
    const rankedAfter = await coordinatorRanking();
    expect(rankedAfter.accepted.total - rankedBefore.accepted.total).toBe(1);
    expect((rankedAfter.accepted.groups[accountabilityId] ?? 0) - (rankedBefore.accepted.groups[accountabilityId] ?? 0)).toBe(1);
    expect(await (await c.get("/applications")).text()).toContain(`Accepted (${rankedAfter.accepted.total})`);
    // Nothing reaches the applicant before the outcome is sent.
    const waiting = await (await person.get(`/apply/${token}`)).text();
    expect(waiting).toContain("le comité examine les candidatures");
    expect(waiting).not.toContain("/invite/");

    expect((await c.post(`/applications/${id}`, { intent: "send-outcome" })).status).toBe(200);
    const row = await db().application.findUniqueOrThrow({ where: { id } });
    expect(row.invitationId).toBeTruthy();
    expect(row.sealedInvitation).not.toContain("invite");
    // A second click creates no second invitation.
    expect((await c.post(`/applications/${id}`, { intent: "send-outcome" })).status).toBe(409);

    // Quoted-printable: undo soft line breaks and =XX escapes before reading.
    const decode = (m: string) => m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    const mail = readdirSync(outbox).map((f) => decode(readFileSync(join(outbox, f), "utf8"))).find((m) => m.includes(reference))!;
    expect(mail).toContain(contact);
    expect(mail).toMatch(/retenue/);

    const status = await (await person.get(`/apply/${token}`)).text();
    expect(status).toContain("Votre candidature est retenue");
    const invitationToken = /\/invite\/([a-z2-7]+)/.exec(status)![1];
    expect(mail).toContain(`/invite/${invitationToken}`);

    const newcomer = new Browserless(praxis.url);
    const accepted = await newcomer.post(`/invite/${invitationToken}`, { username: `newcomer.${randomBytes(2).toString("hex")}`, displayName: "Newcomer", password: "a long passphrase", confirm: "a long passphrase" });
    expect(accepted.status).toBe(303);
    const invitation = await db().invitation.findUniqueOrThrow({ where: { id: row.invitationId! } });
    const memberships = await db().membership.findMany({ where: { userId: invitation.usedById! } });
    expect(memberships).toEqual([expect.objectContaining({ groupId: accountabilityId, role: "member" })]);

    // Joined: the account is theirs now. Contact details and organisation go; the anonymous
    // figures (stage, region, groups, languages, scores) stay, as for declined applicants.
    const after = await db().application.findUniqueOrThrow({ where: { id } });
    expect(after.erasedAt).not.toBeNull();
    expect({ contact: after.contact, organisation: after.organisation, name: after.name, tokenHash: after.tokenHash, sealedInvitation: after.sealedInvitation }).toEqual({ contact: "", organisation: "", name: "", tokenHash: null, sealedInvitation: "" });
    expect({ stage: after.stage, region: after.region, decidedGroupId: after.decidedGroupId, workingLanguages: after.workingLanguages }).toEqual({ stage: "accepted", region: row.region, decidedGroupId: accountabilityId, workingLanguages: row.workingLanguages });
    expect(JSON.stringify(after)).not.toContain(contact);
  });

  it("invites to an interview stored in UTC, shown in zones, and mailed in the applicant's language", async () => {
    const contact = `interview.${randomBytes(3).toString("hex")}@example.org`;
    const { id, token, person, reference } = await submit({ contact }, "fr");
    const c = await signedIn(coordinator);
    const past = await c.post(`/applications/${id}`, { intent: "interview", startsAt: "2020-01-01T10:00", timeZone: "Africa/Nairobi", minutes: "45", url: "" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Choose a time in the future.");
    const badUrl = await c.post(`/applications/${id}`, { intent: "interview", startsAt: "2031-03-10T14:00", timeZone: "Africa/Nairobi", minutes: "45", url: "not a link" });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.text()).toContain('value="2031-03-10T14:00"');

    const ok = await c.post(`/applications/${id}`, { intent: "interview", startsAt: "2031-03-10T14:00", timeZone: "Africa/Nairobi", minutes: "45", url: "https://meet.example.org/room" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("sent by mail");
    const row = await db().application.findUniqueOrThrow({ where: { id } });
    expect(row.stage).toBe("interview");
    expect(row.interviewAt!.toISOString()).toBe("2031-03-10T11:00:00.000Z");

    const status = await (await person.get(`/apply/${token}`)).text();
    expect(status).toContain("Vous êtes invité·e à un entretien");
    expect(status).toContain("11:00"); // the reader's zone (UTC without an account)
    expect(status).toContain("14:00 (Africa/Nairobi)");
    expect(status).toContain("https://meet.example.org/room");

    const decode = (m: string) => m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    const mail = readdirSync(outbox).map((f) => decode(readFileSync(join(outbox, f), "utf8"))).find((m) => m.includes(reference) && m.includes("entretien"))!;
    expect(mail).toContain("14:00 (Africa/Nairobi)");
    expect(mail).toContain("11:00 UTC");
  });

  it("re-issues an expired invitation to an accepted applicant, on their status page", async () => {
    const { id, token, person } = await submit({ contact: "WhatsApp +221 77 000 00 00" }, "fr");
    const c = await signedIn(coordinator);
    await c.post(`/applications/${id}`, { intent: "accept" });
    await c.post(`/applications/${id}`, { intent: "send-outcome" });
    const first = /\/invite\/([a-z2-7]+)/.exec(await (await person.get(`/apply/${token}`)).text())![1];
    // Still valid: nothing to re-issue.
    expect((await c.post(`/applications/${id}`, { intent: "reissue-invitation" })).status).toBe(409);
    const { invitationId } = await db().application.findUniqueOrThrow({ where: { id } });
    await db().invitation.update({ where: { id: invitationId! }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await (await c.get(`/applications/${id}`)).text()).toContain("expired or was withdrawn");
    expect((await c.post(`/applications/${id}`, { intent: "reissue-invitation" })).status).toBe(200);
    const second = /\/invite\/([a-z2-7]+)/.exec(await (await person.get(`/apply/${token}`)).text())![1];
    expect(second).not.toBe(first);
    expect((await new Browserless(praxis.url).get(`/invite/${second}`)).status).toBe(200);
    expect(await (await new Browserless(praxis.url).get(`/invite/${first}`)).text()).toContain("expired");
  });

  it("shows the outcome on the status page when the contact is not an email address", async () => {
    const { id, token, person } = await submit({ contact: "Signal @rafiki.42" });
    const c = await signedIn(coordinator);
    await c.post(`/applications/${id}`, { intent: "decline" });
    const sent = await c.post(`/applications/${id}`, { intent: "send-outcome" });
    expect(await sent.text()).toContain("not an email address");
    expect(await (await person.get(`/apply/${token}`)).text()).toContain("was not accepted");
  });

  it("closes the form after the deadline, keeping what was typed", async () => {
    const person = applicant();
    const draft = await person.post("/apply", { stamp: stamp(), website: "", intent: "save-draft", name: "Late" });
    const token = /\/apply\/([a-z2-7]+)\?/.exec(draft.headers.get("location")!)![1];
    const call = await db().applicationCall.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await db().applicationCall.update({ where: { id: call.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    try {
      const page = await (await person.get("/apply")).text();
      expect(page).toContain("This call is closed");
      expect(page).not.toContain('name="intent"');
      const late = await person.post("/apply", fullForm({ motivation: "Too late but typed" }));
      expect(late.status).toBe(409);
      const html = await late.text();
      expect(html).toContain("The call is closed");
      expect(html).toContain("Too late but typed");
      const resumed = await person.post(`/apply/${token}`, fullForm());
      expect(resumed.status).toBe(409);
    } finally {
      await db().applicationCall.update({ where: { id: call.id }, data: { closesAt: call.closesAt } });
    }
  });
});

describe("erasure", () => {
  it("erases a declined applicant's personal data after the retention period, keeping anonymous figures", async () => {
    const { id, token, person } = await submit({ region: "asia", contact: "erase-me@example.org" });
    await (await signedIn(reviewerA)).post(`/applications/${id}`, scores(4, "Mentions their city"));
    const c = await signedIn(coordinator);
    await c.post(`/applications/${id}`, { intent: "decline" });
    // Not yet due.
    await eraseExpiredApplications();
    expect((await db().application.findUniqueOrThrow({ where: { id } })).erasedAt).toBeNull();

    await db().application.update({ where: { id }, data: { decidedAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) } });
    const result = await eraseExpiredApplications();
    expect(result.erased).toBeGreaterThanOrEqual(1);
    const row = await db().application.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "", contact: "", experience: "", motivation: "", organisation: "", tokenHash: null, region: "asia", stage: "declined", workingLanguages: "both" });
    expect(row.erasedAt).not.toBeNull();
    const review = await db().applicationReview.findFirstOrThrow({ where: { applicationId: id } });
    expect(review).toMatchObject({ scoreExperience: 4, notes: "" });
    expect((await person.get(`/apply/${token}`)).status).toBe(404);
  });

  it("lets the coordinator erase one now, and deletes old drafts that were never sent", async () => {
    const { id } = await submit({ contact: "erase-now@example.org" });
    const c = await signedIn(coordinator);
    expect((await c.post(`/applications/${id}`, { intent: "erase" })).status).toBe(400);
    expect((await db().application.findUniqueOrThrow({ where: { id } })).contact).toBe("erase-now@example.org");
    expect((await c.post(`/applications/${id}`, { intent: "erase", confirm: "yes" })).status).toBe(200);
    expect((await db().application.findUniqueOrThrow({ where: { id } })).contact).toBe("");
    expect(await (await c.get(`/applications/${id}`)).text()).not.toContain("erase-now@example.org");

    const draft = await applicant().post("/apply", { stamp: stamp(), website: "", intent: "save-draft", name: "Forgotten draft" });
    expect(draft.status).toBe(303);
    const call = await db().applicationCall.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const later = new Date(call.closesAt.getTime() + 91 * 24 * 3600 * 1000);
    await eraseExpiredApplications(later);
    expect(await db().application.count({ where: { name: "Forgotten draft" } })).toBe(0);
  });

  it("keeps an accepted applicant's application, who became a member, even when erasure is asked", async () => {
    const { id } = await submit({ contact: "accepted-kept@example.org" });
    const c = await signedIn(coordinator);
    expect((await c.post(`/applications/${id}`, { intent: "accept", groupId: careId })).status).toBe(200);
    const refused = await c.post(`/applications/${id}`, { intent: "erase", confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("An accepted applicant became a member");
    expect((await db().application.findUniqueOrThrow({ where: { id } })).contact).toBe("accepted-kept@example.org");
  });

  it("lets the applicant withdraw by their private link", async () => {
    const { id, token, person } = await submit();
    expect((await person.post(`/apply/${token}`, { intent: "withdraw" })).status).toBe(400);
    expect(await db().application.count({ where: { id } })).toBe(1);
    const response = await person.post(`/apply/${token}`, { intent: "withdraw", confirm: "yes" });
    expect(response.status).toBe(303);
    expect(await db().application.count({ where: { id } })).toBe(0);
  });
});

describe("the call's text", () => {
  it("is written by the coordinator in both languages; a missing translation is refused and nothing typed is lost", async () => {
    const c = await signedIn(coordinator);
    const call = await db().applicationCall.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const fields = {
      intent: "save-call", titleEn: "Call for applications 2027", titleFr: "", themesEn: "New themes text", themesFr: "Nouveaux thèmes",
      commitmentsEn: "Monthly meetings.", commitmentsFr: "Réunions mensuelles.", honorariumEn: "EUR 1,300.", honorariumFr: "1 300 EUR.",
      eligibilityEn: "Activists.", eligibilityFr: "Activistes.", closesAt: call.closesAt.toISOString().slice(0, 16), retentionDays: "60",
      reviewersPerApplication: "2", interviewReplyTo: "",
    };
    const refused = await c.post("/applications/settings", fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("This text is required in both languages.");
    expect(html).toContain("New themes text");
    expect((await db().applicationCall.findUniqueOrThrow({ where: { id: call.id } })).themesEn).not.toBe("New themes text");

    try {
      expect((await c.post("/applications/settings", { ...fields, titleFr: "Appel à candidatures 2027" })).status).toBe(200);
      expect(await (await applicant("en").get("/apply")).text()).toContain("EUR 1,300.");
      const french = await (await applicant("fr").get("/apply")).text();
      expect(french).toContain("Nouveaux thèmes");
      expect(french).toContain("effacées 60 jours après la décision");
    } finally {
      await db().applicationCall.update({ where: { id: call.id }, data: { themesEn: call.themesEn, themesFr: call.themesFr, honorariumEn: call.honorariumEn, honorariumFr: call.honorariumFr, retentionDays: call.retentionDays } });
    }
  });
});

describe("permissions", () => {
  it("keeps applications from ordinary members and visitors, and coordinator actions from reviewers", async () => {
    const { id } = await submit();
    const member = await signedIn(await createMember({ group: "strengthening-collaboration" }));
    expect((await member.get("/applications")).status).toBe(403);
    expect((await member.get(`/applications/${id}`)).status).toBe(403);
    expect((await member.post(`/applications/${id}`, scores(5))).status).toBe(403);
    expect(await db().applicationReview.count({ where: { applicationId: id } })).toBe(0);
    expect((await member.get("/applications/settings")).status).toBe(403);
    expect((await new Browserless(praxis.url).get("/applications")).status).toBe(302);

    const reviewer = await signedIn(reviewerA);
    expect((await reviewer.get("/applications/settings")).status).toBe(403);
    const accept = await reviewer.post(`/applications/${id}`, { intent: "accept", groupId: careId });
    expect(accept.status).toBe(403);
    expect((await db().application.findUniqueOrThrow({ where: { id } })).stage).toBe("submitted");
    const list = await (await reviewer.get("/applications")).text();
    expect(list).not.toContain("Ranked applications");

    // The coordinator appoints and removes reviewers.
    const c = await signedIn(coordinator);
    const newcomer = await createMember({ group: "rooting-care" });
    expect((await c.post("/applications/settings", { intent: "appoint", userId: newcomer.id })).status).toBe(200);
    expect((await (await signedIn(newcomer)).get("/applications")).status).toBe(200);
    expect((await c.post("/applications/settings", { intent: "remove-reviewer", userId: newcomer.id })).status).toBe(200);
    expect((await (await signedIn(newcomer)).get("/applications")).status).toBe(403);
    const unknown = await c.post("/applications/settings", { intent: "appoint", userId: "no-such-member" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Choose an active member from the list.");
  });
});
