// Live events go to the principals a policy's `audience(object)` names; pages ask its
// `allow(actor, "open" | "read", object)`. For the seven roles and every kind of object the two
// must name the same people, or a socket receives what the page refuses (or the reverse).
import { describe, expect, it } from "vitest";
import { can, isInAudience, PERMISSIONS, principalsFor, type Action, type Actor, type Principal } from "~/domain/permissions";
import { checkins, documents, library, spaces, threads } from "~/domain/policies";
import type { ResourceFacts } from "~/domain/policies/library";
import type { ThreadFacts } from "~/domain/policies/threads";

const A = "group-a";
const B = "group-b";

const ROLES = {
  anonymous: null,
  memberA: { id: "member-a", role: "member", memberships: [{ groupId: A, role: "member" }] },
  leadA: { id: "lead-a", role: "member", memberships: [{ groupId: A, role: "lead" }] },
  memberB: { id: "member-b", role: "member", memberships: [{ groupId: B, role: "member" }] },
  leadB: { id: "lead-b", role: "member", memberships: [{ groupId: B, role: "lead" }] },
  mel: { id: "mel", role: "mel", memberships: [] },
  coordinator: { id: "coordinator", role: "coordinator", memberships: [] },
} satisfies Record<string, Actor | null>;
type Who = keyof typeof ROLES;
const WHO = Object.keys(ROLES) as Who[];

/** Per role: whether `allow` accepts, and whether the audience reaches them (nobody reaches anonymous). */
function compare(audience: readonly Principal[], allow: (actor: Actor | null) => boolean) {
  const reached = Object.fromEntries(WHO.map((who) => [who, ROLES[who] ? isInAudience(ROLES[who], audience) : false]));
  const allowed = Object.fromEntries(WHO.map((who) => [who, allow(ROLES[who])]));
  return { reached, allowed };
}

const resources: Array<{ name: string; facts: ResourceFacts }> = [];
for (const visibility of ["community", "group", "sensitive"]) {
  for (const groupId of [A, B, null]) {
    for (const addedById of [...WHO.filter((who) => who !== "anonymous").map((who) => ROLES[who]!.id), "someone-else"]) {
      resources.push({ name: `${visibility} of ${groupId ?? "no group"} added by ${addedById}`, facts: { visibility, groupId, addedById } });
    }
  }
}

const spaceThreads: Array<{ name: string; facts: ThreadFacts }> = [A, B, null].flatMap((groupId) => [
  { name: `thread in ${groupId ?? "the community"}`, facts: { groupId, subjectType: null } },
  { name: `locked thread in ${groupId ?? "the community"}`, facts: { groupId, subjectType: null, lockedAt: new Date() } },
  { name: `hidden thread in ${groupId ?? "the community"}`, facts: { groupId, subjectType: null, hiddenAt: new Date() } },
]);
const reflectionThreads: Array<{ name: string; facts: ThreadFacts }> = resources.flatMap(({ name, facts }) => [
  { name: `reflections on ${name}`, facts: { groupId: facts.visibility === "community" ? null : facts.groupId, subjectType: threads.SUBJECT_RESOURCE, subject: facts } },
  { name: `hidden reflections on ${name}`, facts: { groupId: facts.visibility === "community" ? null : facts.groupId, subjectType: threads.SUBJECT_RESOURCE, subject: facts, hiddenAt: new Date() } },
]);
const orphanThreads: Array<{ name: string; facts: ThreadFacts }> = [
  { name: "reflections on a resource that is gone", facts: { groupId: A, subjectType: threads.SUBJECT_RESOURCE, subject: null } },
  { name: "a thread about an unknown kind of subject", facts: { groupId: A, subjectType: "something-else" } },
];
const allThreads = [...spaceThreads, ...reflectionThreads, ...orphanThreads];

describe("library resources", () => {
  it.each(resources)("$name: the audience is exactly who may open it", ({ facts }) => {
    const { reached, allowed } = compare(library.audience(facts), (actor) => library.allow(actor, "open", facts));
    expect(reached).toEqual(allowed);
  });
});

describe("spaces", () => {
  it.each([A, B, null])("space %s: the audience is exactly who may read it", (groupId) => {
    const { reached, allowed } = compare(spaces.audience({ groupId }), (actor) => spaces.allow(actor, "read", { groupId }));
    expect(reached).toEqual(allowed);
  });
});

describe("threads", () => {
  it.each(allThreads.filter((t) => !t.facts.hiddenAt))("$name: live events reach exactly who may read it", ({ facts }) => {
    const audience = threads.audience(facts);
    // A space thread goes to its space's room, which is the space's audience.
    const principals = audience === "space" ? spaces.audience({ groupId: facts.groupId }) : audience;
    const { reached, allowed } = compare(principals, (actor) => threads.allow(actor, "read", facts));
    expect(reached).toEqual(allowed);
  });

  it.each(allThreads.filter((t) => t.facts.hiddenAt))("$name: reaches nobody live, though its moderators may still read it", ({ facts }) => {
    expect(threads.audience(facts)).toEqual([]);
    expect(WHO.filter((who) => threads.allow(ROLES[who], "read", facts))).toEqual(WHO.filter((who) => threads.allow(ROLES[who], "moderate", facts)));
  });

  it.each(allThreads)("$name: its moderators' audience is exactly who may moderate it", ({ facts }) => {
    const { reached, allowed } = compare(threads.moderatorsAudience(facts), (actor) => threads.allow(actor, "moderate", facts));
    expect(reached).toEqual(allowed);
  });
});

describe("group documents", () => {
  it.each(["workplan", "learning-questions", "learning-outcome", "doc"] as const)("%s: the audience is exactly who may read it", (kind) => {
    const facts = { kind, groupId: A };
    const { reached, allowed } = compare(documents.audience(facts), (actor) => documents.allow(actor, "read", facts));
    expect(reached).toEqual(allowed);
  });
});

describe("check-ins", () => {
  it.each(["draft", "submitted"])("a %s check-in: the audience is exactly who may read it", (status) => {
    const facts = { groupId: A, status };
    const { reached, allowed } = compare(checkins.audience(facts), (actor) => checkins.allow(actor, "read", facts));
    expect(reached).toEqual(allowed);
  });
});

describe("the table's principals", () => {
  // Leads of every group have no principal; principalsFor refuses such a row.
  const actions = (Object.keys(PERMISSIONS) as Action[]).filter((action) => PERMISSIONS[action].lead !== "all" || PERMISSIONS[action].member === "all");
  it.each(actions)("%s in group A reaches exactly who may do it there", (action) => {
    const { reached, allowed } = compare(principalsFor(action, { groupId: A }), (actor) => can(actor, action, { groupId: A }));
    expect(reached).toEqual(allowed);
  });
});

describe("the roles themselves", () => {
  it("make both answers occur: somebody is reached and somebody is not, for each kind of object", () => {
    const outcomes = (audiences: Principal[][]) => new Set(audiences.flatMap((audience) => WHO.map((who) => (ROLES[who] ? isInAudience(ROLES[who], audience) : false))));
    expect(outcomes(resources.map((r) => library.audience(r.facts)))).toEqual(new Set([true, false]));
    expect(outcomes(reflectionThreads.filter((t) => !t.facts.hiddenAt).map((t) => threads.audience(t.facts) as Principal[]))).toEqual(new Set([true, false]));
    expect(outcomes(allThreads.map((t) => threads.moderatorsAudience(t.facts)))).toEqual(new Set([true, false]));
    expect(outcomes([checkins.audience({ groupId: A, status: "submitted" })])).toEqual(new Set([true, false]));
  });
});
