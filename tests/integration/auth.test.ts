// Sign-in, sessions, expiry and revocation against a real server and database.
import { describe, expect, it } from "vitest";
import { SESSION_INACTIVITY_MS } from "~/domain/sessions.server";
import { createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

describe("signing in", () => {
  it("lets a member in with the right password and sets an HttpOnly, SameSite=Lax cookie", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    const response = await browser.post("/login", { username: member.username, password: member.password });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("praxis_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const home = await browser.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(member.displayName);
  });

  it("stores only a hash of the session secret", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const [id, secret] = browser.cookies.get("praxis_session")!.split(".");
    const row = await db().session.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.secretHash).toString("hex")).not.toContain(Buffer.from(secret).toString("hex"));
    expect(row.secretHash.length).toBe(32);
  });

  it("refuses a wrong password with a translated message and keeps the username", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    const english = await browser.post("/login", { username: member.username, password: "not the password" }, { "accept-language": "en" });
    expect(english.status).toBe(400);
    const html = await english.text();
    expect(html).toContain("That username and password do not match");
    expect(html).toContain(`value="${member.username}"`);
    const french = await browser.post("/login", { username: member.username, password: "nope nope" }, { "accept-language": "fr" });
    expect(await french.text()).toContain("ne correspondent pas");
    expect(browser.cookies.has("praxis_session")).toBe(false);
  });

  it("refuses an unknown username the same way", async () => {
    const browser = new Browserless(praxis.url);
    const response = await browser.post("/login", { username: "nobody.here", password: "whatever123" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("That username and password do not match");
  });

  it("gives a new token at every sign-in", async () => {
    const member = await createMember();
    const first = new Browserless(praxis.url);
    const second = new Browserless(praxis.url);
    await first.signIn(member.username, member.password);
    await second.signIn(member.username, member.password);
    expect(first.cookies.get("praxis_session")).not.toBe(second.cookies.get("praxis_session"));
  });

  it("rate-limits guessing one username, with a clear message", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    let last: Response | undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      last = await browser.post("/login", { username: member.username, password: `wrong-${attempt}-guess` });
    }
    expect(last!.status).toBe(400);
    // The eleventh try is refused before the password is even checked, the right one too.
    const right = await browser.post("/login", { username: member.username, password: member.password });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("Too many attempts");
  });

  it("sends signed-out visitors to the sign-in page", async () => {
    const response = await new Browserless(praxis.url).get("/settings");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?next=%2Fsettings");
  });

  it("does not follow an off-site next address after sign-in", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    const response = await browser.post("/login?next=//evil.example/x", { username: member.username, password: member.password });
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("sessions", () => {
  it("expire after inactivity", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const [id] = browser.cookies.get("praxis_session")!.split(".");
    await db().session.update({ where: { id }, data: { lastActiveAt: new Date(Date.now() - SESSION_INACTIVITY_MS - 1000) } });
    const response = await browser.get("/");
    expect(response.status).toBe(302);
    expect(await db().session.count({ where: { id } })).toBe(0);
  });

  it("expire at their absolute lifetime even when active", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const [id] = browser.cookies.get("praxis_session")!.split(".");
    await db().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await browser.get("/")).status).toBe(302);
  });

  it("can be revoked from settings, ending that device's access", async () => {
    const member = await createMember();
    const phone = new Browserless(praxis.url);
    const laptop = new Browserless(praxis.url);
    await phone.signIn(member.username, member.password);
    await laptop.signIn(member.username, member.password);
    const [phoneSession] = phone.cookies.get("praxis_session")!.split(".");
    const response = await laptop.post("/settings", { intent: "revoke", sessionId: phoneSession });
    expect(response.status).toBe(200);
    expect((await phone.get("/")).status).toBe(302);
    expect((await laptop.get("/")).status).toBe(200);
  });

  it("cannot revoke someone else's session", async () => {
    const alice = await createMember();
    const bob = await createMember();
    const a = new Browserless(praxis.url);
    const b = new Browserless(praxis.url);
    await a.signIn(alice.username, alice.password);
    await b.signIn(bob.username, bob.password);
    const [bobSession] = b.cookies.get("praxis_session")!.split(".");
    await a.post("/settings", { intent: "revoke", sessionId: bobSession });
    expect((await b.get("/")).status).toBe(200);
  });

  it("all end when the password changes", async () => {
    const member = await createMember();
    const one = new Browserless(praxis.url);
    const two = new Browserless(praxis.url);
    await one.signIn(member.username, member.password);
    await two.signIn(member.username, member.password);
    const response = await one.post("/settings", { intent: "password", current: member.password, next: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(response.status).toBe(303);
    expect((await two.get("/")).status).toBe(302);
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);
    const again = new Browserless(praxis.url);
    await again.signIn(member.username, "a brand new passphrase");
  });

  it("sign out everywhere ends every session", async () => {
    const member = await createMember();
    const one = new Browserless(praxis.url);
    const two = new Browserless(praxis.url);
    await one.signIn(member.username, member.password);
    await two.signIn(member.username, member.password);
    await one.post("/settings", { intent: "revoke-all" });
    expect((await one.get("/")).status).toBe(302);
    expect((await two.get("/")).status).toBe(302);
  });

  it("sign out ends the session server-side", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const token = browser.cookies.get("praxis_session")!;
    await browser.post("/logout", {});
    const replay = await fetch(new URL("/", praxis.url), { redirect: "manual", headers: { cookie: `praxis_session=${token}` } });
    expect(replay.status).toBe(302);
  });
});

describe("protection", () => {
  it("accepts a JavaScript-off form post that Chromium sends with Origin: null from our own page", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    const response = await browser.post("/login", { username: member.username, password: member.password }, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(303);
  });

  it("refuses an opaque-origin post that is not from our own site", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    const response = await browser.post("/login", { username: member.username, password: member.password }, { origin: "null", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    const sandboxed = await browser.post("/login", { username: member.username, password: member.password }, { origin: "null" });
    expect(sandboxed.status).toBe(403);
  });

  it("refuses a cross-site form post", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const response = await browser.post("/settings", { intent: "revoke-all" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    expect((await browser.get("/")).status).toBe(200);
  });

  it("sends a strict content security policy and no referrer to other sites", async () => {
    const response = await new Browserless(praxis.url).get("/login");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    // No third-party origin anywhere in the page.
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
  });

  it("shows a translated not-found page without internals", async () => {
    const response = await new Browserless(praxis.url).get("/no/such/page", { "accept-language": "fr" });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page introuvable");
    expect(html).not.toMatch(/at \w+ \(|node_modules/);
  });
});

describe("health", () => {
  it("answers ok when the database answers", async () => {
    const response = await fetch(new URL("/healthz", praxis.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
