// The only way in: a coordinator's single-use, expiring invitation link.
import { describe, expect, it } from "vitest";
import { createCoordinator, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

async function coordinatorBrowser() {
  const coordinator = await createCoordinator();
  const browser = new Browserless(praxis.url);
  await browser.signIn(coordinator.username, coordinator.password);
  return browser;
}

async function invite(browser: Browserless, fields: Record<string, string>): Promise<string> {
  const response = await browser.post("/people", { intent: "invite", note: "", ...fields });
  expect(response.status).toBe(200);
  const match = /value="(http[^"]+\/invite\/([a-z2-7]+))"/.exec(await response.text());
  expect(match, "the page shows the new link").not.toBeNull();
  return new URL(match![1]).pathname;
}

const account = (username: string) => ({ username, displayName: `Pseudo ${username}`, password: "a long passphrase here", confirm: "a long passphrase here" });

describe("invitations", () => {
  it("turn into a member of the chosen group, signed in at once", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "member", groupId: await groupIdFor("strengthening-collaboration") });
    const newcomer = new Browserless(praxis.url);
    const page = await newcomer.get(path, { "accept-language": "fr" });
    expect(await page.text()).toContain("Renforcer la collaboration");
    const response = await newcomer.post(path, account("river.k"));
    expect(response.status).toBe(303);
    const home = await newcomer.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Pseudo river.k");
    const user = await db().user.findUniqueOrThrow({ where: { username: "river.k" }, include: { memberships: true } });
    expect(user.memberships).toEqual([expect.objectContaining({ groupId: await groupIdFor("strengthening-collaboration"), role: "member" })]);
  });

  it("say when the link stops working, in the reader's language and zone", async () => {
    const coordinator = await createMember({ role: "coordinator", group: null, timeZone: "America/Toronto", locale: "fr" });
    const browser = new Browserless(praxis.url);
    await browser.signIn(coordinator.username, coordinator.password);
    const response = await browser.post("/people", { intent: "invite", note: "", role: "member", groupId: await groupIdFor("rooting-care") });
    const html = await response.text();
    const path = new URL(/value="(http[^"]+\/invite\/[a-z2-7]+)"/.exec(html)![1]).pathname;
    const invitation = await db().invitation.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { expiresAt: true } });
    const inToronto = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone: "America/Toronto" }).format(invitation.expiresAt);
    // (React separates the sentence from the time with an empty comment.)
    expect(html.replaceAll("<!-- -->", "")).toContain(`Ce lien fonctionne jusqu’au <time dateTime="${invitation.expiresAt.toISOString()}">${inToronto}</time>`);
    // The copy button is there for JavaScript to show; without it the field is selectable.
    expect(html).toMatch(/<input id="invite-link" class="copyable" readOnly="" value="http[^"]+"\/><button type="button" class="button" data-copy-target="invite-link" data-copied="Copié." hidden="">Copier<\/button>/);
    // The invitee has no account yet: the server names UTC (their device's zone once the page runs).
    const page = await (await new Browserless(praxis.url).get(path, { "accept-language": "en" })).text();
    const inUtc = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone: "UTC" }).format(invitation.expiresAt);
    expect(page.replaceAll("<!-- -->", "")).toContain(`This invitation works until <time dateTime="${invitation.expiresAt.toISOString()}">${inUtc}</time>`);
    // …and how long is left, which is true in whatever zone the visitor is (a new link lasts days).
    expect(page.replaceAll("<!-- -->", "")).toMatch(/<\/time> \(in \d+ days\)/);
    const inFrench = await (await new Browserless(praxis.url).get(path, { "accept-language": "fr" })).text();
    expect(inFrench.replaceAll("<!-- -->", "")).toMatch(/<\/time> \(dans \d+ jours\)/);
  });

  it("can make a group lead", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "lead", groupId: await groupIdFor("rooting-care") });
    await new Browserless(praxis.url).post(path, account("lead.new"));
    const user = await db().user.findUniqueOrThrow({ where: { username: "lead.new" }, include: { memberships: true } });
    expect(user.memberships[0].role).toBe("lead");
  });

  it("work only once", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "mel" });
    expect((await new Browserless(praxis.url).post(path, account("first.one"))).status).toBe(303);
    const second = new Browserless(praxis.url);
    const reuse = await second.post(path, account("second.one"));
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toContain("already been used");
    expect(await db().user.count({ where: { username: "second.one" } })).toBe(0);
    expect(await (await second.get(path)).text()).toContain("already been used");
  });

  it("expire after 7 days", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "member", groupId: await groupIdFor("rooting-care") });
    const invitation = await db().invitation.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600 * 1000, -4);
    await db().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await new Browserless(praxis.url).post(path, account("too.late"));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("expired");
  });

  it("can be withdrawn before use", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "member", groupId: await groupIdFor("rooting-care") });
    const invitation = await db().invitation.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await coordinator.post("/people", { intent: "revoke-invitation", invitationId: invitation.id });
    expect(await (await new Browserless(praxis.url).get(path)).text()).toContain("withdrawn");
  });

  it("store only a hash of the link's token", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "mel" });
    const token = path.split("/").pop()!;
    const rows = await db().invitation.findMany({ select: { tokenHash: true } });
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
  });

  it("keep what was typed and explain the problem when a field is wrong", async () => {
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "member", groupId: await groupIdFor("rooting-care") });
    const browser = new Browserless(praxis.url);
    const response = await browser.post(path, { username: "Bad Name!", displayName: "Mx Kite", password: "short", confirm: "short" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('value="Mx Kite"');
    expect(html).toContain("Use 3 to 32 characters");
    // The invitation is still usable.
    expect((await browser.post(path, account("kite.m"))).status).toBe(303);
  });

  it("refuse a username already taken, keeping the invitation", async () => {
    const existing = await createMember();
    const coordinator = await coordinatorBrowser();
    const path = await invite(coordinator, { role: "mel" });
    const response = await new Browserless(praxis.url).post(path, account(existing.username));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("already taken");
  });

  it("cannot be created by anyone but a coordinator", async () => {
    const lead = await createMember({ lead: true });
    const browser = new Browserless(praxis.url);
    await browser.signIn(lead.username, lead.password);
    const response = await browser.post("/people", { intent: "invite", role: "coordinator" });
    expect(response.status).toBe(403);
    expect(await db().invitation.count({ where: { role: "coordinator" } })).toBe(0);
  });

  it("need a group for members and leads", async () => {
    const coordinator = await coordinatorBrowser();
    const response = await coordinator.post("/people", { intent: "invite", role: "member", groupId: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("need a working group");
  });
});

