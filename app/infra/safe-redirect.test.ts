import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeRedirectPath("/groups/rooting-care")).toBe("/groups/rooting-care");
    expect(safeRedirectPath("/library?q=care&page=2#top")).toBe("/library?q=care&page=2#top");
    expect(safeRedirectPath("/library?q=caf%C3%A9")).toBe("/library?q=caf%C3%A9");
  });

  it.each([
    ["//evil.example/"],
    ["/\\evil.example/"],
    ["/%09/evil.example"],
    ["/\t/evil.example"],
    ["/%0D/evil.example"],
    ["/%0A/evil.example"],
    ["/%2F%2Fevil.example"],
    ["/%2f/evil.example"],
    ["%2F%2Fevil.example"],
    ["/%5Cevil.example"],
    ["/%255C%255Cevil.example"],
    ["/%E0%A4%A"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    [" /groups"],
    [""],
    [null],
    [undefined],
  ])("falls back to / for %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });
});
