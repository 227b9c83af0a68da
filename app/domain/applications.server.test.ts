// Pure parts of applications: zoned interview times and the invitation seal.
import { describe, expect, it } from "vitest";
import { seal, sealKeyFor, unseal } from "~/infra/seal.server";
import { zonedTimeToUtc } from "./applications.server";

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

describe("sealing the invitation to the applicant's private link", () => {
  it("opens only with the token the key was derived from", () => {
    const sealed = seal(sealKeyFor("applicant-token-one"), "invitation-secret");
    expect(sealed).not.toContain("invitation-secret");
    expect(unseal("applicant-token-one", sealed)).toBe("invitation-secret");
    expect(unseal("applicant-token-two", sealed)).toBeNull();
    expect(unseal("applicant-token-one", "garbage")).toBeNull();
  });
});
