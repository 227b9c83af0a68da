// Side doors: what is sensitive or group-only must not reach anyone the pages refuse, through
// Socket.IO catch-up, live fan-out, socket replies, mention notifications, mail, or a redirect.
// Each refusal is paired with the rightful reader getting the same thing.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLinkResource, type ResourceDetails } from "~/domain/library.server";
import { openCheckInDraft, submitCheckIn } from "~/domain/checkins.server";
import { actorOf, createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectedSocket, emitWithAck, eventually, nextEvent, recordEvents } from "../support/realtime";

const praxis = usePraxis({ env: { DIGEST_INTERVAL_SECONDS: "0" } });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((socket) => socket.disconnect()));

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function socketOf(browser: Browserless): Promise<Socket> {
  const socket = await connectedSocket(praxis.url, browser.cookieHeader);
  sockets.push(socket);
  return socket;
}

const details = (overrides: Partial<ResourceDetails>): ResourceDetails => ({
  title: "A resource",
  description: "",
  language: "en",
  type: "report",
  themes: [],
  tags: [],
  visibility: "community",
  groupSlug: "",
  isShareable: false,
  ...overrides,
});

const mention = (member: TestMember) => `@[${member.displayName}]`;

interface LivePostEvent {
  threadId: string;
  post: { html: string | null } | null;
}

describe("a sensitive resource's reflections", () => {
  let careLead: TestMember, otherCareLead: TestMember, careMember: TestMember, outsider: TestMember;
  let lead: Browserless, otherLead: Browserless, member: Browserless, stranger: Browserless;
  let resourceId: string, threadId: string;

  beforeAll(async () => {
    careLead = await createMember({ group: "rooting-care", lead: true });
    otherCareLead = await createMember({ group: "rooting-care", lead: true });
    careMember = await createMember({ group: "rooting-care" });
    outsider = await createMember({ group: "practising-accountability" });
    [lead, otherLead, member, stranger] = await Promise.all([careLead, otherCareLead, careMember, outsider].map(signedIn));
    const added = await addLinkResource(
      { id: careLead.id, role: "member", memberships: [{ groupId: await groupIdFor("rooting-care"), role: "lead" }] },
      details({ title: "Safehouse contacts", visibility: "sensitive", groupSlug: "rooting-care" }),
      "https://example.org/contacts",
    );
    if (!added.ok) throw new Error(added.error);
    resourceId = added.value.id;
    expect((await lead.post(`/library/${resourceId}`, { intent: "reply", body: "First reflection", language: "en" })).status).toBe(303);
    threadId = (await db().thread.findFirstOrThrow({ where: { subjectType: "resource", subjectId: resourceId } })).id;
    // The pages keep the promise already: the member and the outsider get 404.
    expect((await member.get(`/library/${resourceId}`)).status).toBe(404);
    expect((await otherLead.get(`/library/${resourceId}`)).status).toBe(200);
  });

  it("are not given by socket catch-up to a member who may not open the resource", async () => {
    const refused = await emitWithAck<{ ok: boolean; posts?: unknown[] }>(await socketOf(member), "thread:catchup", { threadId, afterSeq: -1 });
    expect(refused).toEqual({ ok: false, error: "forbidden" });
    const allowed = await emitWithAck<{ ok: boolean; posts: Array<{ html: string }> }>(await socketOf(otherLead), "thread:catchup", { threadId, afterSeq: -1 });
    expect(allowed.ok).toBe(true);
    expect(allowed.posts.map((p) => p.html).join()).toContain("First reflection");
  });

  it("are fanned out live only to those who may open the resource", async () => {
    const [memberSocket, strangerSocket, leadSocket] = await Promise.all([socketOf(member), socketOf(stranger), socketOf(otherLead)]);
    // The outsider watches the care group's space, as any member may.
    expect(await emitWithAck(strangerSocket, "space:watch", await groupIdFor("rooting-care"))).toEqual({ ok: true });
    const memberSaw = recordEvents<LivePostEvent>(memberSocket, "discussion:post");
    const strangerSaw = recordEvents<LivePostEvent>(strangerSocket, "discussion:post");
    const leadGets = nextEvent<LivePostEvent>(leadSocket, "discussion:post", (e) => e.threadId === threadId);

    expect((await lead.post(`/library/${resourceId}`, { intent: "reply", body: "Second reflection, live", language: "en" })).status).toBe(303);
    expect((await leadGets).post?.html).toContain("Second reflection, live");

    // A marker in the group's space, sent after the reflection: once it has arrived, anything
    // sent before it to the same socket has arrived too. (It may arrive before the HTTP answer.)
    const marker = await lead.post("/groups/rooting-care", { intent: "new-thread", title: "Marker", body: "after the reflection", language: "en" });
    expect(marker.status).toBe(303);
    const markerId = marker.headers.get("location")!.split("/threads/")[1];
    await eventually(() => {
      for (const seen of [memberSaw, strangerSaw]) expect(seen.some((e) => e.threadId === markerId)).toBe(true);
    }, 10_000);
    expect(memberSaw.filter((e) => e.threadId === threadId)).toEqual([]);
    expect(strangerSaw.filter((e) => e.threadId === threadId)).toEqual([]);
  });

  it("refuse a reply through the socket exactly as the form does", async () => {
    const before = await db().post.count({ where: { threadId } });
    expect((await member.post(`/library/${resourceId}`, { intent: "reply", body: "form sneak", language: "en" })).status).toBe(404);
    const refused = await emitWithAck<{ ok: boolean; error?: string }>(await socketOf(member), "thread:reply", { threadId, body: "socket sneak" });
    expect(refused.ok).toBe(false);
    expect(await db().post.count({ where: { threadId } })).toBe(before);
    const allowed = await emitWithAck<{ ok: boolean }>(await socketOf(otherLead), "thread:reply", { threadId, body: "A lead replies by socket" });
    expect(allowed.ok).toBe(true);
    expect(await db().post.count({ where: { threadId } })).toBe(before + 1);
  });

  it("do not notify a mentioned member who may not open the resource, and do notify one who may", async () => {
    const body = `Please look, ${mention(careMember)} and ${mention(otherCareLead)}`;
    expect((await lead.post(`/library/${resourceId}`, { intent: "reply", body, language: "en" })).status).toBe(303);
    expect(await db().notification.count({ where: { userId: careMember.id, threadId } })).toBe(0);
    expect(await db().notification.count({ where: { userId: otherCareLead.id, threadId } })).toBe(1);
    const memberPage = await (await member.get("/notifications")).text();
    expect(memberPage).not.toContain("Safehouse contacts");
    const leadPage = await (await otherLead.get("/notifications")).text();
    expect(leadPage).toContain("Safehouse contacts");
  });
});

