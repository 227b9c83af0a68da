// Quick exit and "nothing left on the device": /exit, the neutral page, and the headers that tell
// a browser to keep nothing, against a real server and database.
import { describe, expect, it } from "vitest";
import { SESSION_INACTIVITY_MS } from "~/domain/sessions.server";
import { createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { startPraxisProcess } from "../support/server";

const praxis = usePraxis();
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

async function signedIn() {
  const member = await createMember();
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  const cookie = browser.cookies.get("praxis_session")!;
  return { member, browser, cookie, sessionId: cookie.split(".")[0] };
}

describe("POST /exit", () => {
  it("ends the session, clears everything the site keeps and goes to the neutral page", async () => {
    const { browser, cookie, sessionId } = await signedIn();
    const response = await browser.post("/exit", {}, SAME_ORIGIN);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/search");
    expect(response.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.getSetCookie().join("\n")).toMatch(/^praxis_session=; .*Max-Age=0/m);
    expect(browser.cookies.has("praxis_session")).toBe(false);
    expect(await db().session.count({ where: { id: sessionId } })).toBe(0);
    // The old cookie, replayed, opens nothing.
    const replay = await fetch(new URL("/", praxis.url), { redirect: "manual", headers: { cookie: `praxis_session=${cookie}` } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login");
  });

  it("answers the same to someone who is not signed in", async () => {
    const response = await new Browserless(praxis.url).post("/exit", {});
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/search");
    expect(response.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
  });

  it("cannot be sent from another site", async () => {
    const { browser, sessionId } = await signedIn();
    const response = await browser.post("/exit", {}, { "sec-fetch-site": "cross-site", origin: "https://elsewhere.example" });
    expect(response.status).toBe(403);
    expect(await db().session.count({ where: { id: sessionId } })).toBe(1);
  });

  it("changes nothing when reached by GET, but still leaves for the neutral page", async () => {
    const { browser, sessionId } = await signedIn();
    const response = await browser.get("/exit");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/search");
    expect(response.headers.get("clear-site-data")).toBeNull();
    expect(await db().session.count({ where: { id: sessionId } })).toBe(1);
  });
});

describe("every page has the exit control", () => {
  it("as a plain form posting to /exit, in the reader's language, signed in or not", async () => {
    const { browser } = await signedIn();
    const home = await (await browser.get("/", { "accept-language": "en" })).text();
    expect(home).toMatch(/<form id="quick-exit"[^>]*action="\/exit" method="post">/);
    expect(home).toContain("Exit this page");
    for (const path of ["/login", "/apply", "/no-such-page"]) {
      const html = await (await fetch(new URL(path, praxis.url), { headers: { "accept-language": "fr" } })).text();
      expect(html, path).toMatch(/<form id="quick-exit"[^>]*action="\/exit" method="post">/);
      expect(html, path).toContain("Quitter cette page");
    }
  });
});

describe("the neutral page", () => {
  it("names nothing and loads nothing", async () => {
    const response = await fetch(new URL("/search", praxis.url), { headers: { "accept-language": "en" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/praxis/i);
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|src=|https?:\/\//);
    expect(html).toContain("<title>Search</title>");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("speaks the visitor's language", async () => {
    const html = await (await fetch(new URL("/search?q=m%C3%A9t%C3%A9o", praxis.url), { headers: { "accept-language": "fr-FR,fr" } })).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Aucun résultat.");
  });

  it("clears the site's data when reached from this site, never when linked from elsewhere", async () => {
    const ours = await fetch(new URL("/search", praxis.url), { headers: SAME_ORIGIN });
    expect(ours.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
    const linked = await fetch(new URL("/search", praxis.url), { headers: { "sec-fetch-site": "cross-site" } });
    expect(linked.headers.get("clear-site-data")).toBeNull();
  });
});

describe("caching", () => {
  it("never stores a signed-in page, its navigation data included", async () => {
    const { browser } = await signedIn();
    for (const path of ["/", "/settings", "/groups/rooting-care", "/settings.data"]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("leaves signed-out pages as they were", async () => {
    const response = await fetch(new URL("/login", praxis.url));
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
  });
});

describe("a device whose session ended elsewhere", () => {
  function expectTold(response: Response) {
    expect(response.headers.get("clear-site-data")).toBe('"cache", "storage"');
    expect(response.headers.getSetCookie().join("\n")).toMatch(/^praxis_session=; .*Max-Age=0/m);
    expect(response.headers.get("cache-control")).toBe("no-store");
  }

  it("is told to drop its storage on its next page load after a revoke", async () => {
    const { member } = await signedIn();
    const phone = new Browserless(praxis.url);
    await phone.signIn(member.username, member.password);
    const laptop = new Browserless(praxis.url);
    await laptop.signIn(member.username, member.password);
    await laptop.post("/settings", { intent: "revoke", sessionId: phone.cookies.get("praxis_session")!.split(".")[0] });
    const stale = phone.cookies.get("praxis_session")!;
    const page = await phone.get("/groups/rooting-care");
    expect(page.status).toBe(302);
    expectTold(page);
    expect(phone.cookies.has("praxis_session")).toBe(false);
    // Client-side navigation asks for data, not a page: told all the same.
    const data = await fetch(new URL("/settings.data", praxis.url), { redirect: "manual", headers: { cookie: `praxis_session=${stale}` } });
    expectTold(data);
    // The laptop, still signed in, is told nothing of the kind.
    const laptopPage = await laptop.get("/");
    expect(laptopPage.headers.get("clear-site-data")).toBeNull();
  });

  it("is told so after the session expired, and after a password change", async () => {
    const { browser, sessionId } = await signedIn();
    await db().session.update({ where: { id: sessionId }, data: { lastActiveAt: new Date(Date.now() - SESSION_INACTIVITY_MS - 1000) } });
    expectTold(await browser.get("/login"));

    const member = await createMember();
    const one = new Browserless(praxis.url);
    const two = new Browserless(praxis.url);
    await one.signIn(member.username, member.password);
    await two.signIn(member.username, member.password);
    const changed = await one.post("/settings", { intent: "password", current: member.password, next: "a brand new passphrase", confirm: "a brand new passphrase" });
    // The device that changed it drops its storage at once, the other at its next request.
    expect(changed.headers.get("clear-site-data")).toBe('"cache", "storage"');
    expectTold(await two.get("/"));
  });

  it("can sign in again over the stale cookie and keeps the new one", async () => {
    const { browser, member, sessionId } = await signedIn();
    await db().session.delete({ where: { id: sessionId } });
    const response = await browser.post("/login", { username: member.username, password: member.password });
    expect(response.status).toBe(303);
    expect(browser.cookies.get("praxis_session")).toBeTruthy();
    expect(browser.cookies.get("praxis_session")!.split(".")[0]).not.toBe(sessionId);
    expect((await browser.get("/")).status).toBe(200);
  });

  it("is not told anything when it simply has no session", async () => {
    const response = await fetch(new URL("/login", praxis.url));
    expect(response.headers.get("clear-site-data")).toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("QUICK_EXIT_URL", () => {
  it("sends people to the address the operator chose", async () => {
    const other = await praxis.startAnother({ QUICK_EXIT_URL: "https://weather.example/today" });
    try {
      const response = await fetch(new URL("/exit", other.url), { method: "POST", redirect: "manual" });
      expect(response.headers.get("location")).toBe("https://weather.example/today");
      const html = await (await fetch(new URL("/login", other.url))).text();
      expect(html).toContain('data-to="https://weather.example/today"');
    } finally {
      await other.stop();
    }
  }, 120_000);

  it("stops the server at start with a clear message when it is not a safe address", async () => {
    await expect(startPraxisProcess({ DATABASE_URL: praxis.database.url, QUICK_EXIT_URL: "//elsewhere.example" })).rejects.toThrow(
      /QUICK_EXIT_URL: must be a path on this site/,
    );
  }, 120_000);
});
