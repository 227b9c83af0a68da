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
import * as signInPolicy from "./policies/sign-in";
import { ok, refuse, type Refusal, type Result } from "./result";
import { clearMustEnrol, isRecentlyReauthenticated, markReauthenticated, revokeAllSessions, type ActiveSession } from "./sessions.server";
import { secondFactorRequired } from "./sign-in-rules.server";

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off still works. */
const WINDOW = 1;
const RECOVERY_CODES = 10;
const CHALLENGE_MS = 5 * 60 * 1000;

// Failed codes only, as for passwords: ten per member and fifty per address in fifteen minutes.
const memberLimiter = createRateLimiter({ name: "second-factor-member", limit: 10, windowMs: 15 * 60 * 1000 });
const addressLimiter = createRateLimiter({ name: "second-factor-address", limit: 50, windowMs: 15 * 60 * 1000 });

/** Shared by every second-factor check (codes, passkeys): a refusal while over the limit. */
export async function factorAttemptsLimited(userId: string | null, address: string): Promise<Refusal | null> {
  const checks = await Promise.all([addressLimiter.check([`a:${address}`]), ...(userId ? [memberLimiter.check([`u:${userId}`])] : [])]);
  const limited = checks.find((v) => !v.allowed);
  return limited ? refuse.tooMany("auth:errors.rateLimited", limited.retryAfterSeconds) : null;
}

export async function factorAttemptFailed(userId: string | null, address: string): Promise<void> {
  await Promise.all([addressLimiter.hit([`a:${address}`]), ...(userId ? [memberLimiter.hit([`u:${userId}`])] : [])]);
}

export async function factorAttemptSucceeded(userId: string): Promise<void> {
  await memberLimiter.reset(`u:${userId}`);
}

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

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface SecondFactorStatus {
  /** The authenticator app is set up. */
  enrolled: boolean;
  passkeys: PasskeyView[];
  /** The rules require a second factor of this member. */
  required: boolean;
  recoveryCodesLeft: number;
  /** Enrolment begun but not confirmed: the secret and the otpauth URI to type into an app. */
  pending: { secret: string; uri: string } | null;
}

export async function secondFactorStatus(self: Actor): Promise<SecondFactorStatus> {
  const [factor, left, user, passkeys, required] = await Promise.all([
    db().totpFactor.findUnique({ where: { userId: self.id } }),
    db().recoveryCode.count({ where: { userId: self.id, usedAt: null } }),
    db().user.findUnique({ where: { id: self.id }, select: { username: true } }),
    db().passkey.findMany({ where: { userId: self.id }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } }),
    secondFactorRequired(self),
  ]);
  const pending = factor && !factor.confirmedAt ? { secret: factor.secret, uri: totp(factor.secret, user?.username ?? "account").toString() } : null;
  return { enrolled: Boolean(factor?.confirmedAt), passkeys, required, recoveryCodesLeft: left, pending };
}

/** An authenticator app or at least one passkey. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [codes, passkeys] = await Promise.all([
    db().totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db().passkey.count({ where: { userId } }),
  ]);
  return codes + passkeys > 0;
}

/** Which second factors sign-in may offer this member. */
export async function secondFactorKinds(userId: string): Promise<{ totp: boolean; passkey: boolean }> {
  const [codes, passkeys] = await Promise.all([
    db().totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db().passkey.count({ where: { userId } }),
  ]);
  return { totp: codes > 0, passkey: passkeys > 0 };
}

/**
 * Changing factors needs proof it is still them: the password typed with the change, or a
 * recent re-authentication on this session (sign-in, or "confirm it's you").
 */
export async function provedItIsYou(self: Pick<Actor, "id">, proof: { password?: string; session?: Pick<ActiveSession, "id" | "reauthenticatedAt"> }): Promise<Result> {
  if (proof.password) {
    if (!(await passwordMatches(self, proof.password))) return refuse.invalid("settings:secondFactor.errors.passwordWrong", "password");
    if (proof.session) await markReauthenticated(proof.session.id);
    return ok();
  }
  if (proof.session && isRecentlyReauthenticated(proof.session)) return ok();
  return refuse.forbidden("settings:factors.errors.confirmFirst");
}

