// The time-zone module: canonical names from CLDR (the runtime's own list has old aliases), the
// picker's choices, and wall clock ↔ instant maths across DST changes.
import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  endOfDayIn,
  formatOffset,
  matchesTimeZone,
  minutesOfDay,
  startOfDayIn,
  timeZoneChoices,
  timeZoneIds,
  toZonedInputs,
  wallClock,
  zonedToUtc,
  zoneOrUtc,
} from "~/infra/time-zones";

describe("canonical names", () => {
  it("maps old aliases, any case, to the current IANA name", () => {
    expect(canonicalTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("asia/katmandu")).toBe("Asia/Kathmandu");
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Asia/Saigon")).toBe("Asia/Ho_Chi_Minh");
    expect(canonicalTimeZone("America/Buenos_Aires")).toBe("America/Argentina/Buenos_Aires");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    expect(canonicalTimeZone(" Asia/Kathmandu ")).toBe("Asia/Kathmandu");
  });

  it("keeps current names and calls every spelling of UTC 'UTC'", () => {
    expect(canonicalTimeZone("Asia/Kathmandu")).toBe("Asia/Kathmandu");
    expect(canonicalTimeZone("America/Port-au-Prince")).toBe("America/Port-au-Prince");
    for (const name of ["UTC", "utc", "Etc/UTC", "Etc/Universal", "GMT", "Etc/GMT"]) expect(canonicalTimeZone(name), name).toBe("UTC");
  });

  it("refuses what is not a zone the runtime can use", () => {
    for (const name of ["", " ", "Nowhere/Special", "+05:00", "Etc/Unknown", "Factory", "../etc/passwd", "a".repeat(80), null, 42]) {
      expect(canonicalTimeZone(name), String(name)).toBeNull();
    }
    expect(zoneOrUtc(null)).toBe("UTC");
    expect(zoneOrUtc("Nowhere/Special")).toBe("UTC");
    expect(zoneOrUtc("Asia/Calcutta")).toBe("Asia/Kolkata");
  });

  it("lists canonical names only, each usable by the runtime", () => {
    const ids = timeZoneIds();
    expect(ids[0]).toBe("UTC");
    expect(ids).toEqual(expect.arrayContaining(["Asia/Kathmandu", "Asia/Kolkata", "Europe/Kyiv", "Africa/Nairobi", "America/Bogota"]));
    expect(ids).not.toEqual(expect.arrayContaining(["Asia/Katmandu"]));
    for (const old of ["Asia/Katmandu", "Asia/Calcutta", "Europe/Kiev", "Etc/UTC", "Etc/GMT+3"]) expect(ids).not.toContain(old);
    for (const id of ids) expect(canonicalTimeZone(id), id).toBe(id);
  });
});

describe("the picker's choices", () => {
  const now = new Date("2026-01-15T12:00:00Z");
  const all = (groups: ReturnType<typeof timeZoneChoices>) => groups.flatMap((group) => group.zones);

  it("labels places in the reader's language with their offset now, grouped by region and sorted", () => {
    const en = timeZoneChoices("en", { now });
    const fr = timeZoneChoices("fr", { now });
    expect(all(en).find((zone) => zone.id === "Asia/Kathmandu")).toMatchObject({ label: "Kathmandu, Nepal (UTC+05:45)", offset: "UTC+05:45" });
    expect(all(fr).find((zone) => zone.id === "Asia/Kathmandu")?.label).toBe("Kathmandu, Népal (UTC+05:45)");
    expect(all(fr).find((zone) => zone.id === "America/Port-au-Prince")?.label).toBe("Port-au-Prince, Haïti (UTC−05:00)");
    expect(all(en).find((zone) => zone.id === "Asia/Singapore")?.label).toBe("Singapore (UTC+08:00)");
    expect(en[0]).toMatchObject({ region: "utc", zones: [{ id: "UTC", label: "Coordinated Universal Time (UTC)" }] });
    expect(fr[0].zones[0].label).toBe("Temps universel coordonné (UTC)");
    expect(en.map((group) => group.region)).toEqual(expect.arrayContaining(["Africa", "America", "Asia", "Europe", "Pacific"]));
    const asia = en.find((group) => group.region === "Asia")!.zones.map((zone) => zone.label);
    expect(asia).toEqual([...asia].sort(new Intl.Collator("en").compare));
    expect(all(en).map((zone) => zone.id)).not.toContain("Asia/Calcutta");
  });

  it("follows daylight-saving time in the offsets it shows", () => {
    const winter = all(timeZoneChoices("en", { now })).find((zone) => zone.id === "Europe/Paris");
    const summer = all(timeZoneChoices("en", { now: new Date("2026-07-15T12:00:00Z") })).find((zone) => zone.id === "Europe/Paris");
    expect(winter?.offset).toBe("UTC+01:00");
    expect(summer?.offset).toBe("UTC+02:00");
  });

  it("always offers a stored zone, even one the list lacks", () => {
    expect(all(timeZoneChoices("en", { now, keep: "Etc/GMT-3" })).find((zone) => zone.id === "Etc/GMT-3")).toMatchObject({ label: "Etc/GMT-3 (UTC+03:00)" });
    // An alias is offered by its current name, once.
    const kolkata = all(timeZoneChoices("en", { now, keep: "Asia/Calcutta" })).filter((zone) => zone.id === "Asia/Kolkata");
    expect(kolkata).toHaveLength(1);
  });

  it("finds zones by city, country, old name, zone name or offset, case and accents aside", () => {
    const zones = all(timeZoneChoices("fr", { now }));
    const find = (query: string) => zones.filter((zone) => matchesTimeZone(zone, query)).map((zone) => zone.id);
    expect(find("katmandou népal")).toEqual([]);
    expect(find("nepal")).toEqual(["Asia/Kathmandu"]);
    expect(find("calcutta")).toEqual(["Asia/Kolkata"]);
    expect(find("KIEV")).toEqual(["Europe/Kyiv"]);
    expect(find("haiti")).toEqual(["America/Port-au-Prince"]);
    expect(find("utc+05:45")).toEqual(["Asia/Kathmandu"]);
    expect(find("GMT+05:45")).toEqual(["Asia/Kathmandu"]);
    expect(find("europe centrale")).toContain("Europe/Paris");
    expect(find("utc-05")).toContain("America/Bogota");
  });

  it("formats offsets with a true minus sign", () => {
    expect(formatOffset(345)).toBe("UTC+05:45");
    expect(formatOffset(-210)).toBe("UTC−03:30");
    expect(formatOffset(0)).toBe("UTC+00:00");
  });
});

