// Who may do what: one table, read as role × action. Pure functions, shared by loaders,
// actions, the Socket.IO and Yjs servers, and the UI (to hide what a member cannot do).
//
// A member holds roles: "member" and/or "lead" in each working group they belong to (scoped to
// that group), "mel" and "coordinator" across the whole CoP. A cell says where the role grants
// the action: "all" (every object), "own" (objects of groups where the member holds that role),
// or "-" (never). Any role that grants it is enough.

export type Role = "member" | "lead" | "mel" | "coordinator";
export type Scope = "all" | "own" | "-";

export const ROLES: readonly Role[] = ["member", "lead", "mel", "coordinator"];

/** The rules. Keep the columns aligned: this table is the documentation. */
export const PERMISSIONS = {
  //                                member  lead   mel    coordinator
  "group.read":                   row("all", "all", "all", "all"),
  "group.post":                   row("own", "own", "-",   "all"),
  "group.moderate":               row("-",   "own", "-",   "all"),
  "community.read":               row("all", "all", "all", "all"),
  "community.post":               row("all", "all", "all", "all"),
  "community.moderate":           row("-",   "-",   "-",   "all"),
  "document.read":                row("all", "all", "all", "all"),
  "document.edit":                row("own", "own", "-",   "all"),
  "document.comment":             row("own", "own", "all", "all"),
  "learningQuestions.finalise":   row("-",   "own", "-",   "all"),
  "workplan.submit":              row("-",   "own", "-",   "all"),
  "workplan.review":              row("-",   "-",   "all", "all"),
  "meeting.schedule":             row("-",   "own", "all", "all"),
  // Decisions in a group's space (the community's follow community.post / community.moderate).
  "decision.propose":             row("own", "own", "-",   "all"),
  "decision.vote":                row("own", "own", "-",   "-"),
  "decision.lead":                row("-",   "own", "-",   "all"),
  "library.read":                 row("all", "all", "all", "all"),
  "library.add":                  row("all", "all", "all", "all"),
  "library.curate":               row("own", "own", "-",   "all"),
  "library.manageAny":            row("-",   "-",   "-",   "all"),
  "library.configure":            row("-",   "-",   "-",   "all"),
  "checkin.read":                 row("-",   "own", "all", "all"),
  "checkin.prepare":              row("-",   "own", "-",   "all"),
  "checkin.advise":               row("-",   "-",   "all", "all"),
  "checkin.comment":              row("-",   "own", "all", "all"),
  "followup.read":                row("own", "own", "all", "all"),
  "followup.complete":            row("-",   "own", "all", "all"),
  "budget.read":                  row("-",   "own", "all", "all"),
  "budget.spend":                 row("-",   "own", "-",   "all"),
  "budget.setCop":                row("-",   "-",   "-",   "all"),
  "honoraria.manage":             row("-",   "-",   "-",   "all"),
  "audit.read":                   row("-",   "own", "all", "all"),
  "mel.dashboard":                row("-",   "-",   "all", "all"),
  "invitation.create":            row("-",   "-",   "-",   "all"),
  "people.manage":                row("-",   "-",   "-",   "all"),
  "applications.manage":          row("-",   "-",   "-",   "all"),
  // Also granted, whatever the role, to members the coordinator appointed as reviewers
  // (ApplicationReviewer; see canReviewApplications in applications/reviewers.server.ts).
  "applications.review":          row("-",   "-",   "-",   "all"),
  // Publications: group members follow their group's drafts; leads propose and take down;
  // the coordinator approves (and MEL too when the CoP's settings require it).
  "publication.follow":           row("own", "own", "all", "all"),
  "publication.propose":          row("-",   "own", "-",   "all"),
  "publication.approve":          row("-",   "-",   "-",   "all"),
  "publication.approveMel":       row("-",   "-",   "all", "-"),
  "publication.unpublish":        row("-",   "own", "-",   "all"),
  "publication.configure":        row("-",   "-",   "-",   "all"),
} as const satisfies Record<string, Record<Role, Scope>>;