/** "Confirm it's you" before changing factors: the password, or a code from the app. */
export async function reauthenticate(
  self: Pick<Actor, "id">,
  session: Pick<ActiveSession, "id">,
  input: { password?: string; code?: string; address: string },
): Promise<Result> {
  const limited = await factorAttemptsLimited(self.id, input.address);
  if (limited) return limited;
  let proved = false;
  if (input.password) proved = await passwordMatches(self, input.password);
  else if (input.code) {
    const code = normalise(input.code);
    const factor = isTotpCode(code) ? await db().totpFactor.findUnique({ where: { userId: self.id } }) : null;
    const step = factor?.confirmedAt ? acceptedStep(factor.secret, code, factor.lastStep) : null;
    if (step !== null) {
      const { count } = await db().totpFactor.updateMany({ where: { userId: self.id, OR: [{ lastStep: null }, { lastStep: { lt: step } }] }, data: { lastStep: step } });
      proved = count === 1;
    }
  }
  if (!proved) {
    await factorAttemptFailed(self.id, input.address);
    return refuse.invalid(input.password ? "settings:secondFactor.errors.passwordWrong" : "settings:secondFactor.errors.codeWrong", input.password ? "password" : "code");
  }
  await factorAttemptSucceeded(self.id);
  await markReauthenticated(session.id);
  return ok();
}

/** Whether removing this factor would leave a member the rules require it of with none. */
export async function wouldLeaveRequiredMemberBare(self: Actor, removing: { totp?: boolean; passkeyId?: string }): Promise<boolean> {
  if (!(await secondFactorRequired(self))) return false;
  const [codes, passkeys] = await Promise.all([
    removing.totp ? 0 : db().totpFactor.count({ where: { userId: self.id, confirmedAt: { not: null } } }),
    db().passkey.count({ where: { userId: self.id, ...(removing.passkeyId ? { id: { not: removing.passkeyId } } : {}) } }),
  ]);
  return codes + passkeys === 0;
}

/** After a first factor is set up: the audit line, and an enrolment-only session is let go. */
export async function factorEnrolled(userId: string, kind: "totp" | "passkey"): Promise<void> {
  await recordAudit({ actorId: userId, action: "secondFactor.enrolled", objectType: "user", objectId: userId, data: { kind } });
  await clearMustEnrol(userId);
}

/**
 * A coordinator clears every factor of a member who lost them all (app, passkeys, recovery
 * codes). The coordinator sees none of them; the member's sessions end, and if the rules
 * require a factor of them they enrol again at their next sign-in.
 */
export async function resetSecondFactors(actor: Actor, memberId: string): Promise<Result> {
  if (!signInPolicy.allow(actor, "resetFactors", { id: memberId })) return refuse.forbidden();
  if (!memberId || (await db().user.count({ where: { id: memberId } })) === 0) return refuse.notFound();
  await db().$transaction([
    db().totpFactor.deleteMany({ where: { userId: memberId } }),
    db().recoveryCode.deleteMany({ where: { userId: memberId } }),
    db().passkey.deleteMany({ where: { userId: memberId } }),
    db().signInChallenge.deleteMany({ where: { userId: memberId } }),
  ]);
  await revokeAllSessions(memberId);
  await recordAudit({ actorId: actor.id, action: "secondFactor.reset", objectType: "user", objectId: memberId });
  return ok();
}

/** Step one of enrolling: the password again (or a recent proof), then a fresh secret to add to an app. */
export async function startTotpEnrolment(self: Pick<Actor, "id">, input: { password: string }, session?: Pick<ActiveSession, "id" | "reauthenticatedAt">): Promise<Result> {
  const proved = await provedItIsYou(self, { password: input.password, session });
  if (!proved.ok) return proved;
  if (await hasSecondFactor(self.id)) return refuse.conflict("settings:secondFactor.errors.alreadyOn");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db().totpFactor.upsert({ where: { userId: self.id }, create: { userId: self.id, secret }, update: { secret, confirmedAt: null, lastStep: null } });
  return ok();
}

