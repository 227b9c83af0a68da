// First-start data: the three working groups always; the demo community (prisma/demo/) into an
// empty database (unless NODE_ENV=production without PRAXIS_DEMO=1).
import { upsertGroup } from "../app/domain/groups.server";
import { db } from "../app/infra/db.server";
import { WORKING_GROUPS } from "./data/working-groups";
import { seedDemoCommunity } from "./demo/index";

/** Creates any working group that is missing; never overwrites one a coordinator edited. */
export async function ensureWorkingGroups(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const definition of WORKING_GROUPS) {
    const existing = await db().workingGroup.findUnique({ where: { slug: definition.slug }, select: { id: true } });
    ids.set(definition.slug, existing?.id ?? (await upsertGroup(definition)).id);
  }
  return ids;
}

/** Run at every start. Returns whether the demo community was just created. */
export async function prepareDatabase(options: { demoAllowed: boolean; demoPassword: string }): Promise<{ seededDemo: boolean }> {
  const groupIds = await ensureWorkingGroups();
  if (!options.demoAllowed || (await db().user.count()) > 0) return { seededDemo: false };
  await seedDemoCommunity(options.demoPassword, groupIds);
  return { seededDemo: true };
}
