// Meeting times across the CoP's zones: wall clock ↔ UTC, DST, fairness and rotation.
import { describe, expect, it } from "vitest";
import { isAtNightIn, isFairIn, minutesOutsideDay, nightZones, seriesStarts, suggestFairTimes, unfairness, unfairZones, wallClock, zonedToUtc } from "~/domain/meeting-times";
import { formatDateTime } from "~/infra/time";

describe("zoned wall-clock times", () => {
  it("converts a Nairobi afternoon to UTC and shows it in Manila and Bogotá", () => {
    const start = zonedToUtc("2026-03-10", "15:00", "Africa/Nairobi")!;
    expect(start.toISOString()).toBe("2026-03-10T12:00:00.000Z");
    expect(formatDateTime(start, { locale: "en-GB", timeZone: "Asia/Manila" }, { hour: "2-digit", minute: "2-digit" })).toBe("20:00");
    expect(formatDateTime(start, { locale: "fr-FR", timeZone: "America/Bogota" }, { hour: "2-digit", minute: "2-digit" })).toBe("07:00");
  });

  it("keeps the organiser's wall-clock time across a daylight-saving change", () => {
    // Europe/Paris leaves summer time on 25 October 2026: 14:00 is 12:00 UTC before, 13:00 UTC after.
    const [before, after] = seriesStarts({ date: "2026-10-20", time: "14:00", zone: "Europe/Paris", repeat: "weekly", occurrences: 2 });
    expect(before.toISOString()).toBe("2026-10-20T12:00:00.000Z");
    expect(after.toISOString()).toBe("2026-10-27T13:00:00.000Z");
    // For a reader in Nairobi (no DST) the meeting moves by an hour, as it really does.
    expect(wallClock(before, "Africa/Nairobi").hour).toBe(15);
    expect(wallClock(after, "Africa/Nairobi").hour).toBe(16);
    // And in New York, which changes a week later, the gap shows up too.
    expect(formatDateTime(after, { locale: "en-GB", timeZone: "America/New_York" }, { hour: "2-digit", minute: "2-digit" })).toBe("09:00");
  });

  it("moves a time that does not exist (spring-forward gap) to the hour after", () => {
    const start = zonedToUtc("2026-03-29", "02:30", "Europe/Paris")!;
    expect(wallClock(start, "Europe/Paris")).toMatchObject({ hour: 3, minute: 30 });
  });

  it("refuses impossible dates", () => {
    expect(zonedToUtc("2026-02-30", "10:00", "UTC")).toBeNull();
    expect(zonedToUtc("2026-02-10", "25:00", "UTC")).toBeNull();
  });
});

describe("fair times", () => {
  const zones = [
    { zone: "Africa/Nairobi", people: 3 },
    { zone: "Asia/Manila", people: 2 },
    { zone: "America/Bogota", people: 2 },
  ];

  it("names the invitees for whom a time falls outside 08:00–21:00", () => {
    const start = new Date("2026-03-10T12:00:00Z"); // Nairobi 15:00, Manila 20:00, Bogotá 07:00
    const unfair = unfairZones(start, 90, zones);
    expect(unfair.map((z) => z.zone).sort()).toEqual(["America/Bogota", "Asia/Manila"]);
    expect(unfair.find((z) => z.zone === "America/Bogota")).toMatchObject({ localStart: "07:00", localEnd: "08:30", people: 2 });
    expect(isFairIn(start, 60, "Africa/Nairobi")).toBe(true);
  });

  it("suggests only times strictly fairer than the chosen one", () => {
    const start = new Date("2026-03-10T18:00:00Z"); // Nairobi 21:00, Manila 02:00: 5 people outside
    const before = unfairness(start, 60, zones);
    const suggestions = suggestFairTimes(start, 60, zones);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const at of suggestions) {
      const after = unfairness(at, 60, zones);
      expect(after.people < before.people || (after.people === before.people && after.minutes < before.minutes)).toBe(true);
    }
    // 12:00 UTC (only Bogotá, an hour early) is as fair as that day gets: nothing is offered.
    expect(suggestFairTimes(new Date("2026-03-10T12:00:00Z"), 60, zones)).toEqual([]);
  });

  it("rotates a series between slots so the same region is not always up late", () => {
    const starts = seriesStarts({ date: "2026-03-02", time: "15:00", zone: "Africa/Nairobi", repeat: "weekly", occurrences: 4, rotateTimes: ["15:00", "19:00"] });
    expect(starts.map((s) => wallClock(s, "Africa/Nairobi").hour)).toEqual([15, 19, 15, 19]);
    const bogotaEarly = starts.filter((s) => !isFairIn(s, 60, "America/Bogota")).length;
    const manilaLate = starts.filter((s) => !isFairIn(s, 60, "Asia/Manila")).length;
    expect(bogotaEarly).toBe(2);
    expect(manilaLate).toBe(2);
  });
});

describe("suggestions when no time suits everyone", () => {
  it("prefers less time outside when as many people are outside", () => {
    const zones = [{ zone: "America/Bogota", people: 2 }, { zone: "Asia/Manila", people: 1 }];
    // 21:00 UTC: Bogotá 16:00, Manila 05:00–06:00 (60 minutes outside). 00:00 UTC suits both.
    const suggestions = suggestFairTimes(new Date("2026-03-10T21:00:00Z"), 60, zones);
    expect(suggestions.map((d) => d.toISOString())).toContain("2026-03-10T00:00:00.000Z");
    for (const at of suggestions) expect(unfairness(at, 60, zones).minutes).toBeLessThan(60);
  });

  it("counts minutes outside the day, across midnight too", () => {
    expect(minutesOutsideDay(new Date("2026-03-10T12:00:00Z"), 60, "America/Bogota")).toBe(60);
    expect(minutesOutsideDay(new Date("2026-03-10T12:30:00Z"), 60, "America/Bogota")).toBe(30);
    expect(minutesOutsideDay(new Date("2026-03-10T12:00:00Z"), 60, "Asia/Manila")).toBe(0);
    // 23:30–00:30 in Nairobi: all of it.
    expect(minutesOutsideDay(new Date("2026-03-10T20:30:00Z"), 60, "Africa/Nairobi")).toBe(60);
  });

  it("says who a time is at night for (outside 07:00–22:00)", () => {
    const zones = [{ zone: "America/Bogota", people: 3 }, { zone: "Africa/Nairobi", people: 1 }];
    // 11:30 UTC: Bogotá 06:30 (night), Nairobi 14:30.
    expect(nightZones(new Date("2026-03-10T11:30:00Z"), 60, zones).map((z) => z.zone)).toEqual(["America/Bogota"]);
    // 12:00 UTC: Bogotá 07:00 — early, but not night.
    expect(nightZones(new Date("2026-03-10T12:00:00Z"), 60, zones)).toEqual([]);
  });
});

describe("isAtNightIn", () => {
  it("is the night rule nightZones uses: outside 07:00–22:00, the meeting's end included", () => {
    expect(isAtNightIn(new Date("2027-01-12T07:00:00Z"), 60, "America/Bogota")).toBe(true); // 02:00
    expect(isAtNightIn(new Date("2027-01-12T13:00:00Z"), 60, "Asia/Manila")).toBe(false); // 21:00–22:00
    expect(isAtNightIn(new Date("2027-01-12T13:30:00Z"), 60, "Asia/Manila")).toBe(true); // ends 22:30
  });
});