async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomToken(7).slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: await Promise.all(codes.map((c) => hashPassword(normalise(c)))) };
}

/** A first factor that is not the app (a passkey): recovery codes too, unless some are left. Shown once. */
export async function recoveryCodesIfNone(userId: string): Promise<string[] | null> {
  if ((await db().recoveryCode.count({ where: { userId, usedAt: null } })) > 0) return null;
  const { codes, hashes } = await newRecoveryCodes();
  await db().$transaction([
    db().recoveryCode.deleteMany({ where: { userId } }),
    db().recoveryCode.createMany({ data: hashes.map((codeHash) => ({ id: newId(), userId, codeHash })) }),
  ]);
  return codes;
}

/** Step two: a first code from the app proves it was added; the recovery codes are shown once. */
export async function confirmTotpEnrolment(self: Pick<Actor, "id">, input: { code: string }): Promise<Result<{ recoveryCodes: string[] }>> {
  const factor = await db().totpFactor.findUnique({ where: { userId: self.id } });
  if (!factor || factor.confirmedAt) return refuse.conflict("settings:secondFactor.errors.notStarted");
  const code = normalise(input.code);
  if (!isTotpCode(code)) return refuse.invalid("settings:secondFactor.errors.codeFormat", "code");
  const step = acceptedStep(factor.secret, code, factor.lastStep);
  if (step === null) return refuse.invalid("settings:secondFactor.errors.codeWrong", "code");
  const { codes: recoveryCodes, hashes } = await newRecoveryCodes();
  await db().$transaction([
    db().totpFactor.update({ where: { userId: self.id }, data: { confirmedAt: new Date(), lastStep: step } }),
    db().recoveryCode.deleteMany({ where: { userId: self.id } }),
    db().recoveryCode.createMany({ data: hashes.map((codeHash) => ({ id: newId(), userId: self.id, codeHash })) }),
  ]);
  await factorEnrolled(self.id, "totp");
  return ok({ recoveryCodes });
}

/** Turning it off asks for the password again (or a recent proof); the recovery codes go with it unless passkeys remain. */
export async function removeTotp(self: Actor, input: { password: string }, session?: Pick<ActiveSession, "id" | "reauthenticatedAt">): Promise<Result> {
  const proved = await provedItIsYou(self, { password: input.password, session });
  if (!proved.ok) return proved;
  if (await wouldLeaveRequiredMemberBare(self, { totp: true })) return refuse.conflict("settings:factors.errors.lastRequired");
  const passkeysLeft = await db().passkey.count({ where: { userId: self.id } });
  await db().$transaction([
    db().totpFactor.deleteMany({ where: { userId: self.id } }),
    ...(passkeysLeft === 0 ? [db().recoveryCode.deleteMany({ where: { userId: self.id } })] : []),
  ]);
  await recordAudit({ actorId: self.id, action: "secondFactor.removed", objectType: "user", objectId: self.id, data: { kind: "totp" } });
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

/** The member a live sign-in challenge (after a right password) is for, or null. Not used up. */
export async function signInChallengeUser(challenge: string): Promise<string | null> {
  const [id, secret, extra] = challenge.split(".");
  const row = id && secret && extra === undefined && id.length <= 40 ? await db().signInChallenge.findUnique({ where: { id } }) : null;
  if (!row || !constantTimeEqual(sha256(secret), row.secretHash) || row.expiresAt.getTime() <= Date.now()) return null;
  return row.userId;
}

/** The challenge is spent: the second step succeeded another way (a passkey). */
export async function endSignInChallenge(challenge: string): Promise<void> {
  const [id] = challenge.split(".");
  if (id) await db().signInChallenge.deleteMany({ where: { id } });
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
