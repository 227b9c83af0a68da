// The second factor's rules against a real server: the coordinator's "require a second factor"
// setting (enrolment-only sessions), the coordinator's reset (audited, no secret shown, sessions
// ended), a recent proof before factors change, passkey names and removal, passkey attempts
// rate-limited like codes, and sign-in notices with their one-click "not me".
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { createCoordinator, createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectSocket, whenConnected } from "../support/realtime";
import en from "../../locales/en/auth.json";
import fr from "../../locales/fr/auth.json";

const praxis = usePraxis();
const FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0";

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function signedIn(member: { username: string; password: string }, headers: Record<string, string> = {}) {
  const browser = new Browserless(praxis.url);
  const response = await browser.post("/login", { username: member.username, password: member.password }, headers);
  expect(response.status).toBe(303);
  return { browser, location: response.headers.get("location") };
}

async function json(browser: Browserless, body: Record<string, unknown>, path = "/passkeys") {
  const response = await fetch(new URL(path, praxis.url), {
    method: "POST",
    headers: { cookie: browser.cookieHeader, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function enrolTotp(browser: Browserless, member: { id: string; password: string }) {
  await browser.post("/settings", { intent: "totp-start", password: member.password });
  const { secret } = await db().totpFactor.findUniqueOrThrow({ where: { userId: member.id } });
  expect((await browser.post("/settings", { intent: "totp-confirm", code: codeFor(secret) })).status).toBe(200);
  return secret;
}

/** A passkey row as enrolment would leave it (the ceremony itself is covered by the browser test). */
async function fakePasskey(userId: string, name = "Phone") {
  return db().passkey.create({ data: { id: `pk${Math.random().toString(36).slice(2, 12)}`, userId, credentialId: `cred-${Math.random().toString(36).slice(2)}`, publicKey: new Uint8Array([1, 2, 3]), name } });
}

/** The coordinator's setting through their form; with the rule on, a new coordinator would first have to enrol. */
async function setRule(required: boolean) {
  await db().securitySettings.deleteMany({});
  const coordinator = await createCoordinator();
  const { browser } = await signedIn(coordinator);
  const response = await browser.post("/people", { intent: "sign-in-rules", ...(required ? { requireSecondFactor: "on" } : {}) });
  expect(response.status).toBe(200);
  return { coordinator, browser };
}

describe("the coordinator's rule: a second factor for coordinators, MEL and leads", () => {
  it("sends a lead without one to enrol, and opens nothing else until they have", async () => {
    const { coordinator } = await setRule(true);
    expect((await db().securitySettings.findUniqueOrThrow({ where: { id: "security" } })).requireSecondFactor).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "signIn.rulesChanged", actorId: coordinator.id } });
    expect(JSON.parse(audit.data)).toEqual({ requireSecondFactor: true });

    const lead = await createMember({ lead: true });
    const { browser, location } = await signedIn(lead);
    expect(location).toBe("/settings?enrol=required#second-factor-heading");
    for (const path of ["/", "/community", "/notifications", "/library", "/groups/rooting-care"]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe("/settings?enrol=required#second-factor-heading");
    }
    const settings = await browser.get("/settings?enrol=required", { "accept-language": "fr" });
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain("Votre coordination demande");
    // Nothing live either, until they have enrolled.
    const early = connectSocket(praxis.url, browser.cookieHeader);
    await expect(whenConnected(early)).rejects.toThrow("forbidden");
    early.close();

    await enrolTotp(browser, lead);
    expect((await browser.get("/community")).status).toBe(200);
    expect(await db().session.count({ where: { userId: lead.id, mustEnrol: true } })).toBe(0);
    const live = connectSocket(praxis.url, browser.cookieHeader);
    await whenConnected(live);
    live.close();
  });

  it("asks nothing of ordinary members, and sign-out stays open to those who must enrol", async () => {
    await setRule(true);
    const member = await createMember();
    const { location } = await signedIn(member);
    expect(location).toBe("/");
    const mel = await createMember({ role: "mel", group: null });
    const { browser } = await signedIn(mel);
    expect((await browser.get("/")).status).toBe(302);
    const out = await browser.post("/logout", {});
    expect(out.status).toBe(303);
    expect(await db().session.count({ where: { userId: mel.id } })).toBe(0);
  });

  it("refuses to remove the last factor of someone it applies to", async () => {
    await setRule(true);
    const lead = await createMember({ lead: true });
    const { browser } = await signedIn(lead);
    await enrolTotp(browser, lead);
    const refused = await browser.post("/settings", { intent: "totp-remove", password: lead.password }, { "accept-language": "en" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Your coordinator requires a second factor");
    const passkey = await fakePasskey(lead.id);
    expect((await browser.post("/settings", { intent: "totp-remove", password: lead.password })).status).toBe(200);
    expect((await browser.post("/settings", { intent: "passkey-remove", passkeyId: passkey.id, password: lead.password })).status).toBe(409);
  });

  it("is the coordinator's to change", async () => {
    await setRule(false);
    const lead = await createMember({ lead: true });
    const { browser } = await signedIn(lead);
    expect((await browser.post("/people", { intent: "sign-in-rules", requireSecondFactor: "on" })).status).toBe(403);
  });
});

describe("a coordinator resets the factors of a member who lost them", () => {
  it("clears every factor without showing any, ends their sessions, and records who did it", async () => {
    await setRule(false);
    const member = await createMember();
    const { browser: memberBrowser } = await signedIn(member);
    const secret = await enrolTotp(memberBrowser, member);
    await fakePasskey(member.id);
    const coordinator = await createCoordinator();
    const { browser } = await signedIn(coordinator);
    const people = await (await browser.get("/people")).text();
    expect(people).not.toContain(secret);

    const response = await browser.post("/people", { intent: "reset-factors", userId: member.id });
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(secret);
    expect(await db().totpFactor.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().passkey.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);
    expect((await memberBrowser.get("/")).status).toBe(302);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "secondFactor.reset", objectId: member.id } });
    expect(audit.actorId).toBe(coordinator.id);
    expect(audit.data).toBe("{}");
    // They sign in with the password alone again.
    expect((await signedIn(member)).location).toBe("/");
  });

  it("is refused to others, and to a coordinator for themself", async () => {
    await setRule(false);
    const member = await createMember();
    const other = await createMember({ lead: true });
    const { browser } = await signedIn(other);
    expect((await browser.post("/people", { intent: "reset-factors", userId: member.id })).status).toBe(403);
    const coordinator = await createCoordinator();
    const { browser: own } = await signedIn(coordinator);
    expect((await own.post("/people", { intent: "reset-factors", userId: coordinator.id })).status).toBe(403);
  });
});

