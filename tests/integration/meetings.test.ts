// Meetings end to end against a real server and database: scheduling rules, fair times,
// time zones (with a DST change), RSVP and attendance, iCalendar files and feeds, the
// publishing gate with real Yjs clients, versions, notices, action items and permissions.
import ICAL from "ical.js";
import { io as connectSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { cancelMeeting, scheduleMeeting } from "~/domain/meetings.server";
import { toZonedInputs } from "~/domain/meeting-times";
import { createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { eventually, openText } from "../support/meeting-texts";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

async function signedIn(member: TestMember, headers: Record<string, string> = {}) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  if (headers["accept-language"]) await browser.get(`/?lng=${headers["accept-language"]}`);
  return browser;
}

async function actor(member: TestMember) {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

function inDays(days: number, zone = "UTC") {
  return toZonedInputs(new Date(Date.now() + days * 24 * 3600_000), zone).date;
}

const form = (values: Record<string, string>) => ({
  kind: "group",
  groupId: "",
  audience: "group",
  titleEn: "Care circle",
  titleFr: "Cercle de soin",
  date: inDays(7),
  time: "14:00",
  timeZone: "Africa/Nairobi",
  durationMinutes: "60",
  callUrl: "https://meet.example.org/care",
  repeat: "none",
  occurrences: "1",
  rotate1: "",
  rotate2: "",
  acknowledgeNight: "yes",
  intent: "save",
  ...values,
});

describe("scheduling", () => {
  it("lets a lead schedule their own group's meeting, and refuses another group's", async () => {
    const lead = await createMember({ lead: true, timeZone: "Asia/Manila" });
    const browser = await signedIn(lead);
    const care = await groupIdFor("rooting-care");
    const ok = await browser.post("/meetings/new", form({ groupId: care }));
    expect(ok.status).toBe(303);
    const meetingId = ok.headers.get("location")!.match(/\/meetings\/([a-z0-9]+)/)![1];
    const stored = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    // 14:00 in Nairobi (UTC+3) is 11:00 UTC; the organiser's zone is kept.
    expect(stored.startsAt.toISOString().slice(11, 16)).toBe("11:00");
    expect(stored.organiserTimeZone).toBe("Africa/Nairobi");

    const other = await browser.post("/meetings/new", form({ groupId: await groupIdFor("practising-accountability") }));
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("You do not have permission to do that.");
    const plenary = await browser.post("/meetings/new", form({ kind: "plenary", audience: "community" }));
    expect(plenary.status).toBe(403);
  });

  it("refuses members without the right to schedule", async () => {
    const member = await createMember();
    const browser = await signedIn(member);
    expect((await browser.get("/meetings/new")).status).toBe(403);
    expect((await browser.post("/meetings/new", form({ groupId: await groupIdFor("rooting-care") }))).status).toBe(403);
  });

  it("refuses meetings over 90 minutes with a translated message and keeps what was typed", async () => {
    const coordinator = await createCoordinator();
    const browser = await signedIn(coordinator);
    const english = await browser.post("/meetings/new", form({ kind: "plenary", audience: "community", durationMinutes: "120", titleEn: "Long plenary" }));
    expect(english.status).toBe(400);
    const html = await english.text();
    expect(html).toContain("Meetings last at most 90 minutes");
    expect(html).toContain('value="Long plenary"');
    await browser.get("/?lng=fr");
    const french = await browser.post("/meetings/new", form({ kind: "plenary", audience: "community", durationMinutes: "95" }));
    expect(await french.text()).toContain("Une réunion dure au plus 90 minutes");
  });

  it("shows which invitees a time is unfair to, and suggests fairer times", async () => {
    const coordinator = await createCoordinator();
    await createMember({ group: "strengthening-collaboration", timeZone: "America/Bogota" });
    await createMember({ group: "strengthening-collaboration", timeZone: "Asia/Manila" });
    const browser = await signedIn(coordinator);
    const collaboration = await groupIdFor("strengthening-collaboration");
    // 06:00 in Nairobi = 03:00 UTC: 22:00 the day before in Bogotá.
    const response = await browser.post("/meetings/new", form({ kind: "group", groupId: collaboration, time: "06:00", intent: "check" }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/Bogota: \d+ (person|people) would meet from 22:00 to 23:00, outside 08:00–21:00/);
    expect(html).toContain("Fairer times that day");
    expect(html).toMatch(/<button type="submit" value="use:\d{4}-[^"]+"[^>]*name="intent">/);
  });

  it("creates a rotating series that keeps its wall-clock times in the organiser's zone", async () => {
    const coordinator = await createCoordinator();
    const browser = await signedIn(coordinator);
    const response = await browser.post("/meetings/new", form({ kind: "plenary", audience: "community", timeZone: "Europe/Paris", date: "2026-10-20", time: "14:00", repeat: "weekly", occurrences: "4", rotate1: "18:00", titleEn: "Rotating plenary" }));
    expect(response.status).toBe(303);
    const meetings = await db().meeting.findMany({ where: { titleEn: "Rotating plenary" }, orderBy: { startsAt: "asc" } });
    // Paris leaves summer time on 25 October: UTC shifts by an hour, the Paris clock does not.
    expect(meetings.map((m) => m.startsAt.toISOString().slice(0, 16))).toEqual(["2026-10-20T12:00", "2026-10-27T17:00", "2026-11-03T13:00", "2026-11-10T17:00"]);
  });
});

describe("a series that rotates its time", () => {
  it("shows each invitee's count of meetings outside their waking hours over the series, only to whom the page names them", async () => {
    const lead = await createMember({ lead: true, group: "rooting-care", timeZone: "Europe/Paris", displayName: "Rota Lead Paris" });
    const bogota = await createMember({ group: "rooting-care", timeZone: "America/Bogota", displayName: "Sam Bogota", locale: "en" });
    await createMember({ group: "rooting-care", timeZone: "Asia/Manila", displayName: "Ana Manila" });
    const organiser = await actor(lead);
    // Paris winter time (UTC+1): 14:00 suits everyone, 08:00 is 02:00 in Bogota, 20:00 is 03:00 in Manila.
    const result = await scheduleMeeting(organiser, {
      kind: "group", audience: "group", groupId: await groupIdFor("rooting-care"), titleEn: "Rotating care circle", titleFr: "Cercle tournant",
      date: "2027-01-12", time: "14:00", timeZone: "Europe/Paris", durationMinutes: 60, callUrl: "", repeat: "weekly", occurrences: 6,
      rotateTimes: ["08:00", "20:00"], acknowledgeNight: true,
    });
    if (!result.ok) throw new Error("schedule failed");
    const ids = result.value.meetingIds;
    const row = (html: string, name: string) => new RegExp(`<th scope="row">${name}</th><td>([^<]*)</td>`).exec(html.replace(/<!-- -->/g, ""))?.[1];

    const leadPage = await (await (await signedIn(lead)).get(`/meetings/${ids[0]}`)).text();
    expect(leadPage).toContain("Outside waking hours over this series");
    expect(row(leadPage, "Sam Bogota")).toBe("2 of 6");
    expect(row(leadPage, "Ana Manila")).toBe("2 of 6");
    expect(row(leadPage, "Rota Lead Paris \\(you\\)")).toBe("0 of 6");

    // A cancelled meeting does not count; an invitee sees only their own line (the page names no other invitee to them).
    expect((await cancelMeeting(organiser, ids[1])).ok).toBe(true);
    const memberPage = await (await (await signedIn(bogota)).get(`/meetings/${ids[2]}`)).text();
    expect(row(memberPage, "Sam Bogota \\(you\\)")).toBe("1 of 5");
    expect(memberPage).not.toContain("Ana Manila");
    expect(memberPage).not.toContain("Rota Lead Paris");

    // A meeting outside a series has no such table.
    const single = await scheduleMeeting(organiser, {
      kind: "group", audience: "group", groupId: await groupIdFor("rooting-care"), titleEn: "One-off", titleFr: "Unique",
      date: "2027-01-12", time: "14:00", timeZone: "Europe/Paris", durationMinutes: 60, callUrl: "", acknowledgeNight: true,
    });
    if (!single.ok) throw new Error("schedule failed");
    expect(await (await (await signedIn(lead)).get(`/meetings/${single.value.meetingIds[0]}`)).text()).not.toContain("Outside waking hours over this series");
  });
});

describe("reading meetings across time zones", () => {
  it("shows each reader their own time, and the other regions' times, across a DST change", async () => {
    const coordinator = await createCoordinator();
    const result = await scheduleMeeting(await actor(coordinator), {
      kind: "plenary", audience: "community", titleEn: "DST plenary", titleFr: "Plénière heure d'été",
      date: "2026-10-20", time: "14:00", timeZone: "Europe/Paris", durationMinutes: 60, callUrl: "", repeat: "weekly", occurrences: 2,
    });
    if (!result.ok) throw new Error("schedule failed");
    const [before, after] = result.value.meetingIds;
    const nairobi = await signedIn(await createMember({ timeZone: "Africa/Nairobi", locale: "en" }));
    const page = async (browser: Browserless, id: string) => (await (await browser.get(`/meetings/${id}`)).text()).replace(/<!-- -->/g, "");
    const first = await page(nairobi, before);
    const second = await page(nairobi, after);
    // The Nairobi reader sees 15:00 before Paris changes clocks, 16:00 after.
    expect(first).toContain("Tuesday, 20 October 2026 at 15:00");
    expect(second).toContain("Tuesday, 27 October 2026 at 16:00");
    // Other regions: Manila and Bogotá on the same line.
    expect(first).toMatch(/Manila Tue 20:00/);
    expect(first).toMatch(/Bogota Tue 07:00/);
    const bogota = await signedIn(await createMember({ timeZone: "America/Bogota", locale: "fr" }));
    const french = await page(bogota, after);
    expect(french).toContain("mardi 27 octobre 2026 à 08:00");
  });
});

describe("answers and attendance", () => {
  it("records an invitee's answer and, after the meeting, who came", async () => {
    const lead = await createMember({ lead: true, group: "practising-accountability" });
    const member = await createMember({ group: "practising-accountability" });
    const outsider = await createMember({ group: "rooting-care" });
    const groupId = await groupIdFor("practising-accountability");
    const upcoming = await scheduleMeeting(await actor(lead), { ...form({ groupId, date: inDays(3) }), durationMinutes: 60 } as never);
    const past = await scheduleMeeting(await actor(lead), { ...form({ groupId, date: inDays(-3) }), durationMinutes: 60 } as never);
    if (!upcoming.ok || !past.ok) throw new Error("schedule failed");

    const memberBrowser = await signedIn(member);
    expect((await memberBrowser.post(`/meetings/${upcoming.value.meetingIds[0]}`, { intent: "rsvp", rsvp: "yes" })).status).toBe(200);
    const answer = await db().meetingAttendance.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: upcoming.value.meetingIds[0], userId: member.id } } });
    expect(answer.rsvp).toBe("yes");
    // Someone not invited cannot answer.
    const outsiderBrowser = await signedIn(outsider);
    expect((await outsiderBrowser.post(`/meetings/${upcoming.value.meetingIds[0]}`, { intent: "rsvp", rsvp: "yes" })).status).toBe(403);

    const leadBrowser = await signedIn(lead);
    const tooEarly = await leadBrowser.post(`/meetings/${upcoming.value.meetingIds[0]}`, { intent: "attendance", present: member.id });
    expect(tooEarly.status).toBe(409);
    expect(await tooEarly.text()).toContain("The meeting has not started yet.");
    expect((await memberBrowser.post(`/meetings/${past.value.meetingIds[0]}`, { intent: "attendance", present: member.id })).status).toBe(403);
    expect((await leadBrowser.post(`/meetings/${past.value.meetingIds[0]}`, { intent: "attendance", present: member.id })).status).toBe(200);
    const rows = await db().meetingAttendance.findMany({ where: { meetingId: past.value.meetingIds[0] } });
    expect(rows.find((r) => r.userId === member.id)?.attended).toBe(true);
    expect(rows.find((r) => r.userId === lead.id)?.attended).toBe(false);
    expect(rows.some((r) => r.userId === outsider.id)).toBe(false);
  });
});