describe("language", () => {
  it("follows Accept-Language for visitors, then the lng cookie, then the member's choice", async () => {
    const visitor = new Browserless(praxis.url);
    expect(await (await visitor.get("/login", { "accept-language": "fr-CA,fr;q=0.9" })).text()).toContain('lang="fr"');
    const switched = await visitor.get("/login?lng=en", { "accept-language": "fr" });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/login");
    expect(await (await visitor.get("/login", { "accept-language": "fr" })).text()).toContain('lang="en"');

    const member = await createMember({ locale: "fr" });
    await visitor.signIn(member.username, member.password);
    // The member's own preference beats the cookie.
    expect(await (await visitor.get("/", { "accept-language": "en" })).text()).toContain('lang="fr"');
    // Switching while signed in updates the profile too.
    await visitor.get("/?lng=en");
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).locale).toBe("en");
  });

  it("remembers the browser's time zone at first sign-in and shows times in it", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.post("/login", { username: member.username, password: member.password, timeZone: "Asia/Manila" });
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).timeZone).toBe("Asia/Manila");
    // A later sign-in from elsewhere does not override it.
    await new Browserless(praxis.url).post("/login", { username: member.username, password: member.password, timeZone: "America/Bogota" });
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).timeZone).toBe("Asia/Manila");
    const settings = await (await browser.get("/settings")).text();
    expect(settings).toMatch(/<option value="Asia\/Manila" selected="">/);
  });
});
