// Working groups: the three themes of the CoP, their members and leads.
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { sharedRead } from "~/infra/request-scope.server";
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
  memberships: {
    select: { role: true, user: { select: { id: true, displayName: true, deactivatedAt: true } } },
    orderBy: { user: { displayName: "asc" } },
  },
} as const;

function withPeople<T extends { memberships: Array<{ role: string; user: { id: string; displayName: string; deactivatedAt: Date | null } }> }>(group: T) {
  const active = group.memberships.filter((m) => !m.user.deactivatedAt);
  const { memberships: _all, ...rest } = group;
  return {
    ...rest,
    leads: active.filter((m) => isLeadMembership(m)).map((m) => ({ id: m.user.id, displayName: m.user.displayName })),
    members: active.filter((m) => !isLeadMembership(m)).map((m) => ({ id: m.user.id, displayName: m.user.displayName })),
  };
}

export async function listGroups() {
  const groups = await db().workingGroup.findMany({ select: groupSelect, orderBy: { position: "asc" } });
  return groups.map(withPeople);
}

export async function getGroupBySlug(slug: string) {
  const group = await db().workingGroup.findUnique({ where: { slug }, select: groupSelect });
  return group ? withPeople(group) : null;
}

/** Every group's id, slug and names, in order: read once per read-only request. */
export async function listGroupNames() {
  return sharedRead("group-names", () => db().workingGroup.findMany({ select: { id: true, slug: true, nameEn: true, nameFr: true }, orderBy: { position: "asc" } }));
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
  return db().workingGroup.upsert({
    where: { slug: definition.slug },
    create: { id: newId(), ...definition },
    update: definition,
    select: { id: true },
  });
}
