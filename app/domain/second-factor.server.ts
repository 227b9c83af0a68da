// A second factor for signing in: a code from an authenticator app (TOTP, RFC 6238, through the
// maintained `otpauth` library) and one-time recovery codes. Enrolling and removing ask for the
// password again; sign-in asks for the code after the password, rate-limited like passwords.
import * as OTPAuth from "otpauth";
import { db } from "~/infra/db.server";
import { constantTimeEqual, newId, randomToken, sha256 } from "~/infra/ids.server";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { hashPassword, matchesHash, passwordMatches } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { Actor } from "./permissions";
import { ok, refuse, type Result } from "./result";

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off still works. */
const WINDOW = 1;
const RECOVERY_CODES = 10;
const CHALLENGE_MS = 5 * 60 * 1000;

// Failed codes only, as for passwords: ten per member and fifty per address in fifteen minutes.
const memberLimiter = createRateLimiter({ name: "second-factor-member", limit: 10, windowMs: 15 * 60 * 1000 });
const addressLimiter = createRateLimiter({ name: "second-factor-address", limit: 50, windowMs: 15 * 60 * 1000 });

function totp(secret: string, label: string) {
  // No issuer: an authenticator app on a seized phone should not name Praxis.
  return new OTPAuth.TOTP({ label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The step a code is valid for, or null; the same code is never accepted twice. */
function acceptedStep(secret: string, code: string, lastStep: number | null): number | null {
  const delta = totp(secret, "code").validate({ token: code, window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, "").slice(0, 64);
const isTotpCode = (code: string) => /^\d{6}$/.test(code);

export interface SecondFactorStatus {
  enrolled: boolean;
  recoveryCodesLeft: number;
  /** Enrolment begun but not confirmed: the secret and the otpauth URI to type into an app. */
  pending: { secret: string; uri: string } | null;
}

export async function secondFactorStatus(self: Pick<Actor, "id">): Promise<SecondFactorStatus> {
  const [factor, left, user] = await Promise.all([
    db().totpFactor.findUnique({ where: { userId: self.id } }),
    db().recoveryCode.count({ where: { userId: self.id, usedAt: null } }),
    db().user.findUnique({ where: { id: self.id }, select: { username: true } }),
  ]);
  const pending = factor && !factor.confirmedAt ? { secret: factor.secret, uri: totp(factor.secret, user?.username ?? "account").toString() } : null;
  return { enrolled: Boolean(factor?.confirmedAt), recoveryCodesLeft: left, pending };
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await db().totpFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/** Step one of enrolling: the password again, then a fresh secret to add to an authenticator app. */
export async function startTotpEnrolment(self: Pick<Actor, "id">, input: { password: string }): Promise<Result> {
  if (!(await passwordMatches(self, input.password))) return refuse.invalid("settings:secondFactor.errors.passwordWrong", "password");
  if (await hasSecondFactor(self.id)) return refuse.conflict("settings:secondFactor.errors.alreadyOn");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db().totpFactor.upsert({ where: { userId: self.id }, create: { userId: self.id, secret }, update: { secret, confirmedAt: null, lastStep: null } });
  return ok();
}

/** Step two: a first code from the app proves it was added; the recovery codes are shown once. */
export async function confirmTotpEnrolment(self: Pick<Actor, "id">, input: { code: string }): Promise<Result<{ recoveryCodes: string[] }>> {
  const factor = await db().totpFactor.findUnique({ where: { userId: self.id } });
  if (!factor || factor.confirmedAt) return refuse.conflict("settings:secondFactor.errors.notStarted");
  const code = normalise(input.code);
  if (!isTotpCode(code)) return refuse.invalid("settings:secondFactor.errors.codeFormat", "code");
  const step = acceptedStep(factor.secret, code, factor.lastStep);
  if (step === null) return refuse.invalid("settings:secondFactor.errors.codeWrong", "code");
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomToken(7).slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  const hashes = await Promise.all(recoveryCodes.map((c) => hashPassword(normalise(c))));
  await db().$transaction([
    db().totpFactor.update({ where: { userId: self.id }, data: { confirmedAt: new Date(), lastStep: step } }),
    db().recoveryCode.deleteMany({ where: { userId: self.id } }),
    db().recoveryCode.createMany({ data: hashes.map((codeHash) => ({ id: newId(), userId: self.id, codeHash })) }),
  ]);
  await recordAudit({ actorId: self.id, action: "secondFactor.enrolled", objectType: "user", objectId: self.id });
  return ok({ recoveryCodes });
}

/** Turning it off asks for the password again; the recovery codes go with it. */
export async function removeTotp(self: Pick<Actor, "id">, input: { password: string }): Promise<Result> {
  if (!(await passwordMatches(self, input.password))) return refuse.invalid("settings:secondFactor.errors.passwordWrong", "password");
  await db().$transaction([db().totpFactor.deleteMany({ where: { userId: self.id } }), db().recoveryCode.deleteMany({ where: { userId: self.id } })]);
  await recordAudit({ actorId: self.id, action: "secondFactor.removed", objectType: "user", objectId: self.id });
  return ok();
}

/** After a right password, for a member with a second factor: the token the code form carries. */
export async function createSignInChallenge(userId: string): Promise<string> {
  const id = randomToken(15);
  const secret = randomToken(20);
  await db().signInChallenge.deleteMany({ where: { OR: [{ userId }, { expiresAt: { lt: new Date() } }] } });
  await db().signInChallenge.create({ data: { id, userId, secretHash: new Uint8Array(sha256(secret)), expiresAt: new Date(Date.now() + CHALLENGE_MS) } });
  return `${id}.${secret}`;
}

/**
 * The second step of signing in: a code from the app, or an unused recovery code (used up by
 * this). Refusals: 400 a wrong code (same challenge, try again), 409 the challenge expired or is
 * unknown (start again from the password), 429 too many wrong codes.
 */
export async function verifySecondFactor(input: { challenge: string; code: string; address: string }): Promise<Result<{ userId: string; usedRecoveryCode: boolean }>> {
  const [id, secret, extra] = input.challenge.split(".");
  const row = id && secret && extra === undefined && id.length <= 40 ? await db().signInChallenge.findUnique({ where: { id } }) : null;
  if (!row || !constantTimeEqual(sha256(secret), row.secretHash) || row.expiresAt.getTime() <= Date.now()) {
    if (row) await db().signInChallenge.deleteMany({ where: { id: row.id } });
    return refuse.conflict("auth:errors.challengeExpired");
  }
  const keys = [`u:${row.userId}`, `a:${input.address}`] as const;
  const limited = (await Promise.all([memberLimiter.check([keys[0]]), addressLimiter.check([keys[1]])])).find((v) => !v.allowed);
  if (limited) return refuse.tooMany("auth:errors.rateLimited", limited.retryAfterSeconds);

  const code = normalise(input.code);
  let accepted = false;
  let usedRecoveryCode = false;
  if (isTotpCode(code)) {
    const factor = await db().totpFactor.findUnique({ where: { userId: row.userId } });
    const step = factor?.confirmedAt ? acceptedStep(factor.secret, code, factor.lastStep) : null;
    if (step !== null) {
      // Only one sign-in may spend this step's code, even two at once.
      const { count } = await db().totpFactor.updateMany({ where: { userId: row.userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] }, data: { lastStep: step } });
      accepted = count === 1;
    }
  } else if (code.length === 10) {
    const unused = await db().recoveryCode.findMany({ where: { userId: row.userId, usedAt: null }, select: { id: true, codeHash: true } });
    for (const candidate of unused) {
      if (!(await matchesHash(candidate.codeHash, code))) continue;
      const { count } = await db().recoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date() } });
      accepted = usedRecoveryCode = count === 1;
      break;
    }
  }
  if (!accepted) {
    await Promise.all([memberLimiter.hit([keys[0]]), addressLimiter.hit([keys[1]])]);
    return refuse.invalid("auth:errors.codeWrong", "code");
  }
  await memberLimiter.reset(keys[0]);
  await db().signInChallenge.deleteMany({ where: { id: row.id } });
  if (usedRecoveryCode) await recordAudit({ actorId: row.userId, action: "secondFactor.recoveryCodeUsed", objectType: "user", objectId: row.userId });
  return ok({ userId: row.userId, usedRecoveryCode });
}
