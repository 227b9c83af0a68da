// The demo community: eight accounts (coordinator, MEL, a lead and a member in each working
// group) and enough content in every part of Praxis that a first visit shows how it works.
// Written through the domain functions members use, in both languages. Loaded by the server at
// start, so nothing here (or anything it imports) may come from tests/.
import { createUser } from "../../app/domain/accounts.server";
import { DEMO_ACCOUNTS } from "./accounts";
import { DEMO_CALL_TEXTS, seedCall } from "./application-call";
import { seedDemoDecisions } from "./decisions";
import { seedDemoDiscussions } from "./discussions";
import { seedDemoDocuments } from "./documents";
import { seedDemoLibrary } from "./library";
import { seedDemoMeetings } from "./meetings";
import { seedDemoPublications } from "./publications";
import { seedMelDemo } from "./mel";

export { DEMO_ACCOUNTS };

/** Seeds the demo community; `groupIds` maps each working group's slug to its id. */
export async function seedDemoCommunity(password: string, groupIds: Map<string, string>): Promise<void> {
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
  await seedDemoDecisions(groupIds);
  await seedDemoPublications(groupIds);
}
