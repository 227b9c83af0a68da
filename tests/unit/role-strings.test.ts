// Nothing outside the role × action table (app/domain/permissions.ts) and the policies
// (app/domain/policies/) decides by comparing role names: every other module asks a predicate
// or a policy, so that a rule changes in one place and every surface follows.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findRoleComparisons, findRoleComparisonsInSource, isRoleReader } from "../support/role-strings";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Findings that are not decisions about a person's role, each with why. Keep this short: a new
 * entry needs a reason a reviewer accepts, and most "exceptions" are a missing predicate.
 * Keyed by "file: text of the finding".
 */
const ALLOWED: Record<string, string> = {};

const findings = findRoleComparisons(ROOT);

describe("role names are read only by the permissions table and the policies", () => {
  it("finds no comparison of a role name elsewhere in app/, server/ or prisma/", () => {
    const offenders = findings
      .filter((finding) => !(`${finding.file}: ${finding.text}` in ALLOWED))
      .map((finding) => `${finding.file}:${finding.line} (${finding.kind}) ${finding.text}`);
    expect(offenders, "ask a predicate in app/domain/permissions.ts or a policy in app/domain/policies/ instead").toEqual([]);
  });

  it("keeps its allow-list to findings that still exist", () => {
    const current = new Set(findings.map((finding) => `${finding.file}: ${finding.text}`));
    expect(Object.keys(ALLOWED).filter((key) => !current.has(key))).toEqual([]);
  });

  it("exempts only the table and the policies", () => {
    expect(isRoleReader("app/domain/permissions.ts")).toBe(true);
    expect(isRoleReader("app/domain/policies/meetings.ts")).toBe(true);
    expect(isRoleReader("app/domain/permissions.test.ts")).toBe(false);
    expect(isRoleReader("app/domain/meetings.server.ts")).toBe(false);
  });
});

// The scanner itself, on snippets: what it must catch and what it must leave alone.
describe("the role-name scanner", () => {
  const kinds = (source: string, file = "app/example.ts") => findRoleComparisonsInSource(file, source).map((f) => `${f.line}:${f.kind}`);

  it("catches comparisons in either order, membership tests and switch cases", () => {
    expect(kinds(`if (m.role === "lead") {}`)).toEqual(["1:comparison"]);
    expect(kinds(`const a = "coordinator" !== actor.role;`)).toEqual(["1:comparison"]);
    expect(kinds(`const b = role == 'mel';`)).toEqual(["1:comparison"]);
    expect(kinds(`const c = ["mel", "coordinator"].includes(user.role);`)).toEqual(["1:membership test"]);
    expect(kinds(`const d = new Set(["lead"]).has(role);`)).toEqual(["1:membership test"]);
    expect(kinds(`switch (x.role) {\n  case "member": break;\n}`)).toEqual(["2:switch case"]);
    expect(kinds(`const e = <p>{m.role === "lead" ? "*" : ""}</p>;`, "app/example.tsx")).toEqual(["1:comparison"]);
  });

  it("catches Prisma filters on a role, however they are nested or kept", () => {
    expect(kinds(`db.user.findMany({ where: { role: "mel" } });`)).toEqual(["1:prisma filter"]);
    expect(kinds(`db.user.count({ where: { OR: [{ memberships: { some: { role: "lead" } } }] } });`)).toEqual(["1:prisma filter"]);
    expect(kinds(`const owners = { role: { in: ["mel", "coordinator"] } };`)).toEqual(["1:prisma filter"]);
    expect(kinds(`const m = { role: { not: "lead" } };`)).toEqual(["1:prisma filter"]);
    expect(kinds(`const where = { deactivatedAt: null, role: "coordinator" };`)).toEqual(["1:prisma filter"]);
    expect(kinds("db.$queryRawUnsafe(`SELECT id FROM \"User\" WHERE \"role\" = 'coordinator'`);")).toEqual(["1:sql"]);
  });

  it("leaves types and the creation of accounts, memberships and invitations alone", () => {
    expect(kinds(`type M = { role: "member" | "lead" };`)).toEqual([]);
    expect(kinds(`function f(role: "member" | "lead" | "none") {}`)).toEqual([]);
    expect(kinds(`await createUser({ username, role: "coordinator" });`)).toEqual([]);
    expect(kinds(`const account = { username: "mel", role: "mel", lead: false };`)).toEqual([]);
    expect(kinds(`db.user.create({ data: { id, role: "member", memberships: { create: [{ groupId, role: "lead" }] } } });`)).toEqual([]);
    expect(kinds(`db.membership.upsert({ where: { userId_groupId: { userId, groupId } }, create: { userId, groupId, role: "lead" }, update: { role: "lead" } });`)).toEqual([]);
    expect(kinds(`db.user.updateMany({ where: { id }, data: { role: "member" } });`)).toEqual([]);
    expect(kinds(`const invitation = await createInvitation(actor, { role: "member", groupId });`)).toEqual([]);
    expect(kinds(`const choice = account.lead ? "lead" : "member";`)).toEqual([]);
    expect(kinds(`export const COP_ROLES = ["member", "mel", "coordinator"] as const;`)).toEqual([]);
    expect(kinds(`const label = t("roles.coordinator"); const view = "coordinator" as const;`)).toEqual([]);
  });
});
