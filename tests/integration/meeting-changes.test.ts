// Changes reach people, against a real server and database: rescheduling tells every invitee
// (their list, the live badge over Socket.IO, mail under their settings with the old and new
// time in their zone and an iCalendar REQUEST with the next SEQUENCE) and resets their answer;
// cancelling asks to confirm (a plain-form step), tells everyone (METHOD:CANCEL) and can be
// undone for a day.
import { afterAll, describe, expect, it } from "vitest";
import { toZonedInputs } from "~/domain/meeting-times";
import { createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { connectedSocket, eventually, recordEvents } from "../support/realtime";
import { mailOutbox, type Mail } from "../support/mail-outbox";
import { usePraxis } from "../support/praxis";

const outbox = mailOutbox("meeting-changes");
const { mailsTo, mailTo } = outbox;
const mailEnv = outbox.env;
Object.assign(process.env, mailEnv);
const praxis = usePraxis({ env: mailEnv });
const sockets: Array<{ disconnect(): void }> = [];

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
  outbox.remove();
});
function calendarPart(mail: Mail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  return part ? part.content.toString("utf8") : "";
}

async function signedIn(member: TestMember) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function withMail(member: TestMember, includeContent: boolean) {
  const email = `${member.username}@example.org`;
  await db().notificationSetting.upsert({
    where: { userId: member.id },
    create: { userId: member.id, preferenceToken: `pref-${member.id}`, email, emailMode: "immediate", includeContent },
    update: { email, emailMode: "immediate", includeContent },
  });
  return email;
}

const inDays = (days: number) => toZonedInputs(new Date(Date.now() + days * 24 * 3600_000), "UTC").date;
const form = (values: Record<string, string>) => ({
  kind: "group", groupId: "", audience: "group", titleEn: "Care circle", titleFr: "Cercle de soin", date: inDays(7), time: "14:00",
  timeZone: "Africa/Nairobi", durationMinutes: "60", callUrl: "", repeat: "none", occurrences: "1", rotate1: "", rotate2: "", acknowledgeNight: "yes", intent: "save", ...values,
});

async function scheduled(lead: Browserless, values: Record<string, string>) {
  const response = await lead.post("/meetings/new", form(values));
  expect(response.status).toBe(303);
  return response.headers.get("location")!.match(/\/meetings\/([a-z0-9]+)/)![1];
}

