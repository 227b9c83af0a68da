// The invitation an accepted applicant receives is sealed to their private link.
import { describe, expect, it } from "vitest";
import { seal, sealKeyFor, unseal } from "./seal.server";

describe("sealing the invitation to the applicant's private link", () => {
  it("opens only with the token the key was derived from", () => {
    const sealed = seal(sealKeyFor("applicant-token-one"), "invitation-secret");
    expect(sealed).not.toContain("invitation-secret");
    expect(unseal("applicant-token-one", sealed)).toBe("invitation-secret");
    expect(unseal("applicant-token-two", sealed)).toBeNull();
    expect(unseal("applicant-token-one", "garbage")).toBeNull();
  });
});
