// Test data through the same domain functions the app and the seed use. Missing parents
// (working groups) are created on demand.
import { randomBytes } from "node:crypto";
import { createUser } from "~/domain/accounts.server";
import type { Actor } from "~/domain/permissions";
import { db } from "~/infra/db.server";
import { ensureWorkingGroups } from "../prisma/seed";

export const TEST_PASSWORD = "correct horse battery staple";

export async function groupIdFor(slug: string): Promise<string> {
  const ids = await ensureWorkingGroups();
  const id = ids.get(slug);
  if (!id) throw new Error(`unknown working group ${slug}`);
  return id;
}

export interface TestMember {
  id: string;
  username: string;
  displayName: string;
  password: string;
}

/** A member; by default of the rooting-care group. `group: null` makes one without a group. */
export async function createMember(options: {
  group?: string | null;
  lead?: boolean;
  role?: "member" | "mel" | "coordinator";
  displayName?: string;
  locale?: string;
  timeZone?: string;
} = {}): Promise<TestMember> {
  const suffix = randomBytes(4).toString("hex");
  const username = `${options.role ?? (options.lead ? "lead" : "member")}.${suffix}`;
  const displayName = options.displayName ?? `Tester ${suffix}`;
  const group = options.group === undefined ? "rooting-care" : options.group;
  const memberships = group ? [{ groupId: await groupIdFor(group), role: options.lead ? ("lead" as const) : ("member" as const) }] : [];
  const { id } = await createUser({
    username,
    displayName,
    password: TEST_PASSWORD,
    role: options.role ?? "member",
    locale: options.locale ?? null,
    timeZone: options.timeZone ?? null,
    memberships,
  });
  return { id, username, displayName, password: TEST_PASSWORD };
}

export const createCoordinator = () => createMember({ role: "coordinator", group: null });
export const createMel = () => createMember({ role: "mel", group: null });

/** The member as the domain verbs see them (role and memberships read back from the database). */
export async function actorOf(member: Pick<TestMember, "id">): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

export { db };