describe("rescheduling", () => {
  it("tells every invitee, in their list, live and by mail in their zone, and resets their answer", async () => {
    const group = "strengthening-collaboration";
    const groupId = await groupIdFor(group);
    const lead = await createMember({ group, lead: true, timeZone: "Africa/Nairobi" });
    const manila = await createMember({ group, timeZone: "Asia/Manila", locale: "fr" });
    const quiet = await createMember({ group, timeZone: "America/Bogota" });
    const manilaMail = await withMail(manila, true);
    const quietMail = await withMail(quiet, false);
    const leadBrowser = await signedIn(lead);
    const manilaBrowser = await signedIn(manila);
    const meetingId = await scheduled(leadBrowser, { groupId, titleEn: "Moving circle", titleFr: "Cercle qui bouge", time: "10:00" });
    expect((await manilaBrowser.post(`/meetings/${meetingId}`, { intent: "rsvp", rsvp: "yes" })).status).toBe(200);

    const socket = await connectedSocket(praxis.url, manilaBrowser.sessionCookie);
    sockets.push(socket);
    const counts = recordEvents<{ unread: number }>(socket, "notification:count");

    const moved = await leadBrowser.post(`/meetings/${meetingId}/edit`, form({ groupId, titleEn: "Moving circle", titleFr: "Cercle qui bouge", time: "12:00" }));
    expect(moved.status).toBe(303);

    // The answer given for the old time no longer holds.
    const attendance = await db().meetingAttendance.findUnique({ where: { meetingId_userId: { meetingId, userId: manila.id } } });
    expect(attendance?.rsvp ?? null).toBeNull();
    // Live: the badge of the open page.
    await eventually(() => expect(counts.at(-1)?.unread).toBeGreaterThanOrEqual(1));

    // Their list, in French, with both times in Manila (10:00 Nairobi = 15:00 Manila; 12:00 = 17:00).
    const list = await (await manilaBrowser.get("/notifications")).text();
    expect(list).toContain("« Cercle qui bouge » a été déplacée");
    expect(list).toMatch(/Avant :.*15:00/s);
    expect(list).toMatch(/Désormais :.*17:00/s);
    // The meeting page says the answer is needed again, and reading it reads the notice.
    const page = await (await manilaBrowser.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain("Pas encore de réponse");
    await eventually(async () => expect(await db().notification.count({ where: { userId: manila.id, meetingId, readAt: null } })).toBe(0));
    // The badge of that very page already leaves the notice out (as the next page's does).
    const badgeOf = (html: string) => Number(/data-testid="notification-count"[^>]*>(\d+)</.exec(html)?.[1] ?? "-1");
    expect(badgeOf(page)).toBe(badgeOf(await (await manilaBrowser.get("/library")).text()));

    // Mail with content: old and new time in Manila, a REQUEST with the next SEQUENCE.
    const full = await mailTo(manilaMail, (mail) => /déplacée/.test(mail.subject ?? ""));
    expect(full.subject).toContain("Cercle qui bouge");
    expect(full.text).toMatch(/Avant : .*15:00/);
    expect(full.text).toMatch(/Désormais : .*17:00/);
    const ics = calendarPart(full);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("SEQUENCE:1");
    // Content-free by default: no title, no time, just a link.
    const plain = await mailTo(quietMail, (mail) => /moved/.test(mail.subject ?? ""));
    expect(plain.subject).not.toContain("Moving circle");
    expect(plain.text).not.toContain("Moving circle");
    expect(plain.text).toContain(`/meetings/${meetingId}`);
    // The one who moved it is not told of their own change.
    expect(await db().notification.count({ where: { userId: lead.id, meetingId } })).toBe(0);
  });

  it("changing only the title tells nobody and keeps answers", async () => {
    const groupId = await groupIdFor("rooting-care");
    const lead = await createMember({ lead: true });
    const member = await createMember();
    const leadBrowser = await signedIn(lead);
    const meetingId = await scheduled(leadBrowser, { groupId, titleEn: "Same time" });
    await (await signedIn(member)).post(`/meetings/${meetingId}`, { intent: "rsvp", rsvp: "maybe" });
    expect((await leadBrowser.post(`/meetings/${meetingId}/edit`, form({ groupId, titleEn: "Same time, new name" }))).status).toBe(303);
    expect((await db().meetingAttendance.findUniqueOrThrow({ where: { meetingId_userId: { meetingId, userId: member.id } } })).rsvp).toBe("maybe");
    expect(await db().notification.count({ where: { meetingId } })).toBe(0);
  });
});

describe("cancelling", () => {
  it("asks to confirm without JavaScript, tells everyone, and can be undone for a day", async () => {
    const group = "practising-accountability";
    const groupId = await groupIdFor(group);
    const lead = await createMember({ group, lead: true });
    const member = await createMember({ group });
    const memberMail = await withMail(member, true);
    const leadBrowser = await signedIn(lead);
    const memberBrowser = await signedIn(member);
    const meetingId = await scheduled(leadBrowser, { groupId, titleEn: "Called off", titleFr: "Annulée" });

    // First press: a confirmation step, nothing cancelled yet.
    const ask = await leadBrowser.post(`/meetings/${meetingId}`, { intent: "cancel" });
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain("Cancel this meeting?");
    expect(askHtml).toContain('name="confirm" value="yes"');
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).cancelledAt).toBeNull();
    // A member cannot even reach the step.
    expect((await memberBrowser.post(`/meetings/${meetingId}`, { intent: "cancel" })).status).toBe(403);

    const done = await leadBrowser.post(`/meetings/${meetingId}`, { intent: "cancel", confirm: "yes" });
    expect(done.status).toBe(200);
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).cancelledAt).not.toBeNull();
    expect(await (await memberBrowser.get("/notifications")).text()).toContain("“Called off” was cancelled");
    const cancelMail = await mailTo(memberMail, (mail) => /cancelled/.test(mail.subject ?? ""));
    expect(calendarPart(cancelMail)).toContain("METHOD:CANCEL");
    expect(calendarPart(cancelMail)).toContain("STATUS:CANCELLED");

    // Undo: back on, everyone told, calendars updated.
    const page = await (await leadBrowser.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain("Undo the cancellation");
    expect((await memberBrowser.post(`/meetings/${meetingId}`, { intent: "restore" })).status).toBe(403);
    expect((await leadBrowser.post(`/meetings/${meetingId}`, { intent: "restore" })).status).toBe(200);
    const restored = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(restored.cancelledAt).toBeNull();
    expect(await (await memberBrowser.get("/notifications")).text()).toContain("“Called off” is back on");
    const backMail = await mailTo(memberMail, (mail) => /back on/.test(mail.subject ?? ""));
    expect(calendarPart(backMail)).toContain("METHOD:REQUEST");
    expect(calendarPart(backMail)).toContain(`SEQUENCE:${restored.sequence}`);

    // After a day, a cancellation stays.
    await leadBrowser.post(`/meetings/${meetingId}`, { intent: "cancel", confirm: "yes" });
    await db().meeting.update({ where: { id: meetingId }, data: { cancelledAt: new Date(Date.now() - 25 * 3600_000) } });
    const late = await leadBrowser.post(`/meetings/${meetingId}`, { intent: "restore" });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("A cancellation can be undone for 24 hours only.");
  });
});

