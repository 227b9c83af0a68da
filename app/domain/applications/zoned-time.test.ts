// Interview times typed in the organiser's zone, stored as UTC.
import { describe, expect, it } from "vitest";
import { zonedTimeToUtc } from "./zoned-time";

describe("zonedTimeToUtc", () => {
  it("reads a wall-clock time in the organiser's zone", () => {
    expect(zonedTimeToUtc("2027-01-15T14:00", "Africa/Nairobi")?.toISOString()).toBe("2027-01-15T11:00:00.000Z");
    expect(zonedTimeToUtc("2027-01-15T14:00", "Asia/Kathmandu")?.toISOString()).toBe("2027-01-15T08:15:00.000Z");
    expect(zonedTimeToUtc("2027-07-15T09:30", "America/Bogota")?.toISOString()).toBe("2027-07-15T14:30:00.000Z");
  });

  it("follows daylight saving time", () => {
    expect(zonedTimeToUtc("2027-01-15T12:00", "Europe/Paris")?.toISOString()).toBe("2027-01-15T11:00:00.000Z");
    expect(zonedTimeToUtc("2027-07-15T12:00", "Europe/Paris")?.toISOString()).toBe("2027-07-15T10:00:00.000Z");
  });

  it("refuses nonsense", () => {
    expect(zonedTimeToUtc("tomorrow", "UTC")).toBeNull();
    expect(zonedTimeToUtc("2027-01-15T12:00", "Mars/Olympus")).toBeNull();
  });
});
