// The demo community: eight accounts (coordinator, MEL, a lead and a member in each working
// group) and enough content in every part of Praxis that a first visit shows how it works.
// Written through the domain functions members use, in both languages. Loaded by the server at
// start, so nothing here (or anything it imports) may come from tests/.
import { createUser } from "../../app/domain/accounts.server";
import { DEMO_CALL_TEXTS, seedCall } from "./application-call";
import { seedDemoDecisions } from "./decisions";
import { seedDemoDiscussions } from "./discussions";
import { seedDemoDocuments } from "./documents";
import { seedDemoLibrary } from "./library";
import { seedDemoMeetings } from "./meetings";
import { seedDemoPublications } from "./publications";
import { seedMelDemo } from "./mel";

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