describe("iCalendar", () => {
  it("downloads one meeting as a valid calendar file", async () => {
    const coordinator = await createCoordinator();
    const result = await scheduleMeeting(await actor(coordinator), {
      kind: "plenary", audience: "community", titleEn: "Plenary, with commas; and semicolons", titleFr: "Plénière",
      date: inDays(10), time: "15:00", timeZone: "Africa/Nairobi", durationMinutes: 90, callUrl: "https://meet.example.org/plenary",
    });
    if (!result.ok) throw new Error("schedule failed");
    const browser = await signedIn(await createMember());
    const response = await browser.get(`/meetings/${result.value.meetingIds[0]}/ics`);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const body = await response.text();
    expect(body).toContain("\r\n");
    const calendar = new ICAL.Component(ICAL.parse(body));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.uid).toBe(`meeting-${result.value.meetingIds[0]}@praxis`);
    expect(event.summary).toBe("Plenary, with commas; and semicolons");
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(90 * 60_000);
    expect(event.location).toBe("https://meet.example.org/plenary");
  });

  it("serves a private, revocable feed whose events keep their UID through updates and cancellation", async () => {
    const lead = await createMember({ lead: true, group: "rooting-care", locale: "fr" });
    const member = await createMember({ group: "rooting-care", locale: "fr" });
    const outsider = await createMember({ group: "strengthening-collaboration" });
    const groupId = await groupIdFor("rooting-care");
    const browser = await signedIn(member);
    const created = await browser.post("/meetings", { intent: "feed-create" });
    const createdPage = await created.text();
    const feedUrl = createdPage.match(/value="(http[^"]+\/calendar\/[a-z2-7]+\.ics)"/)![1];
    // Beside the address: the same address as a webcal: link (calendar apps subscribe from it), with its hint in French.
    const subscribeHref = createdPage.match(/href="(webcal:[^"]+)"/)?.[1];
    expect(subscribeHref).toBe(feedUrl.replace(/^http:/, "webcal:"));
    expect(subscribeHref).toMatch(/^webcal:\/\/[^/]+\/calendar\/[a-z2-7]+\.ics$/);
    expect(createdPage).toContain("M’abonner dans mon agenda");
    expect(createdPage).toContain("Le lien d’abonnement ouvre votre application d’agenda");
    const outsiderBrowser = await signedIn(outsider);
    const outsiderFeed = (await (await outsiderBrowser.post("/meetings", { intent: "feed-create" })).text()).match(/value="(http[^"]+\.ics)"/)![1];

    const leadBrowser = await signedIn(lead);
    const scheduled = await leadBrowser.post("/meetings/new", form({ groupId, titleEn: "Feed test", titleFr: "Test du flux" }));
    const meetingId = scheduled.headers.get("location")!.match(/\/meetings\/([a-z0-9]+)/)![1];
    const readFeed = async (url: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      return calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    };
    const uid = `meeting-${meetingId}@praxis`;
    let event = (await readFeed(feedUrl)).find((e) => e.uid === uid)!;
    expect(event.summary).toBe("Test du flux"); // the member reads French
    expect(event.sequence).toBe(0);
    expect((await readFeed(outsiderFeed)).some((e) => e.uid === uid)).toBe(false);

    // Moving the meeting: same UID, higher SEQUENCE, new time.
    const moved = await leadBrowser.post(`/meetings/${meetingId}/edit`, form({ groupId, titleEn: "Feed test", titleFr: "Test du flux", time: "16:00" }));
    expect(moved.status).toBe(303);
    event = (await readFeed(feedUrl)).find((e) => e.uid === uid)!;
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString().slice(11, 16)).toBe("13:00");

    // Cancelling: still there, marked cancelled, so calendars remove it.
    expect((await leadBrowser.post(`/meetings/${meetingId}`, { intent: "cancel", confirm: "yes" })).status).toBe(200);
    event = (await readFeed(feedUrl)).find((e) => e.uid === uid)!;
    expect(event.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.sequence).toBe(2);

    // Revoking: the address stops working at once.
    await browser.post("/meetings", { intent: "feed-revoke" });
    expect((await fetch(feedUrl)).status).toBe(404);
    expect((await fetch(feedUrl.replace(/[a-z2-7]{10}\.ics$/, "aaaaaaaaaa.ics"))).status).toBe(404);
  });
});

