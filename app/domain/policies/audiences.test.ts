// A live notice goes to the rooms of an object's audience; each socket joins the rooms of its
// member's principals. So for every kind of person, being in the audience must mean exactly
// that the policy lets them read the object.
import { describe, expect, it } from "vitest";
import { can, isInAudience, principalsFor, PERMISSIONS, type Action, type Actor } from "../permissions";
import * as checkIns from "./checkins";
import * as documents from "./documents";

const CARE = "group-care";
const OTHER = "group-other";

const people: Record<string, Actor> = {
  member: { id: "m", role: "member", memberships: [{ groupId: CARE, role: "member" }] },
  lead: { id: "l", role: "member", memberships: [{ groupId: CARE, role: "lead" }] },
  otherMember: { id: "om", role: "member", memberships: [{ groupId: OTHER, role: "member" }] },
  otherLead: { id: "ol", role: "member", memberships: [{ groupId: OTHER, role: "lead" }] },
  unaffiliated: { id: "u", role: "member", memberships: [] },
  mel: { id: "e", role: "mel", memberships: [] },
  coordinator: { id: "c", role: "coordinator", memberships: [] },
};

describe("audiences name exactly the readers", () => {
  for (const kind of ["workplan", "learning-questions", "learning-outcome", "doc"] as const) {
    it(`of a group's ${kind}`, () => {
      const document = { kind, groupId: CARE };
      for (const [who, actor] of Object.entries(people)) {
        expect(isInAudience(actor, documents.audience(document)), who).toBe(documents.allow(actor, "read", document));
      }
    });
  }

  for (const status of ["draft", "submitted"]) {
    it(`of a ${status} check-in`, () => {
      const checkIn = { groupId: CARE, status };
      for (const [who, actor] of Object.entries(people)) {
        expect(isInAudience(actor, checkIns.audience(checkIn)), who).toBe(checkIns.allow(actor, "read", checkIn));
      }
    });
  }

  it("of every action the table grants through principals", () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      const cells = PERMISSIONS[action];
      if (cells.lead === "all" && cells.member !== "all") continue; // no principal names every group's leads
      const target = { groupId: CARE };
      const audience = principalsFor(action, target);
      for (const [who, actor] of Object.entries(people)) {
        expect(isInAudience(actor, audience), `${action} for ${who}`).toBe(can(actor, action, target));
      }
    }
  });
});

