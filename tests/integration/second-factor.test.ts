// Two-step sign-in with an authenticator app (TOTP) and recovery codes, against a real server:
// enrolling asks for the password, sign-in asks for the code after it (without JavaScript), and
// wrong codes are rate-limited like passwords.
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis();

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

/** A member with two-step sign-in on; returns their secret and recovery codes. */
async function enrolled() {
  const member = await createMember();
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  const start = await browser.post("/settings", { intent: "totp-start", password: member.password });
  expect(start.status).toBe(200);
  const { secret } = await db().totpFactor.findUniqueOrThrow({ where: { userId: member.id } });
  const page = await (await browser.get("/settings")).text();
  expect(page).toContain(secret.match(/.{1,4}/g)!.join(" "));
  expect(page).toContain(`otpauth://totp/${member.username}?secret=${secret}`);
  const enrolCode = codeFor(secret);
  const confirm = await browser.post("/settings", { intent: "totp-confirm", code: enrolCode });
  expect(confirm.status).toBe(200);
  const html = await confirm.text();
  const recoveryCodes = [...html.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]);
  expect(recoveryCodes).toHaveLength(10);
  return { member, secret, recoveryCodes, enrolCode };
}

async function passwordStep(member: { username: string; password: string }, browser = new Browserless(praxis.url)) {
  const response = await browser.post("/login", { username: member.username, password: member.password }, { "accept-language": "en" });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(browser.cookies.has("praxis_session")).toBe(false);
  const challenge = /name="challenge" value="([^"]+)"/.exec(html)![1];
  return { browser, challenge, html };
}

describe("enrolling", () => {
  it("asks for the password again, then a first code; the recovery codes are stored hashed", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const wrong = await browser.post("/settings", { intent: "totp-start", password: "not my password" }, { "accept-language": "fr" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Ce n’est pas votre mot de passe.");
    expect(await db().totpFactor.count({ where: { userId: member.id } })).toBe(0);

    await browser.post("/settings", { intent: "totp-start", password: member.password });
    const { secret } = await db().totpFactor.findUniqueOrThrow({ where: { userId: member.id } });
    const badCode = await browser.post("/settings", { intent: "totp-confirm", code: "000000" === codeFor(secret) ? "111111" : "000000" }, { "accept-language": "en" });
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain("That code is not right.");
    const done = await browser.post("/settings", { intent: "totp-confirm", code: codeFor(secret) });
    const shown = [...(await done.text()).matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]);
    expect(shown).toHaveLength(10);
    const stored = await db().recoveryCode.findMany({ where: { userId: member.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      for (const code of shown) expect(row.codeHash).not.toContain(code.replace("-", ""));
    }
    // Shown once: the settings page later shows neither the secret nor the codes.
    const later = await (await browser.get("/settings")).text();
    expect(later).not.toContain(secret);
    expect(later).not.toContain(shown[0]);
    expect(later).toContain("10 recovery codes left.");
  });

  it("is turned off only with the password, and the recovery codes go with it", async () => {
    const { member } = await enrolled();
    const browser = new Browserless(praxis.url);
    const { challenge } = await passwordStep(member, browser);
    const factor = await db().totpFactor.findUniqueOrThrow({ where: { userId: member.id } });
    await browser.post("/login", { intent: "code", challenge, code: codeFor(factor.secret, 1) });
    expect(browser.cookies.has("praxis_session")).toBe(true);
    expect((await browser.post("/settings", { intent: "totp-remove", password: "wrong password" })).status).toBe(400);
    expect((await browser.post("/settings", { intent: "totp-remove", password: member.password })).status).toBe(200);
    expect(await db().totpFactor.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: member.id } })).toBe(0);
    await new Browserless(praxis.url).signIn(member.username, member.password);
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code after the password, and a right code opens a session", async () => {
    const { member, secret, enrolCode } = await enrolled();
    const { browser, challenge, html } = await passwordStep(member);
    expect(html).toContain("Two-step sign-in");
    expect(html).toContain('name="code"');
    // A code already used (at enrolment) is not accepted again; the next step's code is.
    const replayed = await browser.post("/login", { intent: "code", challenge, code: enrolCode });
    expect(replayed.status).toBe(400);
    const response = await browser.post("/login?next=/settings", { intent: "code", challenge, code: codeFor(secret, 1) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings");
    expect((await browser.get("/")).status).toBe(200);
    // The challenge is spent.
    const again = await new Browserless(praxis.url).post("/login", { intent: "code", challenge, code: codeFor(secret, 1) });
    expect(again.status).toBe(409);
  });

  it("takes a recovery code once", async () => {
    const { member, recoveryCodes } = await enrolled();
    const first = await passwordStep(member);
    const ok = await first.browser.post("/login", { intent: "code", challenge: first.challenge, code: recoveryCodes[3].toUpperCase() });
    expect(ok.status).toBe(303);
    expect(await db().recoveryCode.count({ where: { userId: member.id, usedAt: { not: null } } })).toBe(1);
    const second = await passwordStep(member);
    const reused = await second.browser.post("/login", { intent: "code", challenge: second.challenge, code: recoveryCodes[3] }, { "accept-language": "fr" });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("Ce code n’est pas le bon.");
  });

  it("refuses a wrong code with a clear message and keeps the same step", async () => {
    const { member, secret } = await enrolled();
    const { browser, challenge } = await passwordStep(member);
    const wrong = codeFor(secret) === "123456" ? "654321" : "123456";
    const response = await browser.post("/login", { intent: "code", challenge, code: wrong }, { "accept-language": "en" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("That code is not right.");
    expect(html).toContain(`value="${challenge}"`);
    expect(browser.cookies.has("praxis_session")).toBe(false);
  });

  it("starts again from the password when the challenge has expired", async () => {
    const { member, secret } = await enrolled();
    const { browser, challenge } = await passwordStep(member);
    await db().signInChallenge.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await browser.post("/login", { intent: "code", challenge, code: codeFor(secret, 1) }, { "accept-language": "fr" });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("La connexion a pris trop de temps.");
    expect(html).toContain('name="password"');
  });

  it("rate-limits wrong codes like passwords, the right one too once over the limit", async () => {
    const { member, secret } = await enrolled();
    const { browser, challenge } = await passwordStep(member);
    const right = codeFor(secret, 1);
    const wrong = right === "000001" ? "000002" : "000001";
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await browser.post("/login", { intent: "code", challenge, code: wrong })).status).toBe(400);
    }
    const limited = await browser.post("/login", { intent: "code", challenge, code: right }, { "accept-language": "en" });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Too many attempts");
    expect(browser.cookies.has("praxis_session")).toBe(false);
  });

  it("leaves members without a second factor signing in with the password alone", async () => {
    const member = await createMember();
    const response = await new Browserless(praxis.url).post("/login", { username: member.username, password: member.password });
    expect(response.status).toBe(303);
  });
});