describe("what other pages show", () => {
  it("home shows only the latest version of each minutes", async () => {
    const groupId = await groupIdFor("rooting-care");
    const lead = await createMember({ lead: true });
    const member = await createMember();
    const meetingId = await scheduled(await signedIn(lead), { groupId, titleEn: "Versioned minutes", date: inDays(3) });
    for (const version of [1, 2]) {
      await db().meetingNotice.create({ data: { id: `n${version}-${meetingId}`, userId: member.id, meetingId, kind: "minutes", version, createdAt: new Date(Date.now() - (3 - version) * 1000) } });
    }
    const home = await (await signedIn(member)).get("/");
    const html = await home.text();
    expect(html).toContain("Minutes published: Versioned minutes (version 2)");
    expect(html).not.toContain("(version 1)");
  });

  it("counts a meeting as upcoming until its own end, on /meetings and the home page alike", async () => {
    const { listMeetings, upcomingMeetingsFor } = await import("~/domain/meetings.server");
    const { actorOf } = await import("../factories");
    const lead = await createMember({ lead: true });
    const groupId = await groupIdFor("rooting-care");
    const now = Date.now();
    const make = async (title: string, startedMinutesAgo: number, duration: number) => {
      const id = `m${Math.random().toString(36).slice(2, 12)}`;
      await db().meeting.create({ data: { id, kind: "group", groupId, titleEn: title, titleFr: title, startsAt: new Date(now - startedMinutesAgo * 60_000), durationMinutes: duration, organiserTimeZone: "UTC", audience: "group", createdById: lead.id } });
      return id;
    };
    const ended = await make("Ended short meeting", 40, 30);
    const running = await make("Running meeting", 10, 60);
    const actor = await actorOf(lead);
    const listed = await listMeetings(actor, { groupId });
    if (!listed.ok) throw new Error("refused");
    const upcomingIds = listed.value.upcoming.map((m) => m.id);
    const homeIds = (await upcomingMeetingsFor(actor, { take: 50 })).map((m) => m.id);
    expect(upcomingIds).toContain(running);
    expect(upcomingIds).not.toContain(ended);
    expect(listed.value.past.map((m) => m.id)).toContain(ended);
    expect(homeIds).toContain(running);
    expect(homeIds).not.toContain(ended);
  });

  it("offers a webcal: subscribe link and a copy button beside the feed address", async () => {
    const member = await createMember();
    const browser = await signedIn(member);
    const html = await (await browser.post("/meetings", { intent: "feed-create" })).text();
    const address = /id="feed-url"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="feed-url"/.exec(html)?.[1];
    expect(address).toMatch(/^http:\/\/.+\/calendar\/[a-z2-7]+\.ics$/);
    expect(html).toContain(`href="${address!.replace(/^http:/, "webcal:")}"`);
    expect(html).toMatch(/<button[^>]*data-copy-target="feed-url"[^>]*hidden/);
  });
});