describe("changing factors needs a recent proof", () => {
  it("takes the password, or a code from the app, once the sign-in is no longer recent", async () => {
    await setRule(false);
    const member = await createMember();
    const { browser } = await signedIn(member);
    const secret = await enrolTotp(browser, member);
    const passkey = await fakePasskey(member.id, "Old phone");
    // Renaming is not a change of factor: no proof needed.
    expect((await browser.post("/settings", { intent: "passkey-rename", passkeyId: passkey.id, name: "Work laptop" })).status).toBe(200);
    expect((await db().passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name).toBe("Work laptop");
    expect((await browser.post("/settings", { intent: "passkey-rename", passkeyId: passkey.id, name: " " })).status).toBe(400);

    await db().session.updateMany({ where: { userId: member.id }, data: { reauthenticatedAt: new Date(Date.now() - 60 * 60 * 1000) } });
    const page = await (await browser.get("/settings", { "accept-language": "en" })).text();
    expect(page).toContain("Confirm it’s you");
    const refused = await browser.post("/settings", { intent: "passkey-remove", passkeyId: passkey.id }, { "accept-language": "en" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Confirm it’s you first");
    const options = await json(browser, { intent: "enrol-options" });
    expect(options.status).toBe(403);

    expect((await browser.post("/settings", { intent: "reauth", code: codeFor(secret, 1) })).status).toBe(200);
    expect((await browser.post("/settings", { intent: "passkey-remove", passkeyId: passkey.id })).status).toBe(200);
    expect(await db().passkey.count({ where: { userId: member.id } })).toBe(0);
    // Recovery codes stay while the app is on.
    expect(await db().recoveryCode.count({ where: { userId: member.id } })).toBe(10);
  });

  it("offers passkey enrolment options bound to this site, with the challenge kept on the server", async () => {
    const member = await createMember();
    const { browser } = await signedIn(member);
    const { status, body } = await json(browser, { intent: "enrol-options" });
    expect(status).toBe(200);
    const options = body.options as { rp: { id: string; name: string }; challenge: string; authenticatorSelection: { residentKey: string }; user: { name: string } };
    expect(options.rp.id).toBe(new URL(praxis.url).hostname);
    expect(options.rp.name).not.toMatch(/praxis/i);
    expect(options.authenticatorSelection.residentKey).toBe("required");
    const stored = await db().webAuthnChallenge.findUniqueOrThrow({ where: { id: body.challengeId as string } });
    expect(stored).toMatchObject({ purpose: "register", userId: member.id, challenge: options.challenge });
    expect(stored.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 2 * 60 * 1000 + 1000);
    // A forged answer is refused, and the challenge is spent.
    const forged = await json(browser, { intent: "enrol-verify", challengeId: body.challengeId, name: "Phone", response: { id: "x", rawId: "x", type: "public-key", response: {} } });
    expect(forged.status).toBe(400);
    expect(await db().webAuthnChallenge.count({ where: { id: body.challengeId as string } })).toBe(0);
    expect(await db().passkey.count({ where: { userId: member.id } })).toBe(0);
  });
});

describe("passkey attempts are rate-limited like codes", () => {
  it("refuses wrong answers, then says to wait, in the member's language", async () => {
    const member = await createMember();
    await fakePasskey(member.id);
    const browser = new Browserless(praxis.url);
    const step = await browser.post("/login", { username: member.username, password: member.password });
    const html = await step.text();
    expect(html).toContain("Use your passkey");
    const challenge = /name="challenge" value="([^"]+)"/.exec(html)![1];
    let last = { status: 0, body: {} as Record<string, unknown> };
    for (let attempt = 0; attempt < 11; attempt++) {
      const options = await json(browser, { intent: "second-factor-options", challenge });
      if (options.status === 200) expect((options.body.options as { allowCredentials: unknown[] }).allowCredentials).toHaveLength(1);
      last = await json(browser, { intent: "second-factor-verify", challenge, challengeId: options.body.challengeId, response: { id: "not-a-passkey", type: "public-key", response: {} } });
      if (attempt < 10) expect(last.status, `attempt ${attempt}`).toBe(400);
    }
    expect(last.status).toBe(429);
    expect(last.body.error).toBe("auth:errors.rateLimited");
    expect(en.errors.rateLimited).toBeTruthy();
    expect(fr.errors.rateLimited).toBeTruthy();
    expect(browser.cookies.has("praxis_session")).toBe(false);
  });

  it("counts wrong codes at 'confirm it's you' too, and says how long to wait", async () => {
    await setRule(false);
    const member = await createMember();
    const { browser } = await signedIn(member);
    const secret = await enrolTotp(browser, member);
    const wrong = codeFor(secret, 5) === "000000" ? "111111" : "000000";
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await browser.post("/settings", { intent: "reauth", code: wrong })).status).toBe(400);
    }
    const limited = await browser.post("/settings", { intent: "reauth", code: codeFor(secret, 1) }, { "accept-language": "fr" });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Trop de tentatives. Pour votre sécurité, attendez \d+ minutes avant de réessayer./);
  });

  it("refuses a password-less answer from an unknown passkey", async () => {
    const browser = new Browserless(praxis.url);
    const options = await json(browser, { intent: "sign-in-options" });
    expect(options.status).toBe(200);
    expect((options.body.options as { userVerification: string }).userVerification).toBe("required");
    const answer = await json(browser, { intent: "sign-in-verify", challengeId: options.body.challengeId, response: { id: "nobody", type: "public-key", response: {} } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("auth:errors.passkeyWrong");
  });
});

