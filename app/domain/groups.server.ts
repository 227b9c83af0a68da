// Working groups: the three themes of the CoP, their members and leads.
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { isLeadMembership } from "./permissions";

export const GROUP_SLUGS = ["rooting-care", "practising-accountability", "strengthening-collaboration"] as const;

const groupSelect = {
  id: true,
  slug: true,
  nameEn: true,
  nameFr: true,
  summaryEn: true,
  summaryFr: true,
  whyEn: true,
  whyFr: true,
  questionsEn: true,
  questionsFr: true,
} as const;

type Person = { id: string; displayName: string };

/**
 * The leads and members of these groups with active accounts, by display name, in one
 * statement (Prisma's nested select took two: memberships, then their users).
 */
async function peopleOf(groupIds: string[]): Promise<Map<string, { leads: Person[]; members: Person[] }>> {
  const people = new Map(groupIds.map((id) => [id, { leads: [] as Person[], members: [] as Person[] }]));
  if (groupIds.length === 0) return people;
  const rows = await db().$queryRaw<Array<{ groupId: string; role: string; id: string; displayName: string }>>`
    SELECT m."groupId", m."role", u."id", u."displayName"
    FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."groupId" IN (${Prisma.join(groupIds)}) AND u."deactivatedAt" IS NULL
    ORDER BY u."displayName" ASC, u."id" ASC`;
  for (const row of rows) {
    const group = people.get(row.groupId)!;
    (isLeadMembership(row) ? group.leads : group.members).push({ id: row.id, displayName: row.displayName });
  }
  return people;
}

type GroupRow = Prisma.WorkingGroupGetPayload<{ select: typeof groupSelect }>;

/**
 * Groups are written only when Praxis is set up (the seed, the production set-up), never while
 * members browse, yet nearly every page asks for them. A process keeps their rows for a minute,
 * per database connection, so a set-up run by another process shows within that minute.
 */
const GROUP_ROWS_LIFETIME_MS = 60_000;
const keptGroupRows = new WeakMap<object, { rows: Promise<GroupRow[]>; until: number }>();

/** Every group's texts, in order: a handful of rows (see GROUP_ROWS_LIFETIME_MS). */
function groupRows(): Promise<GroupRow[]> {
  const client = db();
  const kept = keptGroupRows.get(client);
  if (kept && kept.until > Date.now()) return kept.rows;
  const rows = client.workingGroup.findMany({ select: groupSelect, orderBy: { position: "asc" } });
  keptGroupRows.set(client, { rows, until: Date.now() + GROUP_ROWS_LIFETIME_MS });
  // A failed read is not kept: the next page asks again.
  rows.catch(() => keptGroupRows.delete(client));
  return rows;
}

export async function listGroups() {
  const groups = await groupRows();
  const people = await peopleOf(groups.map((group) => group.id));
  return groups.map((group) => ({ ...group, ...people.get(group.id)! }));
}

export async function getGroupBySlug(slug: string) {
  const group = (await groupRows()).find((row) => row.slug === slug);
  return group ? { ...group, ...(await peopleOf([group.id])).get(group.id)! } : null;
}

/** Every group's id, slug and names, in order (from the same read as the groups' texts). */
export async function listGroupNames() {
  return (await groupRows()).map(({ id, slug, nameEn, nameFr }) => ({ id, slug, nameEn, nameFr }));
}

export interface GroupDefinition {
  slug: string;
  nameEn: string;
  nameFr: string;
  summaryEn: string;
  summaryFr: string;
  whyEn: string;
  whyFr: string;
  questionsEn: string;
  questionsFr: string;
  position: number;
}

/** Creates or refreshes a working group by slug (used by the seed and the production set-up). */
export async function upsertGroup(definition: GroupDefinition): Promise<{ id: string }> {
  const saved = await db().workingGroup.upsert({
    where: { slug: definition.slug },
    create: { id: newId(), ...definition },
    update: definition,
    select: { id: true },
  });
  keptGroupRows.delete(db());
  return saved;
}