describe("notifications on a resource that becomes sensitive", () => {
  it("stop showing its title once the reader may no longer open it", async () => {
    const uploader = await createMember({ group: "rooting-care", lead: true });
    const reader = await createMember({ group: "rooting-care" });
    const [author, readerBrowser] = await Promise.all([signedIn(uploader), signedIn(reader)]);
    const added = await addLinkResource(
      { id: uploader.id, role: "member", memberships: [{ groupId: await groupIdFor("rooting-care"), role: "lead" }] },
      details({ title: "Soon restricted guide" }),
      "https://example.org/guide",
    );
    if (!added.ok) throw new Error(added.error);
    const id = added.value.id;
    expect((await author.post(`/library/${id}`, { intent: "reply", body: `What do you think, ${mention(reader)}?`, language: "en" })).status).toBe(303);
    const before = await (await readerBrowser.get("/notifications")).text();
    expect(before).toContain("Soon restricted guide");

    const edit = { kind: "link", url: "https://example.org/guide", title: "Soon restricted guide", description: "", language: "en", type: "report", tags: "", visibility: "sensitive", groupSlug: "rooting-care" };
    expect((await author.post(`/library/${id}/edit`, edit)).status).toBe(303);
    const after = await (await readerBrowser.get("/notifications")).text();
    expect(after).not.toContain("Soon restricted guide");
    // The badge counts only what may be shown.
    expect(after).not.toMatch(/notifications__badge|class="badge"/);
    expect(await (await author.get("/notifications")).text()).not.toContain("Soon restricted guide"); // the author was not notified of their own post
  });
});

