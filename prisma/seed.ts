// First-start data: the three working groups always; the demo community of CONTRACTS.md into
// an empty database (unless NODE_ENV=production without PRAXIS_DEMO=1).
import { createUser } from "../app/domain/accounts.server";
import { upsertGroup } from "../app/domain/groups.server";
import { seedDemoDiscussions } from "./demo-discussions";
import { db } from "../app/infra/db.server";
import { WORKING_GROUPS } from "./data/working-groups";
import { seedMelDemo } from "./seed-mel";
import { seedDemoLibrary } from "./seed-library";
import { seedDemoMeetings } from "./demo-meetings";
import { DEMO_CALL_TEXTS, seedCall } from "./demo/application-call";
import { seedDemoDocuments } from "./seed-documents";

export const DEMO_ACCOUNTS = [
  { username: "coordinator", displayName: "Amani (coordinator)", role: "coordinator", group: null, lead: false, timeZone: "Africa/Nairobi", locale: "en" },
  { username: "mel", displayName: "Ife (MEL)", role: "mel", group: null, lead: false, timeZone: "Africa/Lagos", locale: "en" },
  { username: "lead.care", displayName: "Kaya", role: "member", group: "rooting-care", lead: true, timeZone: "Asia/Manila", locale: "en" },
  { username: "lead.accountability", displayName: "Awa", role: "member", group: "practising-accountability", lead: true, timeZone: "Africa/Dakar", locale: "fr" },
  { username: "lead.collaboration", displayName: "Camilo", role: "member", group: "strengthening-collaboration", lead: true, timeZone: "America/Bogota", locale: "en" },
  { username: "member.care", displayName: "Nilo", role: "member", group: "rooting-care", lead: false, timeZone: "Asia/Kathmandu", locale: "en" },
  { username: "member.accountability", displayName: "Jo", role: "member", group: "practising-accountability", lead: false, timeZone: "Africa/Kinshasa", locale: "fr" },
  { username: "member.collaboration", displayName: "Sam", role: "member", group: "strengthening-collaboration", lead: false, timeZone: "America/Port-au-Prince", locale: "fr" },
] as const;

/** Creates any working group that is missing; never overwrites one a coordinator edited. */
export async function ensureWorkingGroups(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const definition of WORKING_GROUPS) {
    const existing = await db().workingGroup.findUnique({ where: { slug: definition.slug }, select: { id: true } });
    ids.set(definition.slug, existing?.id ?? (await upsertGroup(definition)).id);
  }
  return ids;
}

export async function seedDemoCommunity(password: string): Promise<void> {
  const groupIds = await ensureWorkingGroups();
  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const { id } = await createUser({
      username: account.username,
      displayName: account.displayName,
      password,
      role: account.role,
      locale: account.locale,
      timeZone: account.timeZone,
      memberships: account.group ? [{ groupId: groupIds.get(account.group)!, role: account.lead ? "lead" : "member" }] : [],
    });
    userIds.set(account.username, id);
  }
  await seedMelDemo(groupIds);
  await seedDemoDiscussions(groupIds);
  await seedDemoLibrary();
  await seedDemoMeetings(groupIds);
  // An open call (deadline eight weeks ahead); the MEL member and one lead sit on the committee.
  await seedCall(
    { ...DEMO_CALL_TEXTS, closesAt: new Date(Date.now() + 56 * 24 * 60 * 60 * 1000), retentionDays: 90 },
    userIds.get("coordinator")!,
    [userIds.get("mel")!, userIds.get("lead.accountability")!],
  );
  await seedDemoDocuments();
}

/** Run at every start. Returns whether the demo community was just created. */
export async function prepareDatabase(options: { demoAllowed: boolean; demoPassword: string }): Promise<{ seededDemo: boolean }> {
  await ensureWorkingGroups();
  if (!options.demoAllowed || (await db().user.count()) > 0) return { seededDemo: false };
  await seedDemoCommunity(options.demoPassword);
  return { seededDemo: true };
}