export type Action = keyof typeof PERMISSIONS;

function row(member: Scope, lead: Scope, mel: Scope, coordinator: Scope): Record<Role, Scope> {
  return { member, lead, mel, coordinator };
}

/** What the permission check needs to know about a person. */
export interface Actor {
  id: string;
  /** CoP-wide role: "member" | "mel" | "coordinator". */
  role: string;
  memberships: ReadonlyArray<{ groupId: string; role: string }>;
}

/** The object an action is about: a working group (by id), or the CoP as a whole. */
export type Target = { groupId: string } | "cop";

/** Roles the actor holds for this target: group roles count only for their own group. */
export function rolesFor(actor: Actor, target: Target): Array<{ role: Role; isOwn: boolean }> {
  const roles: Array<{ role: Role; isOwn: boolean }> = [];
  const groupId = target === "cop" ? null : target.groupId;
  for (const membership of actor.memberships) {
    const role: Role = membership.role === "lead" ? "lead" : "member";
    roles.push({ role, isOwn: membership.groupId === groupId });
    // A lead is a member of their group too.
    if (role === "lead") roles.push({ role: "member", isOwn: membership.groupId === groupId });
  }
  // Every signed-in person is at least a member of the CoP ("all" cells apply to them).
  if (actor.memberships.length === 0) roles.push({ role: "member", isOwn: false });
  if (actor.role === "mel") roles.push({ role: "mel", isOwn: true });
  if (actor.role === "coordinator") roles.push({ role: "coordinator", isOwn: true });
  return roles;
}

export function can(actor: Actor | null | undefined, action: Action, target: Target = "cop"): boolean {
  if (!actor) return false;
  const cells = PERMISSIONS[action];
  return rolesFor(actor, target).some(({ role, isOwn }) => {
    const scope = cells[role];
    return scope === "all" || (scope === "own" && isOwn);
  });
}

// --- Who holds which role: the only place that reads role names -------------------------------
// Policies (app/domain/policies/) and queries ask these instead of comparing role strings.

export function isCoordinator(actor: Actor): boolean {
  return actor.role === "coordinator";
}

export function isMel(actor: Actor): boolean {
  return actor.role === "mel";
}

export function isLeadOf(actor: Actor, groupId: string): boolean {
  return actor.memberships.some((m) => m.groupId === groupId && m.role === "lead");
}

export function isMemberOf(actor: Actor, groupId: string): boolean {
  return actor.memberships.some((m) => m.groupId === groupId);
}

/** Leads at least one working group. */
export function leadsAnyGroup(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === "lead");
}

/** The groups this person leads. */
export function ledGroupIds(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role === "lead").map((m) => m.groupId);
}

/** The groups this person belongs to (as member or lead). */
export function memberGroupIds(actor: Actor): string[] {
  return actor.memberships.map((m) => m.groupId);
}

/** Holds a CoP-wide role (MEL or coordinator): follows every group. */
export function hasCopWideRole(actor: Actor): boolean {
  return isMel(actor) || isCoordinator(actor);
}

/** Prisma `where` fragments on User for role-based audiences (e.g. meeting invitees). */
export const userWhere = {
  // Prisma wants a mutable list here.
  copWide: { role: { in: ["mel", "coordinator"] as string[] } },
  coordinators: { role: "coordinator" },
  leadOfAnyGroup: { memberships: { some: { role: "lead" } } },
  leadOf: (groupId: string) => ({ memberships: { some: { groupId, role: "lead" } } }),
  memberOf: (groupId: string) => ({ memberships: { some: { groupId } } }),
};

/** Prisma `where` fragments on Membership. */
export const membershipWhere = {
  lead: { role: "lead" },
  member: { role: { not: "lead" } },
} as const;