describe("a check-in's facts", () => {
  it("name only the library resources each reader may open", async () => {
    const careLead = await createMember({ group: "rooting-care", lead: true });
    const accountabilityMember = await createMember({ group: "practising-accountability" });
    const add = async (who: TestMember, title: string, visibility: ResourceDetails["visibility"], groupSlug: string) => {
      const added = await addLinkResource(await actorOf(who), details({ title, visibility, groupSlug, themes: ["rooting-care"] }), "https://example.org/");
      if (!added.ok) throw new Error(added.error);
    };
    await add(careLead, "Care circle open notes", "community", "");
    await add(careLead, "Care circle group notes", "group", "rooting-care");
    await add(careLead, "Care circle lead notes", "sensitive", "rooting-care");
    await add(accountabilityMember, "Accountability group notes on care", "group", "practising-accountability");

    const lead = await actorOf(careLead);
    const draft = await openCheckInDraft(lead, await groupIdFor("rooting-care"));
    if (!draft.ok) throw new Error(draft.error);
    const path = `/mel/checkins/${draft.value.id}`;
    // The lead's draft shows what the lead may open, assembled live.
    const draftPage = await (await (await signedIn(careLead)).get(path)).text();
    expect(draftPage).toContain("Care circle group notes");
    expect(draftPage).toContain("Care circle lead notes");
    expect(draftPage).not.toContain("Accountability group notes on care");
    const submitted = await submitCheckIn(lead, draft.value.id, { language: "en", progressNotes: "Going well", challenges: "", helpSought: "", proposedChanges: "" });
    expect(submitted.ok).toBe(true);

    const melPage = await (await (await signedIn(await createMel())).get(path)).text();
    expect(melPage).toContain("Care circle open notes");
    expect(melPage).not.toContain("Care circle group notes");
    expect(melPage).not.toContain("Care circle lead notes");
    expect(melPage).not.toContain("Accountability group notes on care");

    const coordinatorPage = await (await (await signedIn(await createCoordinator())).get(path)).text();
    expect(coordinatorPage).toContain("Care circle lead notes");
    expect(coordinatorPage).toContain("Accountability group notes on care");
  });
});

describe("redirects", () => {
  const hostile = ["//evil.example/", "/\\evil.example/", "/%09/evil.example", "/%0D/evil.example", "/%2F%2Fevil.example", "/\t/evil.example", "https://evil.example/"];

  it("after sign-in follow only paths on this site", async () => {
    const member = await createMember();
    for (const next of hostile) {
      const response = await fetch(new URL(`/login?next=${encodeURIComponent(next)}`, praxis.url), {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: member.username, password: member.password }).toString(),
      });
      expect(response.status, next).toBe(303);
      expect(response.headers.get("location"), next).toBe("/");
    }
    const fine = await fetch(new URL(`/login?next=${encodeURIComponent("/library?q=care")}`, praxis.url), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: member.username, password: member.password }).toString(),
    });
    expect(fine.headers.get("location")).toBe("/library?q=care");
  });

  it("from the language switch stay on this site, signed out or in", async () => {
    const coordinator = await signedIn(await createCoordinator());
    for (const path of ["//evil.example/?lng=fr", "/%09/evil.example?lng=fr", "/%0D/evil.example?lng=fr", "/%2F%2Fevil.example/?lng=fr", "/\\evil.example/?lng=fr"]) {
      for (const cookie of ["", coordinator.cookieHeader]) {
        // A raw request line: fetch would normalise some of these paths away.
        const response = await rawGet(path, cookie);
        expect(response.status, path).toBeGreaterThanOrEqual(300);
        const location = response.location ?? "";
        expect(location.startsWith("//") || location.startsWith("/\\") || /^[a-z]+:/i.test(location), `${path} → ${location}`).toBe(false);
      }
    }
    const fine = await rawGet("/library?lng=fr&q=care", "");
    expect(fine.location).toBe("/library?q=care");
  });
});

/** GET with the request target sent exactly as given. */
async function rawGet(target: string, cookie: string): Promise<{ status: number; location: string | null }> {
  const { request } = await import("node:http");
  const url = new URL(praxis.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: "GET", path: target, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null });
    });
    req.on("error", reject);
    req.end();
  });
}
