// Translation drift both ways, with real Yjs clients on a real server: a change in either
// language flags the matching sections of the other (named in the reader's language); a flag
// clears only when the flagged section changes, or when a reviewer says why no change is needed
// (kept in the history); "Reviewed" is reset by a later change; a blocked publish says what blocks
// it; minutes cannot be published before the meeting has started.
import { describe, expect, it } from "vitest";
import { scheduleMeeting } from "~/domain/meetings.server";
import { toZonedInputs } from "~/domain/meeting-times";
import { actorOf, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { eventually, openText } from "../support/meeting-texts";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

async function signedIn(member: TestMember) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

const inDays = (days: number) => toZonedInputs(new Date(Date.now() + days * 24 * 3600_000), "UTC").date;

async function meeting(lead: TestMember, days: number) {
  const groupId = await groupIdFor("rooting-care");
  const result = await scheduleMeeting(await actorOf(lead), {
    kind: "group", groupId, audience: "group", titleEn: "Drift", titleFr: "Dérive", date: inDays(days), time: "10:00",
    timeZone: "UTC", durationMinutes: 60, callUrl: "", repeat: "none", occurrences: 1, rotateTimes: [], acknowledgeNight: true,
  });
  if (!result.ok) throw new Error("schedule failed");
  return result.value.meetingIds[0];
}

const EN = (budget: string, welcome = "We met.") => [{ heading: "Welcome", paragraphs: [welcome] }, { heading: "Budget", paragraphs: [budget] }];
const FR = (budget: string, welcome = "Nous nous sommes réuni·es.") => [{ heading: "Accueil", paragraphs: [welcome] }, { heading: "Finances", paragraphs: [budget] }];

async function flags(meetingId: string, language: "en" | "fr") {
  const row = await db().meetingTextStatus.findUnique({ where: { meetingId_kind_language: { meetingId, kind: "minutes", language } } });
  return Object.keys(JSON.parse(row?.flags ?? "{}")).sort();
}

describe("translation drift", () => {
  it("flags both ways, clears only on a real change or a stated reason, and resets Reviewed", async () => {
    const lead = await createMember({ lead: true });
    const meetingId = await meeting(lead, -1);
    const browser = await signedIn(lead);
    const path = `/meetings/${meetingId}/minutes/edit`;
    const page = async (lng = "en") => (await browser.get(`${path}${lng === "fr" ? "" : ""}`)).text();
    const en = openText(praxis.url, `minutes.${meetingId}.en`, browser.cookieHeader);
    const fr = openText(praxis.url, `minutes.${meetingId}.fr`, browser.cookieHeader);
    await Promise.all([en.synced, fr.synced]);
    en.write(EN("We agreed the budget."));
    fr.write(FR("Nous avons adopté le budget."));
    await eventually(async () => expect(await page()).toContain("Nous avons adopté le budget."));
    expect((await browser.post(path, { intent: "status", language: "fr", status: "reviewed" })).status).toBe(200);
    expect(await flags(meetingId, "en")).toEqual([]);

    // A French edit after review: English is flagged at that section, French is no longer "Reviewed".
    fr.write(FR("Nous avons adopté le budget, avec une réserve."));
    await eventually(async () => {
      await page();
      expect(await flags(meetingId, "en")).toEqual(["s2"]);
    });
    const row = await db().meetingTextStatus.findUniqueOrThrow({ where: { meetingId_kind_language: { meetingId, kind: "minutes", language: "fr" } } });
    expect(row.status).toBe("translated");
    // Named in the reader's language: "Budget" for an English reader.
    const englishPage = await page();
    expect(englishPage).toContain("Needs update");
    expect(englishPage).toMatch(/<li>Budget</);

    // Choosing "Reviewed" again clears nothing.
    await browser.post(path, { intent: "status", language: "en", status: "reviewed" });
    expect(await flags(meetingId, "en")).toEqual(["s2"]);
    // A blocked publish says what blocks it.
    const blocked = await browser.post(path, { intent: "publish" });
    expect(blocked.status).toBe(409);
    const blockedHtml = await blocked.text();
    expect(blockedHtml).toContain("It cannot be published yet:");
    expect(blockedHtml).toContain("The English text needs updating (sections: Budget)");

    // English catches up in that section: the flag clears, and the answer does not flag French back.
    en.write(EN("We agreed the budget, with one reservation."));
    await eventually(async () => {
      await page();
      expect(await flags(meetingId, "en")).toEqual([]);
    });
    expect(await flags(meetingId, "fr")).toEqual([]);

    // An English edit elsewhere flags French "Accueil"; a reviewer says no change is needed.
    en.write(EN("We agreed the budget, with one reservation.", "We met, online."));
    await eventually(async () => {
      await page();
      expect(await flags(meetingId, "fr")).toEqual(["s1"]);
    });
    const noReason = await browser.post(path, { intent: "no-change", language: "fr", section: "s1", reason: " " });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why no change is needed.");
    expect(await flags(meetingId, "fr")).toEqual(["s1"]);
    expect((await browser.post(path, { intent: "no-change", language: "fr", section: "s1", reason: "Only the English wording was unclear." })).status).toBe(200);
    expect(await flags(meetingId, "fr")).toEqual([]);
    const history = await page();
    expect(history).toContain("Only the English wording was unclear.");
    expect(await db().auditEvent.count({ where: { objectId: meetingId, action: "minutes.noChangeNeeded" } })).toBe(1);

    // Nothing blocks now.
    const reader = await createMember();
    const readerBrowser = await signedIn(reader);
    const badge = async () => Number(/data-testid="notification-count"[^>]*>(\d+)</.exec(await (await readerBrowser.get("/library")).text())?.[1] ?? "-1");
    const before = await badge();
    expect((await browser.post(path, { intent: "publish" })).status).toBe(303);
    // Published minutes reach invitees through their notifications; the badge is right at each load.
    expect(await (await readerBrowser.get("/notifications")).text()).toContain("Minutes published: “Drift” (version 1)");
    expect(await badge()).toBe(before + 1);
    await readerBrowser.get(`/meetings/${meetingId}/minutes`);
    expect(await badge()).toBe(before);
    en.destroy();
    fr.destroy();
  });

  it("refuses to publish minutes before the meeting has started, and says so", async () => {
    const lead = await createMember({ lead: true });
    const meetingId = await meeting(lead, 2);
    const browser = await signedIn(lead);
    const path = `/meetings/${meetingId}/minutes/edit`;
    const en = openText(praxis.url, `minutes.${meetingId}.en`, browser.cookieHeader);
    const fr = openText(praxis.url, `minutes.${meetingId}.fr`, browser.cookieHeader);
    await Promise.all([en.synced, fr.synced]);
    en.write(EN("Planned."));
    fr.write(FR("Prévu."));
    await eventually(async () => expect(await (await browser.get(path)).text()).toContain("Prévu."));
    await browser.post(path, { intent: "status", language: "fr", status: "translated" });
    const refused = await browser.post(path, { intent: "publish" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("The minutes cannot be published before the meeting has started.");
    expect(await db().meetingTextVersion.count({ where: { meetingId } })).toBe(0);
    // The agenda may be published beforehand.
    const agendaPath = `/meetings/${meetingId}/agenda/edit`;
    const aen = openText(praxis.url, `agenda.${meetingId}.en`, browser.cookieHeader);
    const afr = openText(praxis.url, `agenda.${meetingId}.fr`, browser.cookieHeader);
    await Promise.all([aen.synced, afr.synced]);
    aen.write(EN("Items."));
    afr.write(FR("Points."));
    await eventually(async () => expect(await (await browser.get(agendaPath)).text()).toContain("Points."));
    await browser.post(agendaPath, { intent: "status", language: "fr", status: "translated" });
    expect((await browser.post(agendaPath, { intent: "publish" })).status).toBe(303);
    for (const client of [en, fr, aen, afr]) client.destroy();
  });
});