/** Whether a stored membership row makes its holder a lead. */
export function isLeadMembership(membership: { role: string }): boolean {
  return membership.role === "lead";
}

/** What an invitation's role becomes on the account (CoP-wide) and in its group. */
export function rolesForInvitation(role: string): { copRole: "member" | "mel" | "coordinator"; groupRole: "member" | "lead" } {
  return {
    copRole: role === "mel" || role === "coordinator" ? role : "member",
    groupRole: role === "lead" ? "lead" : "member",
  };
}

/** Whether an invitation's role needs a working group (members and leads belong to one). */
export function invitationNeedsGroup(role: string): boolean {
  return role === "member" || role === "lead";
}

// --- Principals: the audiences an object is shown to, and the ones a person belongs to --------
// Live fan-out sends an object to the Socket.IO rooms of its audience; each member's sockets join
// the rooms of their principals. A policy's `audience(object)` must name exactly the principals
// its `allow(actor, "read", object)` accepts: tests check the two agree for every role.

export type Principal = string;

export const principal = {
  /** Everyone signed in. */
  everyone: "everyone",
  user: (userId: string) => `user:${userId}`,
  membersOf: (groupId: string) => `members:${groupId}`,
  leadsOf: (groupId: string) => `leads:${groupId}`,
  mel: "role:mel",
  coordinators: "role:coordinator",
} as const;

export function principalsOf(actor: Actor): Principal[] {
  const out: Principal[] = [principal.everyone, principal.user(actor.id)];
  for (const membership of actor.memberships) {
    out.push(principal.membersOf(membership.groupId));
    if (isLeadMembership(membership)) out.push(principal.leadsOf(membership.groupId));
  }
  if (isMel(actor)) out.push(principal.mel);
  if (isCoordinator(actor)) out.push(principal.coordinators);
  return out;
}

/**
 * The principals the table grants an action to, for one group (or the CoP): the audience of
 * anything whose readers are exactly "whoever may do this action here".
 */
export function principalsFor(action: Action, target: Target = "cop"): Principal[] {
  const cells = PERMISSIONS[action];
  // Leads and every CoP-wide role are members too: "every member" covers them all.
  if (cells.member === "all") return [principal.everyone];
  const groupId = target === "cop" ? null : target.groupId;
  const out: Principal[] = [];
  if (cells.member === "own" && groupId) out.push(principal.membersOf(groupId));
  if (cells.lead === "all") throw new Error(`no principal names the leads of every group (${action})`);
  if (cells.lead === "own" && groupId && cells.member !== "own") out.push(principal.leadsOf(groupId));
  if (cells.mel !== "-") out.push(principal.mel);
  if (cells.coordinator !== "-") out.push(principal.coordinators);
  return out;
}

/** Whether the actor is in an audience. */
export function isInAudience(actor: Actor, audience: readonly Principal[]): boolean {
  const mine = new Set(principalsOf(actor));
  return audience.some((p) => mine.has(p));
}

/**
 * Prisma `where` on User: the active people in any of these principals — an audience turned into
 * the members a notice goes to (the same audiences live fan-out sends to).
 */
export function usersInAudience(audience: readonly Principal[]) {
  const of = (p: Principal, prefix: string) => (p.startsWith(prefix) ? p.slice(prefix.length) : null);
  const anyOf = audience.map((p) => {
    if (p === principal.everyone) return {};
    if (p === principal.mel) return { role: "mel" };
    if (p === principal.coordinators) return userWhere.coordinators;
    const userId = of(p, "user:");
    if (userId) return { id: userId };
    const membersOf = of(p, "members:");
    if (membersOf) return userWhere.memberOf(membersOf);
    const leadsOf = of(p, "leads:");
    if (leadsOf) return userWhere.leadOf(leadsOf);
    throw new Error(`unknown principal ${p}`);
  });
  // An empty OR matches nobody: an empty audience tells no one.
  return { deactivatedAt: null, OR: anyOf };
}