describe("session notices", () => {
  it("tells the member's other devices of a new sign-in, and 'not me' ends it", async () => {
    const member = await createMember();
    const { browser: phone } = await signedIn(member);
    const { browser: intruder } = await signedIn(member, { "user-agent": FIREFOX_ANDROID });
    const intruderSession = (await db().session.findMany({ where: { userId: member.id }, orderBy: { createdAt: "desc" } }))[0];

    const list = await (await phone.get("/notifications", { "accept-language": "en" })).text();
    expect(list).toContain("New sign-in: Firefox · Android");
    expect(list).toContain("Not me: end that session and change my password");
    const notice = await db().notification.findFirstOrThrow({ where: { userId: member.id, sessionId: intruderSession.id } });
    // Unread: another of their devices was signed in to see it (the badge).
    expect(notice).toMatchObject({ kind: "sign-in", deviceLabel: "Firefox · Android", readAt: null });
    // The first sign-in, with no other device to tell, waits in the list already read.
    const first = await db().notification.findFirstOrThrow({ where: { userId: member.id, kind: "sign-in", NOT: { sessionId: intruderSession.id } } });
    expect(first.readAt).not.toBeNull();
    // No address anywhere in what is kept.
    expect(JSON.stringify(notice)).not.toContain("127.0.0.1");

    // Someone else cannot end it through their own list.
    const other = await createMember();
    const { browser: stranger } = await signedIn(other);
    expect((await stranger.post("/notifications", { intent: "not-me", id: notice.id })).status).toBe(404);

    const notMe = await phone.post("/notifications", { intent: "not-me", id: notice.id });
    expect(notMe.status).toBe(303);
    expect(notMe.headers.get("location")).toBe("/settings?notMe=1#password-heading");
    expect(await db().session.count({ where: { id: intruderSession.id } })).toBe(0);
    expect((await intruder.get("/")).status).toBe(302);
    expect((await phone.get("/")).status).toBe(200);
    const settings = await (await phone.get("/settings?notMe=1", { "accept-language": "fr" })).text();
    expect(settings).toContain("Cette session est terminée");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "session.disowned", actorId: member.id } });
    expect(JSON.parse(audit.data)).toEqual({ ended: true });
  });
});