describe("publishing minutes", () => {
  it("publishes only when both languages are present and current, numbers versions and notifies invitees", async () => {
    const lead = await createMember({ lead: true, group: "strengthening-collaboration" });
    const member = await createMember({ group: "strengthening-collaboration", locale: "fr" });
    const outsider = await createMember({ group: "rooting-care" });
    const groupId = await groupIdFor("strengthening-collaboration");
    const result = await scheduleMeeting(await actor(lead), { ...form({ groupId, date: inDays(-1) }) } as never);
    if (!result.ok) throw new Error("schedule failed");
    const meetingId = result.value.meetingIds[0];
    const leadBrowser = await signedIn(lead);
    const editPath = `/meetings/${meetingId}/minutes/edit`;

    // Drafts are for organisers and invitees only: an outsider is refused by the Yjs server.
    const outsiderBrowser = await signedIn(outsider);
    const spy = openText(praxis.url, `minutes.${meetingId}.en`, outsiderBrowser.cookieHeader);
    await eventually(() => expect(spy.closeCodes).toContain(4403));
    spy.destroy();
    expect((await outsiderBrowser.get(editPath)).status).toBe(404);
    expect((await outsiderBrowser.get(`/meetings/${meetingId}/minutes`)).status).toBe(404);

    const en = openText(praxis.url, `minutes.${meetingId}.en`, leadBrowser.cookieHeader);
    await en.synced;
    en.write([{ heading: "Welcome", paragraphs: ["We met."] }, { heading: "Budget", paragraphs: ["We agreed the budget."] }]);

    // Only English: publishing is refused, with the reason.
    await eventually(async () => {
      const page = await (await leadBrowser.get(editPath)).text();
      expect(page).toContain("We agreed the budget.");
      expect(page).toContain("The French text is empty.");
    });
    const refused = await leadBrowser.post(editPath, { intent: "publish" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("The French text is empty.");

    const fr = openText(praxis.url, `minutes.${meetingId}.fr`, leadBrowser.cookieHeader);
    await fr.synced;
    fr.write([{ heading: "Accueil", paragraphs: ["Nous nous sommes réuni·es."] }, { heading: "Budget", paragraphs: ["Nous avons adopté le budget."] }]);
    await eventually(async () => expect(await (await leadBrowser.get(editPath)).text()).toContain("Nous avons adopté le budget."));
    // Both present but nobody vouched they match.
    expect(await (await leadBrowser.post(editPath, { intent: "publish" })).text()).toContain("Mark one language translated");
    expect((await leadBrowser.post(editPath, { intent: "status", language: "fr", status: "translated" })).status).toBe(200);
    const memberSocket = connectSocket(praxis.url, { extraHeaders: { cookie: (await signedIn(member)).cookieHeader }, transports: ["websocket"] });
    const live = new Promise<unknown>((resolve) => memberSocket.once("meeting:published", resolve));
    await new Promise<void>((resolve) => memberSocket.once("session:ready", () => resolve()));
    const published = await leadBrowser.post(editPath, { intent: "publish" });
    expect(published.status).toBe(303);
    // Invitees online hear of it at once.
    expect(await live).toEqual({ meetingId, kind: "minutes", version: 1 });
    memberSocket.disconnect();
    expect(published.headers.get("location")).toBe(`/meetings/${meetingId}/minutes?published=1`);

    // Every invitee but the publisher is notified, and sees it on their home page.
    const notices = await db().meetingNotice.findMany({ where: { meetingId } });
    expect(notices.map((n) => n.userId)).toContain(member.id);
    expect(notices.map((n) => n.userId)).not.toContain(lead.id);
    expect(notices.map((n) => n.userId)).not.toContain(outsider.id);
    const memberBrowser = await signedIn(member);
    expect(await (await memberBrowser.get("/")).text()).toContain("Compte rendu publié");

    // The English changes in the "Budget" section: the French is flagged, down to that section.
    en.write([{ heading: "Welcome", paragraphs: ["We met."] }, { heading: "Budget", paragraphs: ["We agreed the budget, with one change."] }]);
    await eventually(async () => {
      const page = await (await leadBrowser.get(editPath)).text();
      expect(page).toContain("Needs update: the English changed in these sections");
      expect(page).toMatch(/<li>Budget</);
      expect(page).not.toMatch(/<li>Welcome</);
    });
    const stale = await leadBrowser.post(editPath, { intent: "publish", changeNote: "Budget corrected" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The French text needs updating (sections: Budget)");

    fr.write([{ heading: "Accueil", paragraphs: ["Nous nous sommes réuni·es."] }, { heading: "Budget", paragraphs: ["Nous avons adopté le budget, avec une modification."] }]);
    await leadBrowser.post(editPath, { intent: "status", language: "fr", status: "reviewed" });
    await eventually(async () => {
      // A later version needs a change note.
      const noNote = await leadBrowser.post(editPath, { intent: "publish" });
      expect(await noNote.text()).toContain("Say what changed since the last version.");
    });
    expect((await leadBrowser.post(editPath, { intent: "publish", changeNote: "Budget corrected" })).status).toBe(303);
    en.destroy();
    fr.destroy();

    // Readers: the member gets French first, one click to English; version 1 stays readable.
    const french = await (await memberBrowser.get(`/meetings/${meetingId}/minutes`)).text();
    expect(french).toContain("Nous avons adopté le budget, avec une modification.");
    expect(french).toContain("Budget corrected");
    expect(french).toContain(`href="/meetings/${meetingId}/minutes?lang=en"`);
    // No JavaScript but the few hundred bytes of the quick exit, inline.
    expect(french.replace(/<script id="quick-exit-script"[^>]*>[\s\S]*?<\/script>/, "")).not.toContain("<script");
    const english = await (await memberBrowser.get(`/meetings/${meetingId}/minutes?lang=en`)).text();
    expect(english).toContain("We agreed the budget, with one change.");
    const first = await (await memberBrowser.get(`/meetings/${meetingId}/minutes?lang=en&v=1`)).text();
    expect(first).toContain("We agreed the budget.");
    expect(first).toContain("Ceci est une version antérieure."); // the member reads the interface in French
    // Published texts are for every member, never the public.
    expect(await (await outsiderBrowser.get(`/meetings/${meetingId}/minutes?lang=fr`)).text()).toContain("avec une modification");
    expect((await new Browserless(praxis.url).get(`/meetings/${meetingId}/minutes`)).status).toBe(302);
    const versions = await db().meetingTextVersion.findMany({ where: { meetingId, kind: "minutes" }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0].htmlEn).toContain("We agreed the budget.</p>");

    // Standalone download.
    const download = await memberBrowser.get(`/meetings/${meetingId}/minutes/download?lang=fr&v=2`);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    const file = await download.text();
    expect(file).toMatch(/^<!doctype html>/);
    expect(file).toContain('<html lang="fr">');
    expect(file).toContain("avec une modification");
    expect(file).not.toContain("<script");
    expect(file).not.toContain("<link");
  });

  it("does not let an invitee who is not an organiser publish", async () => {
    const lead = await createMember({ lead: true, group: "rooting-care" });
    const member = await createMember({ group: "rooting-care" });
    const result = await scheduleMeeting(await actor(lead), { ...form({ groupId: await groupIdFor("rooting-care") }) } as never);
    if (!result.ok) throw new Error("schedule failed");
    const memberBrowser = await signedIn(member);
    const response = await memberBrowser.post(`/meetings/${result.value.meetingIds[0]}/minutes/edit`, { intent: "publish" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You do not have permission to do that.");
    expect(await db().meetingTextVersion.count({ where: { meetingId: result.value.meetingIds[0] } })).toBe(0);
  });
});

describe("action items", () => {
  it("appear on the owner's home page and the group page until done", async () => {
    const lead = await createMember({ lead: true, group: "practising-accountability" });
    const owner = await createMember({ group: "practising-accountability", displayName: "Owner Person" });
    const groupId = await groupIdFor("practising-accountability");
    const result = await scheduleMeeting(await actor(lead), { ...form({ groupId, date: inDays(-2) }) } as never);
    if (!result.ok) throw new Error("schedule failed");
    const meetingId = result.value.meetingIds[0];
    const leadBrowser = await signedIn(lead);
    const bad = await leadBrowser.post(`/meetings/${meetingId}`, { intent: "action-add", description: "Draft the survey", ownerId: "", dueDate: "" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Choose an owner among the people invited.");
    expect(badHtml).toContain('value="Draft the survey"');
    expect((await leadBrowser.post(`/meetings/${meetingId}`, { intent: "action-add", description: "Draft the survey", ownerId: owner.id, dueDate: inDays(5) })).status).toBe(200);

    const ownerBrowser = await signedIn(owner);
    expect(await (await ownerBrowser.get("/")).text()).toContain("Draft the survey");
    expect(await (await ownerBrowser.get("/groups/practising-accountability")).text()).toContain("Draft the survey");
    const item = await db().meetingActionItem.findFirstOrThrow({ where: { meetingId } });
    const stranger = await signedIn(await createMember({ group: "rooting-care" }));
    expect((await stranger.post(`/meetings/${meetingId}`, { intent: "action-done", itemId: item.id })).status).toBe(403);
    expect((await ownerBrowser.post(`/meetings/${meetingId}`, { intent: "action-done", itemId: item.id })).status).toBe(200);
    expect(await (await ownerBrowser.get("/")).text()).not.toContain("Draft the survey");
    expect(await (await ownerBrowser.get("/groups/practising-accountability")).text()).not.toContain("Draft the survey");
  });
});

describe("the meetings page", () => {
  it("filters by kind and group and lists the plenary archive", async () => {
    const coordinator = await createCoordinator();
    const c = await actor(coordinator);
    await scheduleMeeting(c, { kind: "plenary", audience: "community", titleEn: "Filter plenary", titleFr: "Plénière filtre", date: inDays(4), time: "12:00", timeZone: "UTC", durationMinutes: 60, callUrl: "" });
    await scheduleMeeting(c, { kind: "mel-checkin", audience: "leads-mel", titleEn: "Filter MEL", titleFr: "Point MEL filtre", date: inDays(4), time: "13:00", timeZone: "UTC", durationMinutes: 30, callUrl: "" });
    const browser = await signedIn(await createMember());
    const plenaries = await (await browser.get("/meetings?kind=plenary")).text();
    expect(plenaries).toContain("Filter plenary");
    expect(plenaries).not.toContain("Filter MEL");
    const mel = await (await browser.get("/meetings?kind=mel-checkin")).text();
    expect(mel).toContain("Filter MEL");
    const care = await (await browser.get("/meetings?group=rooting-care")).text();
    expect(care).not.toContain("Filter plenary");
    expect(plenaries).toContain("Plenary archive");
  });
});