describe("fair times cannot be skipped", () => {
  it("needs an acknowledgement naming who a time is at night for, on scheduling and on moving", async () => {
    const group = "strengthening-collaboration";
    const groupId = await groupIdFor(group);
    const lead = await createMember({ group, lead: true, timeZone: "Africa/Nairobi" });
    await createMember({ group, timeZone: "America/Bogota", displayName: "Night Owl Bogota" });
    const browser = await signedIn(lead);
    // 05:00 in Nairobi = 02:00 UTC: 21:00 the day before in Bogotá, 05:00 in Nairobi: night.
    const night = form({ groupId, time: "05:00", titleEn: "Dawn circle", acknowledgeNight: "" });
    const refused = await browser.post("/meetings/new", night);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("This time is at night for some invitees");
    expect(html).toMatch(/Nairobi: \d+ (person|people) \([^)]*\) would meet from 05:00 to 06:00, outside 07:00–22:00/);
    expect(html).toContain('name="acknowledgeNight"');
    expect(await db().meeting.count({ where: { titleEn: "Dawn circle" } })).toBe(0);
    // Acknowledged: scheduled.
    const meetingId = await scheduled(browser, { ...night, acknowledgeNight: "yes" });
    // Moving it to another night time asks again; a daytime move does not.
    const move = await browser.post(`/meetings/${meetingId}/edit`, form({ groupId, time: "06:30", titleEn: "Dawn circle", acknowledgeNight: "" }));
    expect(move.status).toBe(400);
    expect(await move.text()).toContain("Night Owl Bogota");
    expect((await browser.post(`/meetings/${meetingId}/edit`, form({ groupId, time: "16:00", titleEn: "Dawn circle", acknowledgeNight: "" }))).status).toBe(303);
  });

  it("offers only strictly fairer times", async () => {
    const coordinator = await createMember({ role: "coordinator", group: null, timeZone: "Africa/Nairobi" });
    const group = "rooting-care";
    const groupId = await groupIdFor(group);
    await createMember({ group, timeZone: "America/Bogota" });
    await createMember({ group, timeZone: "Asia/Manila" });
    const browser = await signedIn(coordinator);
    const { unfairness, zonedToUtc } = await import("~/domain/meeting-times");
    const { zoneGroups } = await import("~/domain/meetings.server");
    const { listInvitees } = await import("~/domain/meeting-rows.server");
    const date = inDays(9);
    const check = await browser.post("/meetings/new", form({ groupId, date, time: "21:00", intent: "check" }));
    const html = await check.text();
    const offered = [...html.matchAll(/value="use:([^"]+)"/g)].map((m) => new Date(m[1]));
    const people = [...(await listInvitees({ audience: "group", groupId })), { id: coordinator.id, timeZone: "Africa/Nairobi" }];
    const zones = zoneGroups(people);
    const before = unfairness(zonedToUtc(date, "21:00", "Africa/Nairobi")!, 60, zones);
    expect(offered.length).toBeGreaterThan(0);
    for (const at of offered) {
      const after = unfairness(at, 60, zones);
      expect(after.people < before.people || (after.people === before.people && after.minutes < before.minutes)).toBe(true);
    }
  });
});
