// Time zones end to end: the settings picker keeps and shows a member's canonical zone (this
// runtime's own zone list has only old aliases), aliases are stored by their current name,
// rest mode ends at the end of the chosen day in the member's zone, and meeting times follow a
// DST change for readers elsewhere.
import { describe, expect, it } from "vitest";
import { endOfDayIn, toZonedInputs } from "~/infra/time-zones";
import { createCoordinator, createMember, db, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

async function signedIn(member: TestMember, language = "en") {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  await browser.get(`/?lng=${language}`);
  return browser;
}

const decode = (html: string) => html.replace(/<!-- -->/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** The options of a <select>, and what a browser without JavaScript would send for it. */
function selectIn(html: string, name: string) {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!select) throw new Error(`no <select name="${name}"> on the page`);
  const options = [...select[1].matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((match) => ({
    value: /value="([^"]*)"/.exec(match[1])?.[1] ?? "",
    selected: /\bselected\b/.test(match[1]),
    label: decode(match[2]),
  }));
  // With nothing marked selected, a browser sends the first option: how zones were lost.
  const sent = options.find((option) => option.selected) ?? options[0];
  return { options, sent, groups: [...select[1].matchAll(/<optgroup label="([^"]*)"/g)].map((match) => decode(match[1])) };
}

async function storedZone(member: TestMember) {
  return (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { timeZone: true } })).timeZone;
}

