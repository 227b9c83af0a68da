// Decisions end to end against a real server and database: proposals (positions, changes,
// required reasons), closing by the job at its time (clock injected), quorum, anonymous polls
// (no row links a member to a choice), time polls across zones and a DST change, the chosen
// slot becoming a meeting, the outcome in the minutes with action items on owners' home pages,
// and the policy's refusals.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { castVote, closeDueDecisions, createDecision, remindNonVoters, type DecisionInput } from "~/domain/decisions/decisions.server";
import { markTranslationStatus, publishMeetingText } from "~/domain/minutes.server";
import { toZonedInputs } from "~/infra/time-zones";
import { serverJobs } from "../../server/jobs";
import { env } from "~/infra/env.server";
import { createGroupMeeting, daysFromNow } from "../../prisma/demo/builders";
import { actorOf, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

// Reminders are sent from this process (the domain function is called with an injected clock).
const outbox = mkdtempSync(join(tmpdir(), "praxis-decisions-outbox-"));
process.env.MAIL_OUTBOX_DIR = outbox;

const praxis = usePraxis({ env: { DIGEST_INTERVAL_SECONDS: "0", DECISION_JOBS_INTERVAL_SECONDS: "0" } });

async function signedIn(member: TestMember) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

function closing(daysAhead: number, zone = "UTC") {
  const { date, time } = toZonedInputs(new Date(Date.now() + daysAhead * 24 * 3600_000), zone);
  return { closesDate: date, closesTime: time };
}

const proposalForm = (values: Record<string, string> = {}) => ({
  kind: "proposal",
  titleEn: "Adopt these learning questions",
  titleFr: "Adopter ces questions d’apprentissage",
  textEn: "The three questions in our document.",
  textFr: "Les trois questions de notre document.",
  ...closing(3),
  voters: "group",
  quorumKind: "",
  quorumValue: "",
  ...values,
});

function idFrom(response: Response): string {
  const location = response.headers.get("location") ?? "";
  const match = /\/decisions\/([a-z0-9]+)$/.exec(location);
  if (!match) throw new Error(`no decision in ${response.status} ${location}`);
  return match[1];
}

async function input(groupId: string | null, values: Partial<DecisionInput>): Promise<DecisionInput> {
  return {
    kind: "proposal",
    groupId,
    titleEn: "A decision",
    titleFr: "Une décision",
    ...closing(2),
    timeZone: "UTC",
    ...values,
  } as DecisionInput;
}

describe("proposals", () => {
  it("records positions, lets members change them until close, and requires a reason to disagree or block", async () => {
    const proposer = await createMember();
    const other = await createMember();
    const browser = await signedIn(proposer);
    const created = await browser.post("/groups/rooting-care/decisions/new", proposalForm({ resultsLive: "on" }));
    expect(created.status).toBe(303);
    const id = idFrom(created);
    const page = `/groups/rooting-care/decisions/${id}`;

    const block = await browser.post(page, { intent: "vote", position: "block", reason: "" });
    expect(block.status).toBe(400);
    expect(await block.text()).toContain("Say why you block.");
    const disagree = await browser.post(page, { intent: "vote", position: "disagree", reason: "  " });
    expect(disagree.status).toBe(400);
    expect(await disagree.text()).toContain("Say why you disagree.");
    expect(await db().decisionVote.count({ where: { decisionId: id } })).toBe(0);

    expect((await browser.post(page, { intent: "vote", position: "block", reason: "The budget line is missing." })).status).toBe(303);
    const otherBrowser = await signedIn(other);
    expect((await otherBrowser.post(page, { intent: "vote", position: "agree", reason: "" })).status).toBe(303);
    // Changing one's mind: the new position replaces the old one.
    expect((await browser.post(page, { intent: "vote", position: "agree", reason: "Added now." })).status).toBe(303);
    const votes = await db().decisionVote.findMany({ where: { decisionId: id }, orderBy: { userId: "asc" } });
    expect(votes).toHaveLength(2);
    expect(votes.map((v) => JSON.parse(v.choice).position)).toEqual(["agree", "agree"]);

    const html = await (await otherBrowser.get(page)).text();
    expect(html).toContain("2 of");
    expect(html).toMatch(/data-live-count="agree">2</);
    expect(html).toContain("Added now.");
  });

  it("keeps results hidden until close unless the proposer chose live results", async () => {
    const proposer = await createMember();
    const browser = await signedIn(proposer);
    const id = idFrom(await browser.post("/groups/rooting-care/decisions/new", proposalForm()));
    const page = `/groups/rooting-care/decisions/${id}`;
    await browser.post(page, { intent: "vote", position: "disagree", reason: "Secret until close" });
    const reader = await signedIn(await createMember());
    const before = await (await reader.get(page)).text();
    expect(before).toContain("Results are hidden until it closes.");
    expect(before).not.toContain("Secret until close");
    expect((await browser.post(page, { intent: "close" })).status).toBe(303);
    const after = await (await reader.get(page)).text();
    expect(after).toContain("Secret until close");
  });

  it("is closed by the job at its closing time, not before, and refuses votes after it", async () => {
    const proposer = await createMember();
    const actor = await actorOf(proposer);
    const now = new Date();
    const created = await createDecision(actor, await input(await groupIdFor("rooting-care"), {}), now);
    if (!created.ok) throw new Error(created.error);
    const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id: created.value.decisionId } });

    // The job, with its clock held just before the closing time: nothing closes.
    const before = new Date(closesAt.getTime() - 1);
    const job = serverJobs({ ...env(), DECISION_JOBS_INTERVAL_SECONDS: 60, DIGEST_INTERVAL_SECONDS: 0 }, () => before).find((j) => j.name === "decisions")!;
    await job.run();
    expect((await db().decision.findUniqueOrThrow({ where: { id: created.value.decisionId } })).closedAt).toBeNull();
    // A vote past the closing time is refused even before the job has run.
    const late = await castVote(actor, created.value.decisionId, { position: "agree" }, new Date(closesAt.getTime() + 1));
    expect(late.ok ? 200 : late.status).toBe(409);

    const atTime = serverJobs({ ...env(), DECISION_JOBS_INTERVAL_SECONDS: 60, DIGEST_INTERVAL_SECONDS: 0 }, () => closesAt).find((j) => j.name === "decisions")!;
    await atTime.run();
    const closed = await db().decision.findUniqueOrThrow({ where: { id: created.value.decisionId } });
    expect(closed.closedAt?.toISOString()).toBe(closesAt.toISOString());
    // Running again closes nothing twice.
    expect(await closeDueDecisions(new Date(closesAt.getTime() + 60_000))).toBe(0);
  });

  it("works out the quorum when it closes", async () => {
    const proposer = await createMember();
    const voter = await createMember();
    const groupId = await groupIdFor("rooting-care");
    const now = new Date();
    const results: boolean[] = [];
    for (const quorumValue of [2, 3]) {
      const created = await createDecision(await actorOf(proposer), await input(groupId, { quorumKind: "count", quorumValue }), now);
      if (!created.ok) throw new Error(created.error);
      const id = created.value.decisionId;
      expect((await castVote(await actorOf(proposer), id, { position: "agree" }, now)).ok).toBe(true);
      expect((await castVote(await actorOf(voter), id, { position: "abstain" }, now)).ok).toBe(true);
      const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id } });
      await closeDueDecisions(closesAt);
      results.push((await db().decision.findUniqueOrThrow({ where: { id } })).quorumMet!);
    }
    expect(results).toEqual([true, false]);
    const browser = await signedIn(voter);
    const latest = await db().decision.findFirstOrThrow({ where: { proposerId: proposer.id, quorumValue: 3 } });
    expect(await (await browser.get(`/groups/rooting-care/decisions/${latest.id}`)).text()).toContain("Quorum not reached");
  });

  it("refuses outsiders: members of other groups may read but not vote or conclude; wrong addresses are not found", async () => {
    const proposer = await createMember();
    const outsider = await createMember({ group: "practising-accountability" });
    const id = idFrom(await (await signedIn(proposer)).post("/groups/rooting-care/decisions/new", proposalForm()));
    const page = `/groups/rooting-care/decisions/${id}`;
    const browser = await signedIn(outsider);
    expect((await browser.get(page)).status).toBe(200);
    const vote = await browser.post(page, { intent: "vote", position: "agree" });
    expect(vote.status).toBe(403);
    expect(await vote.text()).toContain("You may not vote on this decision.");
    expect((await browser.post(page, { intent: "close" })).status).toBe(403);
    expect((await browser.post("/groups/rooting-care/decisions/new", proposalForm())).status).toBe(403);
    expect((await browser.get("/groups/rooting-care/decisions/new?kind=proposal")).status).toBe(403);
    // The same decision at another space's address, or an id that does not exist: 404.
    expect((await browser.get(`/groups/practising-accountability/decisions/${id}`)).status).toBe(404);
    expect((await browser.get(`/community/decisions/${id}`)).status).toBe(404);
    expect((await browser.get("/groups/rooting-care/decisions/nosuchdecision")).status).toBe(404);
    // Signed out: sent to sign in.
    const anonymous = await fetch(new URL(page, praxis.url), { redirect: "manual" });
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(anonymous.headers.get("location")).toContain("/login");
    // Whole-CoP voting lets them in.
    const open = idFrom(await (await signedIn(proposer)).post("/groups/rooting-care/decisions/new", proposalForm({ voters: "cop" })));
    expect((await browser.post(`/groups/rooting-care/decisions/${open}`, { intent: "vote", position: "agree" })).status).toBe(303);
  });

  it("lists open and closed decisions with their outcomes, searchable, and counts them for the check-in", async () => {
    const lead = await createMember({ lead: true });
    const browser = await signedIn(lead);
    const id = idFrom(await browser.post("/groups/rooting-care/decisions/new", proposalForm({ titleEn: "Choose the zebra outcome", titleFr: "Choisir le résultat zèbre" })));
    const page = `/groups/rooting-care/decisions/${id}`;
    await browser.post(page, { intent: "close" });
    const missingFrench = await browser.post(page, { intent: "outcome", outcomeEn: "We chose a case study.", outcomeFr: "" });
    expect(missingFrench.status).toBe(400);
    expect(await missingFrench.text()).toContain("Write the outcome in French.");
    expect((await browser.post(page, { intent: "outcome", outcomeEn: "We chose a case study.", outcomeFr: "Nous avons choisi une étude de cas." })).status).toBe(303);
    const list = await (await browser.get("/groups/rooting-care/decisions?q=zebra")).text();
    expect(list).toContain("Choose the zebra outcome");
    expect(list).toContain("We chose a case study.");
    const none = await (await browser.get("/groups/rooting-care/decisions?q=nothing-like-this")).text();
    expect(none).not.toContain("Choose the zebra outcome");
    expect(await (await browser.get("/groups/rooting-care/decisions")).text()).toContain("We chose a case study.");
    await browser.get(`${page}?lng=fr`);
    const french = await (await browser.get(page)).text();
    expect(french).toContain("Nous avons choisi une étude de cas.");
    expect(french).toContain("Conclusion");
    const { decisionsTakenSince } = await import("~/domain/decisions/decisions.server");
    expect(await decisionsTakenSince(await groupIdFor("rooting-care"), new Date(Date.now() - 60_000))).toBeGreaterThanOrEqual(1);
  });
});