describe("wall clock and instants", () => {
  it("reads the wall clock in zones with odd offsets", () => {
    const at = new Date("2026-03-10T12:00:00Z");
    expect(wallClock(at, "Asia/Kathmandu")).toEqual({ year: 2026, month: 3, day: 10, hour: 17, minute: 45 });
    expect(minutesOfDay(at, "Asia/Kolkata")).toBe(17 * 60 + 30);
    expect(toZonedInputs(at, "Pacific/Kiritimati")).toEqual({ date: "2026-03-11", time: "02:00" });
  });

  it("turns a wall-clock time into the instant, across a DST change", () => {
    expect(zonedToUtc("2026-10-20", "14:00", "Europe/Paris")?.toISOString()).toBe("2026-10-20T12:00:00.000Z");
    expect(zonedToUtc("2026-10-27", "14:00", "Europe/Paris")?.toISOString()).toBe("2026-10-27T13:00:00.000Z");
    expect(zonedToUtc("2026-03-10", "15:00", "Asia/Kathmandu")?.toISOString()).toBe("2026-03-10T09:15:00.000Z");
  });

  it("moves a time in the spring-forward gap on by the gap, and takes the first of two in the autumn overlap", () => {
    expect(zonedToUtc("2026-03-29", "02:30", "Europe/Paris")?.toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(zonedToUtc("2026-10-25", "02:30", "Europe/Paris")?.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST, not CET
    expect(zonedToUtc("2026-11-01", "01:30", "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z"); // EDT
    // Lord Howe moves by half an hour.
    expect(wallClock(zonedToUtc("2026-10-04", "02:15", "Australia/Lord_Howe")!, "Australia/Lord_Howe")).toMatchObject({ hour: 2, minute: 45 });
  });

  it("refuses impossible dates, times and zones", () => {
    expect(zonedToUtc("2026-02-30", "10:00", "UTC")).toBeNull();
    expect(zonedToUtc("2026-02-10", "25:00", "UTC")).toBeNull();
    expect(zonedToUtc("10/02/2026", "10:00", "UTC")).toBeNull();
    expect(zonedToUtc("2026-02-10", "10:00", "Nowhere/Special")).toBeNull();
    expect(endOfDayIn("2026-13-01", "UTC")).toBeNull();
  });

  it("finds where a day starts and ends in a zone", () => {
    expect(endOfDayIn("2026-05-03", "Asia/Kathmandu")?.toISOString()).toBe("2026-05-03T18:14:59.999Z");
    expect(endOfDayIn("2026-05-03", "America/Bogota")?.toISOString()).toBe("2026-05-04T04:59:59.999Z");
    expect(endOfDayIn("2026-05-03", "UTC")?.toISOString()).toBe("2026-05-03T23:59:59.999Z");
    // A 23-hour day: Paris springs forward on 29 March 2026.
    const start = startOfDayIn("2026-03-29", "Europe/Paris")!;
    const end = endOfDayIn("2026-03-29", "Europe/Paris")!;
    expect(end.getTime() + 1 - start.getTime()).toBe(23 * 3600_000);
    // Santiago's clocks jump from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00.
    expect(wallClock(startOfDayIn("2026-09-06", "America/Santiago")!, "America/Santiago")).toMatchObject({ day: 6, hour: 1, minute: 0 });
  });
});
