// The offline reading pack against a real server and database: what it carries follows the same
// policies as the pages (expectations derived from the thread and library policies, not listed
// by hand), it travels as deltas against a cursor, its key is handed only to a live session and
// dies with it, and posts carrying an idempotency key are made once.
import { describe, expect, it } from "vitest";
import * as threadPolicy from "~/domain/policies/threads";
import * as libraryPolicy from "~/domain/policies/library";
import { memberGroupIds } from "~/domain/permissions";
import { threadsWithFacts } from "~/domain/thread-facts.server";
import { deleteEndedSessions } from "~/domain/sessions.server";
import { actorOf, createCoordinator, createMember, db, groupIdFor } from "../factories";
import { createGroupMeeting, daysFromNow } from "../../prisma/demo/builders";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

interface Delta {
  manifest: Array<{ id: string; v: string; bytes: number }>;
  items: Array<{ id: string; kind: string; title: string; html: string; v: string }>;
  cursor: string;
  bytes: number;
  limitBytes: number;
}

async function signedIn(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function pack(browser: Browserless, body: { cursor?: string | null; want?: string[] } = {}): Promise<Delta> {
  const response = await fetch(new URL("/offline-pack", praxis.url), {
    method: "POST",
    headers: { cookie: browser.cookieHeader, "content-type": "application/json", ...SAME_ORIGIN },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("no-store");
  return (await response.json()) as Delta;
}

async function key(browser: Browserless) {
  return fetch(new URL("/offline-pack/key", praxis.url), { headers: { cookie: browser.cookieHeader } });
}

async function startThread(browser: Browserless, spacePath: string, title: string, body: string): Promise<string> {
  const response = await browser.post(spacePath, { intent: "new-thread", title, body, language: "en" });
  expect(response.status).toBe(303);
  return response.headers.get("location")!.split("/").pop()!;
}

describe("what the pack carries", () => {
  it("follows the pages' policies: the member's spaces, never a hidden thread or a resource they may not open", async () => {
    const member = await createMember({ group: "rooting-care" });
    const lead = await createMember({ group: "rooting-care", lead: true });
    const other = await createMember({ group: "practising-accountability", lead: true });
    const [memberBrowser, leadBrowser, otherBrowser] = await Promise.all([signedIn(member), signedIn(lead), signedIn(other)]);

    const ours = await startThread(leadBrowser, "/groups/rooting-care", "Care circle plans", "We meet at the marigold house.");
    const hidden = await startThread(leadBrowser, "/groups/rooting-care", "Moderated away", "A quarrelsome post.");
    expect((await leadBrowser.post(`/groups/rooting-care/threads/${hidden}`, { intent: "hide-thread" })).status).toBe(303);
    const theirs = await startThread(otherBrowser, "/groups/practising-accountability", "Accountability only", "Their own business.");
    const community = await startThread(otherBrowser, "/community", "Plenary thoughts", "Open to everyone.");

    // Library: one resource everyone may open, one sensitive to another group; pins of both
    // (the second written straight to the table, as if its visibility changed after pinning).
    const { addLinkResource } = await import("~/domain/library.server");
    const otherActor = await actorOf(other);
    const details = { description: "d", language: "en" as const, type: "report" as const, themes: [], tags: [], isShareable: false };
    const open = await addLinkResource(otherActor, { ...details, title: "Open toolkit", visibility: "community", groupSlug: "practising-accountability" }, "https://example.org/a");
    const sensitive = await addLinkResource(otherActor, { ...details, title: "Leads-only plan", visibility: "sensitive", groupSlug: "practising-accountability" }, "https://example.org/b");
    if (!open.ok || !sensitive.ok) throw new Error("resources");
    const { pinResource } = await import("~/domain/offline-pack.server");
    const memberActor = await actorOf(member);
    expect((await pinResource(memberActor, open.value.id, true)).ok).toBe(true);
    expect((await pinResource(memberActor, sensitive.value.id, true)).ok).toBe(false);
    await db().libraryPin.create({ data: { userId: member.id, resourceId: sensitive.value.id } });

    const delta = await pack(memberBrowser);
    const threadIds = new Set(delta.items.filter((i) => i.kind === "thread").map((i) => i.id.slice(2)));

    // Expected from the policy: space threads of the member's spaces that the policy lets them
    // read and that are not hidden (a hidden thread is shown to moderators only as such).
    const facts = await threadsWithFacts([ours, hidden, theirs, community]);
    const spaces = new Set<string | null>([...memberGroupIds(memberActor), null]);
    const expected = [...facts.values()].filter((t) => spaces.has(t.groupId) && !t.facts.hiddenAt && threadPolicy.allow(memberActor, "read", t.facts)).map((t) => t.id);
    for (const id of [ours, hidden, theirs, community]) expect(threadIds.has(id), id).toBe(expected.includes(id));
    expect(expected).toEqual(expect.arrayContaining([ours, community]));
    expect(threadIds.has(hidden)).toBe(false);
    expect(threadIds.has(theirs)).toBe(false);
    expect(JSON.stringify(delta)).not.toContain("quarrelsome");

    const resourceRows = await db().libraryResource.findMany({ where: { id: { in: [open.value.id, sensitive.value.id] } }, select: { id: true, visibility: true, groupId: true, addedById: true } });
    const resourceIds = delta.items.filter((i) => i.kind === "resource").map((i) => i.id.slice(2));
    expect(resourceIds.sort()).toEqual(resourceRows.filter((r) => libraryPolicy.allow(memberActor, "open", r)).map((r) => r.id).sort());
    expect(JSON.stringify(delta)).not.toContain("Leads-only plan");

    // The thread's words are in it, rendered; the action items list is always there.
    expect(delta.items.find((i) => i.id === `t.${ours}`)!.html).toContain("marigold");
    expect(delta.items.some((i) => i.kind === "actions")).toBe(true);
    expect(delta.items.some((i) => i.kind === "document" && i.id === "d.workplan.rooting-care")).toBe(true);
    expect(delta.items.some((i) => i.kind === "document" && i.id.endsWith(".practising-accountability"))).toBe(false);
  });
});

describe("deltas", () => {
  it("sends only what changed since the cursor, and drops what is no longer visible", async () => {
    const member = await createMember({ group: "strengthening-collaboration" });
    const lead = await createMember({ group: "strengthening-collaboration", lead: true });
    const [memberBrowser, leadBrowser] = await Promise.all([signedIn(member), signedIn(lead)]);
    const a = await startThread(leadBrowser, "/groups/strengthening-collaboration", "Thread A", "First words.");
    const b = await startThread(leadBrowser, "/groups/strengthening-collaboration", "Thread B", "Other words.");

    const first = await pack(memberBrowser);
    expect(first.items.map((i) => i.id)).toEqual(expect.arrayContaining([`t.${a}`, `t.${b}`]));
    expect(first.items.length).toBe(first.manifest.length);

    const again = await pack(memberBrowser, { cursor: first.cursor });
    expect(again.items).toEqual([]);
    expect(again.manifest).toEqual(first.manifest);

    expect((await leadBrowser.post(`/groups/strengthening-collaboration/threads/${a}`, { intent: "reply", body: "A reply with heliotrope." })).status).toBe(303);
    const afterReply = await pack(memberBrowser, { cursor: again.cursor });
    expect(afterReply.items.map((i) => i.id)).toEqual([`t.${a}`]);
    expect(afterReply.items[0].html).toContain("heliotrope");

    expect((await leadBrowser.post(`/groups/strengthening-collaboration/threads/${b}`, { intent: "hide-thread" })).status).toBe(303);
    const afterHide = await pack(memberBrowser, { cursor: afterReply.cursor });
    expect(afterHide.items).toEqual([]);
    expect(afterHide.manifest.map((m) => m.id)).not.toContain(`t.${b}`);

    // An item the device lost is sent again when asked for by id.
    const wanted = await pack(memberBrowser, { cursor: afterHide.cursor, want: [`t.${a}`] });
    expect(wanted.items.map((i) => i.id)).toEqual([`t.${a}`]);
  });

  it("drops a group's threads, documents and meetings once the member has left it, as the calendar feed drops its meetings", async () => {
    const slug = "strengthening-collaboration";
    const groupId = await groupIdFor(slug);
    const member = await createMember({ group: slug });
    const lead = await createMember({ group: slug, lead: true });
    const [memberBrowser, leadBrowser, coordinator] = await Promise.all([signedIn(member), signedIn(lead), createCoordinator().then(signedIn)]);
    const threadId = await startThread(leadBrowser, `/groups/${slug}`, "Before leaving", "Our plans.");
    const meeting = await createGroupMeeting(groupId, { titleEn: "Leaving test", titleFr: "Test du départ", startsAt: daysFromNow(5), createdById: lead.id });
    const feedUrl = (await (await memberBrowser.post("/meetings", { intent: "feed-create" })).text()).match(/value="(http[^"]+\/calendar\/[a-z2-7]+\.ics)"/)![1];
    const ours = (entries: Array<{ id: string }>) => entries.map((entry) => entry.id).filter((id) => id === `t.${threadId}` || id === `m.${meeting.id}` || id.endsWith(`.${slug}`));

    const before = await pack(memberBrowser);
    expect(ours(before.manifest)).toEqual(expect.arrayContaining([`t.${threadId}`, `m.${meeting.id}`, `d.workplan.${slug}`]));
    expect(await (await fetch(feedUrl)).text()).toContain(`meeting-${meeting.id}@praxis`);

    expect((await coordinator.post("/people", { intent: "set-group-role", userId: member.id, groupId, role: "none" })).status).toBe(200);
    const after = await pack(memberBrowser, { cursor: before.cursor });
    expect({ held: ours(after.manifest), sent: ours(after.items) }).toEqual({ held: [], sent: [] });
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).not.toContain(`meeting-${meeting.id}@praxis`);
  });

  it("keeps within the member's cap", async () => {
    const member = await createMember({ group: "rooting-care" });
    await db().deviceSettings.create({ data: { userId: member.id, packLimitBytes: 1024 * 1024 } });
    const delta = await pack(await signedIn(member));
    expect(delta.limitBytes).toBe(1024 * 1024);
    expect(delta.bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it("answers bad input with 4xx, not 500", async () => {
    const browser = await signedIn(await createMember());
    const bad = await fetch(new URL("/offline-pack", praxis.url), { method: "POST", headers: { cookie: browser.cookieHeader, "content-type": "application/json" }, body: "{nope" });
    expect(bad.status).toBe(400);
    expect((await browser.get("/offline-pack")).status).toBe(405);
    const nonsense = await pack(browser, { cursor: "!!not-a-cursor!!", want: ["x".repeat(300)] });
    expect(nonsense.items.length).toBe(nonsense.manifest.length);
    const anonymous = await fetch(new URL("/offline-pack", praxis.url), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(401);
  });
});

describe("the pack key", () => {
  it("is the same for one session, different for another, and refused without a session", async () => {
    const member = await createMember();
    const [one, two] = await Promise.all([signedIn(member), signedIn(member)]);
    const k1 = (await (await key(one)).json()) as { key: string };
    const k1again = (await (await key(one)).json()) as { key: string };
    const k2 = (await (await key(two)).json()) as { key: string };
    expect(Buffer.from(k1.key, "base64url").length).toBe(32);
    expect(k1again.key).toBe(k1.key);
    expect(k2.key).not.toBe(k1.key);
    expect((await fetch(new URL("/offline-pack/key", praxis.url))).status).toBe(401);
    // A session that must enrol a second factor first: alive, but no key yet (and no wipe).
    await db().session.update({ where: { id: two.cookies.get("praxis_session")!.split(".")[0] }, data: { mustEnrol: true } });
    const enrol = await key(two);
    expect(enrol.status).toBe(403);
    expect(enrol.headers.get("clear-site-data")).toBeNull();
  });

  it("dies with the session: sign-out, quick exit, revocation, expiry", async () => {
    const member = await createMember();
    const sessionOf = (browser: Browserless) => browser.cookies.get("praxis_session")!.split(".")[0];
    const replay = (cookie: string) => fetch(new URL("/offline-pack/key", praxis.url), { headers: { cookie } });

    for (const end of ["logout", "exit", "revoke", "expire"] as const) {
      const browser = await signedIn(member);
      expect((await key(browser)).status).toBe(200);
      const id = sessionOf(browser);
      const cookie = browser.cookieHeader;
      expect((await db().session.findUnique({ where: { id }, select: { packKey: true } }))?.packKey).toBeTruthy();
      if (end === "logout") expect((await browser.post("/logout", {}, SAME_ORIGIN)).status).toBe(303);
      if (end === "exit") expect((await browser.post("/exit", {}, SAME_ORIGIN)).status).toBe(303);
      if (end === "revoke") {
        const other = await signedIn(member);
        expect((await other.post("/settings", { intent: "revoke", sessionId: id }, SAME_ORIGIN)).status).toBeLessThan(400);
      }
      if (end === "expire") await db().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const refused = await replay(cookie);
      expect(refused.status, end).toBe(401);
      // The device is told to drop what it kept, and the key is gone from the server.
      expect(refused.headers.get("clear-site-data"), end).toContain('"storage"');
      expect(await db().session.count({ where: { id } }), end).toBe(0);
    }
  });

  it("of an ended session never presented again is swept with it", async () => {
    const member = await createMember();
    const browser = await signedIn(member);
    expect((await key(browser)).status).toBe(200);
    const id = browser.cookies.get("praxis_session")!.split(".")[0];
    await db().session.update({ where: { id }, data: { lastActiveAt: new Date(Date.now() - 15 * 24 * 3600 * 1000) } });
    expect(await deleteEndedSessions()).toBeGreaterThanOrEqual(1);
    expect(await db().session.count({ where: { id } })).toBe(0);
  });
});

describe("idempotent posts", () => {
  it("a reply or a thread sent twice with the same key is made once", async () => {
    const member = await createMember({ group: "rooting-care" });
    const browser = await signedIn(member);
    const groupId = await groupIdFor("rooting-care");
    const threadKey = `k-${Date.now()}-thread`;
    const fields = { intent: "new-thread", title: "Once only", body: "Opening.", language: "en", idempotencyKey: threadKey };
    const [t1, t2] = await Promise.all([browser.post("/groups/rooting-care", fields), browser.post("/groups/rooting-care", fields)]);
    expect([t1.status, t2.status]).toEqual([303, 303]);
    expect(t1.headers.get("location")).toBe(t2.headers.get("location"));
    expect(await db().thread.count({ where: { groupId, title: "Once only" } })).toBe(1);
    const threadId = t1.headers.get("location")!.split("/").pop()!;

    const replyKey = `k-${Date.now()}-reply`;
    const reply = { intent: "reply", body: "Sent from the outbox.", idempotencyKey: replyKey };
    const path = `/groups/rooting-care/threads/${threadId}`;
    const answers = await Promise.all([browser.post(path, reply), browser.post(path, reply)]);
    expect(answers.map((r) => r.status)).toEqual([303, 303]);
    expect((await browser.post(path, reply)).status).toBe(303);
    expect(await db().post.count({ where: { threadId, bodySource: "Sent from the outbox." } })).toBe(1);

    // Without a key (or with a malformed one) every send is a new post, as before.
    await browser.post(path, { intent: "reply", body: "No key." });
    await browser.post(path, { intent: "reply", body: "No key.", idempotencyKey: "<bad key>" });
    expect(await db().post.count({ where: { threadId, bodySource: "No key." } })).toBe(2);
  });
});

describe("the member's settings", () => {
  it("cap, languages and data saver through the plain form; bad values refused with a translated 400", async () => {
    const member = await createMember();
    const browser = await signedIn(member);
    const bad = await browser.post("/settings", { intent: "device", packLimitBytes: "123" }, { ...SAME_ORIGIN, "accept-language": "fr" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choisissez l’une des tailles proposées.");
    const good = await browser.post("/settings", { intent: "device", packLimitBytes: String(2 * 1024 * 1024), packBothLanguages: "on" }, SAME_ORIGIN);
    expect(good.status).toBe(200);
    expect(await db().deviceSettings.findUnique({ where: { userId: member.id } })).toMatchObject({ packLimitBytes: 2 * 1024 * 1024, packBothLanguages: true, dataSaver: false });
    // A slow device's suggestion never overrides what the member chose.
    await browser.post("/settings/data-saver", {}, SAME_ORIGIN);
    expect((await db().deviceSettings.findUnique({ where: { userId: member.id } }))?.dataSaver).toBe(false);
  });

  it("a slow device turns the data saver on for a member who never chose, and mail becomes a digest", async () => {
    const member = await createMember();
    await db().notificationSetting.create({ data: { userId: member.id, emailMode: "immediate", preferenceToken: `t-${member.id}` } });
    const browser = await signedIn(member);
    const visited = await browser.get("/settings/data-saver");
    expect(visited.status).toBe(405);
    expect(await visited.json()).toEqual({ ok: false, error: "common:errors.badRequest" });
    const signedOut = await new Browserless(praxis.url).post("/settings/data-saver", {}, SAME_ORIGIN);
    expect(signedOut.status).toBe(401);
    const suggested = await browser.post("/settings/data-saver", {}, SAME_ORIGIN);
    // Answered with nothing: the suggestion comes from a slow connection.
    expect(suggested.status).toBe(204);
    expect(await suggested.text()).toBe("");
    expect((await db().deviceSettings.findUnique({ where: { userId: member.id } }))?.dataSaver).toBe(true);
    expect((await db().notificationSetting.findUnique({ where: { userId: member.id } }))?.emailMode).toBe("daily");
    const home = await (await browser.get("/")).text();
    expect(home).toContain('data-data-saver="on"');
  });

  it("pins a library item from its page, only one the member may open", async () => {
    const member = await createMember({ group: "rooting-care" });
    const browser = await signedIn(member);
    const { addLinkResource } = await import("~/domain/library.server");
    const open = await addLinkResource(await actorOf(member), { title: "Pinned guide", description: "", language: "en", type: "guide", themes: [], tags: [], visibility: "community", groupSlug: "", isShareable: false }, "https://example.org/guide");
    if (!open.ok) throw new Error(open.error);
    expect((await browser.post(`/library/${open.value.id}`, { intent: "pack-pin" }, SAME_ORIGIN)).status).toBe(200);
    expect(await db().libraryPin.count({ where: { userId: member.id } })).toBe(1);
    const delta = await pack(browser);
    expect(delta.items.find((i) => i.id === `r.${open.value.id}`)?.title).toBe("Pinned guide");
    expect((await browser.post(`/library/${open.value.id}`, { intent: "pack-unpin" }, SAME_ORIGIN)).status).toBe(200);
    expect(await db().libraryPin.count({ where: { userId: member.id } })).toBe(0);
  });
});