describe("reminders", () => {
  it("reminds members who have not voted once, a day before closing, under their mail settings and without content", async () => {
    const proposer = await createMember();
    const wantsMail = await createMember();
    const noMail = await createMember();
    for (const [member, emailMode] of [[wantsMail, "daily"], [noMail, "none"], [proposer, "immediate"]] as const) {
      await db().notificationSetting.create({ data: { userId: member.id, email: `${member.username}@example.org`, emailMode, preferenceToken: `${member.id}-token` } });
    }
    const now = new Date();
    const created = await createDecision(await actorOf(proposer), await input(await groupIdFor("rooting-care"), { titleEn: "A title that stays out of mail" }), now);
    if (!created.ok) throw new Error(created.error);
    const id = created.value.decisionId;
    expect((await castVote(await actorOf(proposer), id, { position: "agree" }, now)).ok).toBe(true);
    const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id } });

    // Too early: nothing.
    expect(await remindNonVoters(new Date(closesAt.getTime() - 30 * 3600_000))).toBe(0);
    const sent = await remindNonVoters(new Date(closesAt.getTime() - 12 * 3600_000));
    expect(sent).toBeGreaterThanOrEqual(1);
    const mails = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), "utf8").replace(/=\r?\n/g, ""));
    const toMember = mails.filter((m) => m.includes(`${wantsMail.username}@example.org`));
    expect(toMember).toHaveLength(1);
    expect(toMember[0]).toContain("closes within a day");
    expect(toMember[0]).not.toContain("A title that stays out of mail");
    expect(mails.some((m) => m.includes(`${noMail.username}@example.org`) || m.includes(`${proposer.username}@example.org`))).toBe(false);
    // Once only.
    await remindNonVoters(new Date(closesAt.getTime() - 6 * 3600_000));
    expect(readdirSync(outbox).map((f) => readFileSync(join(outbox, f), "utf8")).filter((m) => m.includes(`${wantsMail.username}@example.org`))).toHaveLength(1);
  });
});

