// First-start data: the three working groups always; the demo community (prisma/demo/) into an
// empty database (unless NODE_ENV=production without PRAXIS_DEMO=1).
import { upsertGroup } from "../app/domain/groups.server";
import { db } from "../app/infra/db.server";
import { WORKING_GROUPS } from "./data/working-groups";

/** Creates any working group that is missing; never overwrites one a coordinator edited. */
export async function ensureWorkingGroups(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const definition of WORKING_GROUPS) {
    const existing = await db().workingGroup.findUnique({ where: { slug: definition.slug }, select: { id: true } });
    ids.set(definition.slug, existing?.id ?? (await upsertGroup(definition)).id);
  }
  return ids;
}

/** Run at every start: the working groups. Returns whether the demo community should be seeded
 *  now (allowed, and no account exists yet). */
export async function prepareDatabase(options: { demoAllowed: boolean }): Promise<{ demoNeeded: boolean }> {
  await ensureWorkingGroups();
  return { demoNeeded: options.demoAllowed && (await db().user.count()) === 0 };
}

/** Seeds the demo community into a database without accounts. The seed (and pdf-lib, which
 *  writes its PDFs) is loaded only here, so a server that does not seed never holds it. */
export async function seedDemo(password: string): Promise<void> {
  const groupIds = await ensureWorkingGroups();
  const { seedDemoCommunity } = await import("./demo/index");
  await seedDemoCommunity(password, groupIds);
}