describe("the zone picker in settings", () => {
  it("shows a member stored as Asia/Kathmandu their zone, and saving another setting keeps it", async () => {
    const member = await createMember({ timeZone: "Asia/Kathmandu", displayName: "Nilo" });
    const browser = await signedIn(member);
    const page = await (await browser.get("/settings")).text();
    const zone = selectIn(page, "timeZone");
    expect(zone.sent).toMatchObject({ value: "Asia/Kathmandu", selected: true, label: "Kathmandu, Nepal (UTC+05:45)" });
    // Current names only, grouped by region, translated with their offset.
    const values = zone.options.map((option) => option.value);
    expect(values).toEqual(expect.arrayContaining(["UTC", "Asia/Kolkata", "Europe/Kyiv", "Africa/Nairobi"]));
    for (const old of ["Asia/Katmandu", "Asia/Calcutta", "Europe/Kiev"]) expect(values).not.toContain(old);
    expect(zone.groups).toEqual(expect.arrayContaining(["Africa", "Americas", "Asia", "Europe", "Pacific Ocean"]));

    // The profile form as a browser sends it: a new name, the zone as the page selected it.
    const saved = await browser.post("/settings", { intent: "profile", displayName: "Nilo K.", locale: "en", timeZone: zone.sent.value });
    expect(saved.status).toBe(200);
    expect(await storedZone(member)).toBe("Asia/Kathmandu");
    expect(await browser.post("/settings", { intent: "notifications", email: "", emailMode: "daily", quietStart: "22:00", quietEnd: "07:00" })).toHaveProperty("status", 200);
    expect(await storedZone(member)).toBe("Asia/Kathmandu");
    expect(selectIn(await (await browser.get("/settings")).text(), "timeZone").sent.value).toBe("Asia/Kathmandu");
  });

  it("labels zones in French for a French reader", async () => {
    const member = await createMember({ timeZone: "America/Port-au-Prince", locale: "fr" });
    const browser = await signedIn(member, "fr");
    const zone = selectIn(await (await browser.get("/settings")).text(), "timeZone");
    expect(zone.sent.value).toBe("America/Port-au-Prince");
    expect(zone.sent.label).toMatch(/^Port-au-Prince, Haïti \(UTC−0[45]:00\)$/);
    expect(zone.options.find((option) => option.value === "UTC")?.label).toBe("Temps universel coordonné (UTC)");
    expect(zone.groups).toEqual(expect.arrayContaining(["Afrique", "Amériques", "Océan Pacifique"]));
  });

  it("shows a row stored under an old alias by its current name, and a zone the list lacks as it is", async () => {
    const legacy = await createMember();
    await db().user.update({ where: { id: legacy.id }, data: { timeZone: "Asia/Katmandu" } });
    const legacyBrowser = await signedIn(legacy);
    const legacyZone = selectIn(await (await legacyBrowser.get("/settings")).text(), "timeZone");
    expect(legacyZone.sent.value).toBe("Asia/Kathmandu");
    await legacyBrowser.post("/settings", { intent: "profile", displayName: legacy.displayName, locale: "en", timeZone: legacyZone.sent.value });
    expect(await storedZone(legacy)).toBe("Asia/Kathmandu");

    const offset = await createMember({ timeZone: "Etc/GMT-3" });
    const offsetBrowser = await signedIn(offset);
    const offsetZone = selectIn(await (await offsetBrowser.get("/settings")).text(), "timeZone");
    expect(offsetZone.sent).toMatchObject({ value: "Etc/GMT-3", selected: true, label: "Etc/GMT-3 (UTC+03:00)" });
    await offsetBrowser.post("/settings", { intent: "profile", displayName: "Renamed", locale: "en", timeZone: offsetZone.sent.value });
    expect(await storedZone(offset)).toBe("Etc/GMT-3");
  });

  it("stores an alias by its current name and refuses a zone that does not exist, in the reader's language", async () => {
    const member = await createMember({ timeZone: "UTC" });
    const browser = await signedIn(member);
    expect((await browser.post("/settings", { intent: "profile", displayName: member.displayName, locale: "en", timeZone: "Asia/Calcutta" })).status).toBe(200);
    expect(await storedZone(member)).toBe("Asia/Kolkata");
    expect(selectIn(await (await browser.get("/settings")).text(), "timeZone").sent.value).toBe("Asia/Kolkata");

    const refused = await browser.post("/settings", { intent: "profile", displayName: member.displayName, locale: "en", timeZone: "Mars/Olympus_Mons" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a time zone from the list.");
    expect(await storedZone(member)).toBe("Asia/Kolkata");
    const frenchMember = await createMember({ timeZone: "Africa/Kinshasa", locale: "fr" });
    const french = await (await signedIn(frenchMember, "fr")).post("/settings", { intent: "profile", displayName: frenchMember.displayName, locale: "fr", timeZone: "+05:00" });
    expect(french.status).toBe(400);
    expect(decode(await french.text())).toContain("Choisissez un fuseau horaire dans la liste.");
    expect(await storedZone(frenchMember)).toBe("Africa/Kinshasa");
  });

  it("remembers the zone a browser reports at sign-in by its current name", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    expect((await browser.post("/login", { username: member.username, password: member.password, timeZone: "Europe/Kiev" })).status).toBe(303);
    expect(await storedZone(member)).toBe("Europe/Kyiv");
  });
});

describe("rest mode", () => {
  it("rests until the end of the chosen day in the member's own zone", async () => {
    for (const zone of ["Asia/Kathmandu", "America/Bogota"]) {
      const member = await createMember({ timeZone: zone });
      const browser = await signedIn(member);
      const until = toZonedInputs(new Date(Date.now() + 7 * 24 * 3600_000), zone).date;
      expect((await browser.post("/settings", { intent: "rest", restUntil: until })).status).toBe(200);
      const row = await db().notificationSetting.findUniqueOrThrow({ where: { userId: member.id } });
      expect(row.restUntil?.toISOString(), zone).toBe(endOfDayIn(until, zone)!.toISOString());
      // 23:59:59.999 on that day where the member lives, not 23:59 UTC.
      expect(toZonedInputs(row.restUntil!, zone)).toEqual({ date: until, time: "23:59" });
      expect(toZonedInputs(new Date(row.restUntil!.getTime() + 1), zone)).toEqual({ date: toZonedInputs(new Date(Date.now() + 8 * 24 * 3600_000), zone).date, time: "00:00" });
      // The page names the day they chose (in Kathmandu, 23:59 UTC would already be the next day).
      const [year, month, day] = until.split("-").map(Number);
      const shown = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
      expect(decode(await (await browser.get("/settings")).text())).toMatch(new RegExp(`You are resting until <time[^>]*>${shown}</time>`));
    }
  });

  it("accepts today, which has not ended where the member lives, and refuses yesterday", async () => {
    const member = await createMember({ timeZone: "Pacific/Kiritimati" });
    const browser = await signedIn(member);
    const today = toZonedInputs(new Date(), "Pacific/Kiritimati").date;
    const yesterday = toZonedInputs(new Date(Date.now() - 24 * 3600_000), "Pacific/Kiritimati").date;
    const refused = await browser.post("/settings", { intent: "rest", restUntil: yesterday });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a date in the future.");
    expect((await browser.post("/settings", { intent: "rest", restUntil: today })).status).toBe(200);
    const row = await db().notificationSetting.findUniqueOrThrow({ where: { userId: member.id } });
    expect(row.restUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(toZonedInputs(row.restUntil!, "Pacific/Kiritimati")).toEqual({ date: today, time: "23:59" });
  });
});

describe("meeting times", () => {
  it("schedules in the organiser's zone by its current name and follows its DST change for readers elsewhere", async () => {
    const coordinator = await createCoordinator();
    const organiser = await signedIn(coordinator);
    const form = {
      kind: "plenary", groupId: "", audience: "community", titleEn: "Kyiv plenary", titleFr: "Plénière de Kyiv",
      date: "2026-10-20", time: "14:00", timeZone: "Europe/Kiev", durationMinutes: "60", callUrl: "",
      repeat: "weekly", occurrences: "2", rotate1: "", rotate2: "", acknowledgeNight: "yes", intent: "save",
    };
    const refused = await organiser.post("/meetings/new", { ...form, timeZone: "Europe/Atlantis" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a time zone from the list.");

    expect((await organiser.post("/meetings/new", form)).status).toBe(303);
    const meetings = await db().meeting.findMany({ where: { titleEn: "Kyiv plenary" }, orderBy: { startsAt: "asc" } });
    // Kyiv leaves summer time on 25 October: 14:00 is 11:00 UTC before and 12:00 UTC after.
    expect(meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual(["2026-10-20T11:00:00.000Z", "2026-10-27T12:00:00.000Z"]);
    expect(meetings.map((meeting) => meeting.organiserTimeZone)).toEqual(["Europe/Kyiv", "Europe/Kyiv"]);

    // Kathmandu keeps its clock, so the meeting moves an hour later there.
    const reader = await signedIn(await createMember({ timeZone: "Asia/Kathmandu" }));
    const before = decode(await (await reader.get(`/meetings/${meetings[0].id}`)).text());
    const after = decode(await (await reader.get(`/meetings/${meetings[1].id}`)).text());
    expect(before).toContain("Tuesday, 20 October 2026 at 16:45");
    expect(after).toContain("Tuesday, 27 October 2026 at 17:45");
    expect(before).toContain("your time, Kathmandu");

    // The change form shows the organiser's zone selected, so saving it keeps the zone.
    const edit = await (await organiser.get(`/meetings/${meetings[1].id}/edit`)).text();
    const zone = selectIn(edit, "timeZone");
    expect(zone.sent).toMatchObject({ value: "Europe/Kyiv", selected: true });
    expect(zone.sent.label).toMatch(/^Kyiv, Ukraine \(UTC\+0[23]:00\)$/);
    expect(edit).toMatch(/<input[^>]*name="time"[^>]*value="14:00"/);
  });
});