describe("anonymous polls", () => {
  it("stores only a tally and a has-voted flag: no row anywhere links a member to a choice", async () => {
    const proposer = await createMember();
    const voters = [await createMember(), await createMember(), await createMember()];
    const browser = await signedIn(proposer);
    const created = await browser.post("/groups/rooting-care/decisions/new", {
      kind: "poll",
      pollType: "single",
      titleEn: "Which outcome form?",
      titleFr: "Quelle forme de résultat ?",
      ...closing(3),
      voters: "group",
      isAnonymous: "on",
      option0En: "Case study",
      option0Fr: "Étude de cas",
      option1En: "Toolkit",
      option1Fr: "Boîte à outils",
    });
    expect(created.status).toBe(303);
    const id = idFrom(created);
    const options = await db().decisionOption.findMany({ where: { decisionId: id }, orderBy: { position: "asc" } });
    const choices = [options[0].id, options[1].id, options[0].id];
    for (const [index, voter] of voters.entries()) {
      const session = await signedIn(voter);
      expect((await session.post(`/groups/rooting-care/decisions/${id}`, { intent: "vote", option: choices[index] })).status).toBe(303);
    }
    // A second ballot is refused: nothing says which one was theirs to replace.
    const again = await (await signedIn(voters[0])).post(`/groups/rooting-care/decisions/${id}`, { intent: "vote", option: options[1].id });
    expect(again.status).toBe(409);

    expect(await db().decisionVote.count({ where: { decisionId: id } })).toBe(0);
    expect(await db().decisionVoter.count({ where: { decisionId: id } })).toBe(3);
    const tally = await db().decisionTally.findMany({ where: { decisionId: id } });
    expect(Object.fromEntries(tally.map((row) => [row.key, row.count]))).toMatchObject({ [options[0].id]: 2, [options[1].id]: 1 });

    // Scan every table: a row that names a voter never names an option of this poll.
    const isPostgres = process.env.TEST_DATABASE === "postgres";
    const tables: Array<{ name: string }> = isPostgres
      ? await db().$queryRawUnsafe(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
      : await db().$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    expect(tables.length).toBeGreaterThan(20);
    const voterIds = voters.map((v) => v.id);
    const optionIds = options.map((o) => o.id);
    let scanned = 0;
    for (const { name } of tables) {
      // PostgreSQL: each row as JSON text (some columns, e.g. full-text vectors, have no client type).
      const rows: unknown[] = await db().$queryRawUnsafe(isPostgres ? `SELECT row_to_json(t)::text AS row FROM "${name}" t` : `SELECT * FROM "${name}"`);
      for (const row of rows) {
        scanned++;
        const text = JSON.stringify(row, (_, value) => (typeof value === "bigint" ? String(value) : value instanceof Uint8Array ? "" : value));
        if (voterIds.some((voterId) => text.includes(voterId))) {
          expect(optionIds.some((optionId) => text.includes(optionId)), `${name}: ${text}`).toBe(false);
          expect(text.includes("Case study") || text.includes("Toolkit"), `${name}: ${text}`).toBe(false);
        }
      }
    }
    expect(scanned).toBeGreaterThan(0);

    // After closing everyone sees the counts, and no names beside choices.
    await browser.post(`/groups/rooting-care/decisions/${id}`, { intent: "close" });
    const html = await (await browser.get(`/groups/rooting-care/decisions/${id}`)).text();
    expect(html).toMatch(new RegExp(`data-live-count="${options[0].id}">2<`));
    for (const voter of voters) expect(html).not.toContain(voter.displayName);
  });
});

describe("time polls", () => {
  // The EU changes clocks on 28 March 2027, the US on 14 March: slots on either side of the EU
  // change, entered in Paris, are read in Nairobi (no DST), New York (already on DST) and Paris.
  const zones = ["Europe/Paris", "Africa/Nairobi", "America/New_York"] as const;
  const WHEN: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };

  async function timePoll(proposer: TestMember) {
    const browser = await signedIn(proposer);
    const created = await browser.post("/groups/rooting-care/decisions/new", {
      kind: "time-poll",
      titleEn: "Next care circle",
      titleFr: "Prochain cercle de soin",
      ...closing(3, "Europe/Paris"),
      voters: "group",
      durationMinutes: "60",
      slot0Date: "2027-03-27",
      slot0Time: "14:00",
      slot1Date: "2027-03-29",
      slot1Time: "14:00",
    });
    expect(created.status).toBe(303);
    return { browser, id: idFrom(created) };
  }

  it("stores slots entered in the proposer's zone and shows them in each reader's zone across a DST change", async () => {
    const proposer = await createMember({ lead: true, timeZone: "Europe/Paris" });
    const { id } = await timePoll(proposer);
    const slots = await db().decisionOption.findMany({ where: { decisionId: id }, orderBy: { position: "asc" } });
    expect(slots.map((s) => s.startsAt!.toISOString())).toEqual(["2027-03-27T13:00:00.000Z", "2027-03-29T12:00:00.000Z"]);
    const expected: Record<string, [string, string]> = { "Europe/Paris": ["14:00", "14:00"], "Africa/Nairobi": ["16:00", "15:00"], "America/New_York": ["09:00", "08:00"] };
    for (const zone of zones) {
      const reader = await createMember({ timeZone: zone });
      const html = (await (await signedIn(reader)).get(`/groups/rooting-care/decisions/${id}`)).text();
      const page = await html;
      for (const [index, slot] of slots.entries()) {
        const shown = new Intl.DateTimeFormat("en-GB", { ...WHEN, timeZone: zone }).format(slot.startsAt!);
        expect(shown).toContain(expected[zone][index]);
        expect(page, `${zone} ${shown}`).toContain(shown);
      }
      // Each slot says how many who may vote it falls outside the day for.
      expect(page).toMatch(new RegExp(`data-testid="outside-${slots[0].id}">\\d+ members?`));
    }
    const { slotFairness } = await import("~/domain/decisions/slot-fairness.server");
    const decision = await db().decision.findUniqueOrThrow({ where: { id } });
    const fairness = await slotFairness(decision, slots);
    // A member in New York at 08:00 on the 29th is outside 08:00–21:00? 08:00–09:00 is inside; Nairobi 15:00 is inside.
    expect(fairness.slots).toHaveLength(2);
    expect(fairness.voters).toBeGreaterThan(0);
  });

  it("turns the chosen slot into a meeting in one step, inviting the poll's voters with their answers as RSVPs", async () => {
    const lead = await createMember({ lead: true, timeZone: "Europe/Paris" });
    const member = await createMember({ timeZone: "Africa/Nairobi" });
    const { browser, id } = await timePoll(lead);
    const page = `/groups/rooting-care/decisions/${id}`;
    const slots = await db().decisionOption.findMany({ where: { decisionId: id }, orderBy: { position: "asc" } });
    expect((await browser.post(page, { intent: "vote", [`answer.${slots[0].id}`]: "no", [`answer.${slots[1].id}`]: "yes" })).status).toBe(303);
    const memberBrowser = await signedIn(member);
    expect((await memberBrowser.post(page, { intent: "vote", [`answer.${slots[0].id}`]: "yes", [`answer.${slots[1].id}`]: "maybe" })).status).toBe(303);
    // Not while open; members who may not schedule are refused.
    expect((await browser.post(page, { intent: "schedule", optionId: slots[1].id })).status).toBe(409);
    await browser.post(page, { intent: "close" });
    expect((await memberBrowser.post(page, { intent: "schedule", optionId: slots[1].id })).status).toBe(403);
    const closedPage = await (await browser.get(page)).text();
    expect(closedPage).toContain("Make it a meeting");

    const scheduled = await browser.post(page, { intent: "schedule", optionId: slots[1].id, callUrl: "https://meet.example.org/care" });
    expect(scheduled.status).toBe(303);
    const meetingId = /\/meetings\/([a-z0-9]+)$/.exec(scheduled.headers.get("location") ?? "")![1];
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(meeting.startsAt.toISOString()).toBe(slots[1].startsAt!.toISOString());
    expect(meeting.audience).toBe("group");
    expect(meeting.groupId).toBe(await groupIdFor("rooting-care"));
    expect(meeting.titleFr).toBe("Prochain cercle de soin");
    const rsvps = await db().meetingAttendance.findMany({ where: { meetingId } });
    expect(Object.fromEntries(rsvps.map((r) => [r.userId, r.rsvp]))).toEqual({ [lead.id]: "yes", [member.id]: "maybe" });
    // Once only.
    expect((await browser.post(page, { intent: "schedule", optionId: slots[0].id })).status).toBe(409);
    expect(await (await browser.get(page)).text()).toContain("Scheduled as a meeting");
  });

  it("makes one meeting when the slot is chosen twice at once, and carries no answer over for a voter who has left the group", async () => {
    const lead = await createMember({ lead: true, timeZone: "Europe/Paris" });
    const leaver = await createMember({ timeZone: "Africa/Nairobi" });
    const { browser, id } = await timePoll(lead);
    const page = `/groups/rooting-care/decisions/${id}`;
    const slots = await db().decisionOption.findMany({ where: { decisionId: id }, orderBy: { position: "asc" } });
    expect((await browser.post(page, { intent: "vote", [`answer.${slots[0].id}`]: "yes", [`answer.${slots[1].id}`]: "yes" })).status).toBe(303);
    expect((await (await signedIn(leaver)).post(page, { intent: "vote", [`answer.${slots[0].id}`]: "yes", [`answer.${slots[1].id}`]: "yes" })).status).toBe(303);
    await browser.post(page, { intent: "close" });
    await db().membership.deleteMany({ where: { userId: leaver.id } });

    // The lead's two tabs (or a double tap) ask at the same moment.
    const [first, second] = await Promise.all([0, 1].map(() => browser.post(page, { intent: "schedule", optionId: slots[0].id })));
    expect([first.status, second.status].sort()).toEqual([303, 409]);
    expect(await db().meeting.count({ where: { titleEn: "Next care circle", startsAt: slots[0].startsAt! } })).toBe(1);
    const decision = await db().decision.findUniqueOrThrow({ where: { id } });
    const rsvps = await db().meetingAttendance.findMany({ where: { meetingId: decision.scheduledMeetingId! } });
    expect(rsvps.map((r) => r.userId)).toEqual([lead.id]);
  });
});

