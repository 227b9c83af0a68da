import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Actor } from "./permissions";

const CARE = "group-care";
const ACCOUNTABILITY = "group-accountability";

const member: Actor = { id: "m", role: "member", memberships: [{ groupId: CARE, role: "member" }] };
const lead: Actor = { id: "l", role: "member", memberships: [{ groupId: CARE, role: "lead" }] };
const mel: Actor = { id: "e", role: "mel", memberships: [] };
const coordinator: Actor = { id: "c", role: "coordinator", memberships: [] };
const unaffiliated: Actor = { id: "u", role: "member", memberships: [] };

describe("the permission table", () => {
  it("gives every action a cell for every role", () => {
    for (const [action, cells] of Object.entries(PERMISSIONS)) {
      expect(Object.keys(cells).sort(), action).toEqual(["coordinator", "lead", "mel", "member"]);
    }
  });

  it("lets members post in their own group's space but not another's", () => {
    expect(can(member, "group.post", { groupId: CARE })).toBe(true);
    expect(can(member, "group.post", { groupId: ACCOUNTABILITY })).toBe(false);
    expect(can(member, "group.read", { groupId: ACCOUNTABILITY })).toBe(true);
  });

  it("lets leads moderate only their own group, and coordinators every group", () => {
    expect(can(lead, "group.moderate", { groupId: CARE })).toBe(true);
    expect(can(lead, "group.moderate", { groupId: ACCOUNTABILITY })).toBe(false);
    expect(can(member, "group.moderate", { groupId: CARE })).toBe(false);
    expect(can(coordinator, "group.moderate", { groupId: ACCOUNTABILITY })).toBe(true);
  });

  it("treats a lead as a member of their group too", () => {
    expect(can(lead, "document.edit", { groupId: CARE })).toBe(true);
    expect(can(lead, "document.edit", { groupId: ACCOUNTABILITY })).toBe(false);
  });

  it("lets MEL comment on every group's documents but not edit them", () => {
    expect(can(mel, "document.comment", { groupId: CARE })).toBe(true);
    expect(can(mel, "document.edit", { groupId: CARE })).toBe(false);
    expect(can(mel, "workplan.review", { groupId: CARE })).toBe(true);
  });

  it("keeps check-ins to the group's leads, MEL and coordinators", () => {
    expect(can(member, "checkin.read", { groupId: CARE })).toBe(false);
    expect(can(lead, "checkin.read", { groupId: CARE })).toBe(true);
    expect(can(lead, "checkin.read", { groupId: ACCOUNTABILITY })).toBe(false);
    expect(can(mel, "checkin.read", { groupId: ACCOUNTABILITY })).toBe(true);
  });

  it("reserves invitations and people management to coordinators", () => {
    for (const actor of [member, lead, mel, unaffiliated]) {
      expect(can(actor, "invitation.create")).toBe(false);
      expect(can(actor, "people.manage")).toBe(false);
    }
    expect(can(coordinator, "invitation.create")).toBe(true);
  });

  it("lets anyone signed in read and post in the community space, and nobody signed out", () => {
    expect(can(unaffiliated, "community.post")).toBe(true);
    expect(can(null, "community.read")).toBe(false);
  });
});