describe("decisions raised in a meeting", () => {
  it("puts the outcome in the meeting's minutes as a decision, with action items on the owners' home pages", async () => {
    const lead = await createMember({ lead: true });
    const owner = await createMember({ displayName: "Owner of the follow-up" });
    const groupId = await groupIdFor("rooting-care");
    const meeting = await createGroupMeeting(groupId, { titleEn: "Care circle", titleFr: "Cercle de soin", startsAt: daysFromNow(-1), createdById: lead.id });
    const browser = await signedIn(lead);
    const form = await (await browser.get(`/groups/rooting-care/decisions/new?kind=proposal&meeting=${meeting.id}`)).text();
    expect(form).toContain(`value="${meeting.id}" selected`);
    const id = idFrom(await browser.post("/groups/rooting-care/decisions/new", proposalForm({ titleEn: "Approve the workplan draft", titleFr: "Approuver le projet de plan de travail", meetingId: meeting.id, documentId: "workplan.rooting-care" })));
    const page = `/groups/rooting-care/decisions/${id}`;
    expect(await (await browser.get(page)).text()).toContain("/groups/rooting-care/docs/workplan");
    await browser.post(page, { intent: "vote", position: "agree" });
    // Action items wait for the close.
    expect((await browser.post(page, { intent: "action-add", description: "Send the workplan to MEL", ownerId: owner.id, dueDate: "2027-01-15" })).status).toBe(403);
    await browser.post(page, { intent: "close" });
    await browser.post(page, { intent: "outcome", outcomeEn: "The workplan draft is approved.", outcomeFr: "Le projet de plan de travail est approuvé." });
    const badOwner = await browser.post(page, { intent: "action-add", description: "Nobody", ownerId: "nobody", dueDate: "" });
    expect(badOwner.status).toBe(400);
    expect((await browser.post(page, { intent: "action-add", description: "Send the workplan to MEL", ownerId: owner.id, dueDate: "2027-01-15" })).status).toBe(303);
    const item = await db().meetingActionItem.findFirstOrThrow({ where: { decisionId: id } });
    expect(item.meetingId).toBe(meeting.id);

    const home = await (await signedIn(owner)).get("/");
    expect(await home.text()).toContain("Send the workplan to MEL");
    const meetingPage = await (await browser.get(`/meetings/${meeting.id}`)).text();
    expect(meetingPage).toContain("The workplan draft is approved.");

    const minutesHtml = { en: "<p>We met.</p>", fr: "<p>Nous nous sommes réunis.</p>" };
    await markTranslationStatus(await actorOf(lead), { meetingId: meeting.id, kind: "minutes", language: "fr", status: "reviewed" }, minutesHtml.en, minutesHtml.fr);
    const published = await publishMeetingText(await actorOf(lead), { meetingId: meeting.id, kind: "minutes" }, minutesHtml);
    expect(published.ok).toBe(true);
    const minutes = await (await browser.get(`/meetings/${meeting.id}/minutes?lang=en`)).text();
    expect(minutes).toContain("Approve the workplan draft");
    expect(minutes).toContain("The workplan draft is approved.");
    expect(minutes).toContain("Send the workplan to MEL");
    const minutesFr = await (await browser.get(`/meetings/${meeting.id}/minutes?lang=fr`)).text();
    expect(minutesFr).toContain("Le projet de plan de travail est approuvé.");
  });
});
