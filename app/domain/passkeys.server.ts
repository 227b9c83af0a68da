// Passkeys (WebAuthn through the maintained @simplewebauthn/server; no third party involved):
// enrolled in settings, then used as the second factor after the password or to sign in
// without one (they are discoverable credentials). Every ceremony's challenge is kept here,
// server-side, for two minutes and spent once; the browser only carries its id.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { recordAudit } from "./audit.server";
import type { Actor } from "./permissions";
import { ok, refuse, type Result } from "./result";
import { factorAttemptFailed, factorAttemptsLimited, factorAttemptSucceeded, factorEnrolled, provedItIsYou, recoveryCodesIfNone, wouldLeaveRequiredMemberBare } from "./second-factor.server";
import { markReauthenticated, type ActiveSession } from "./sessions.server";

const CHALLENGE_MS = 2 * 60 * 1000;
const MAX_PASSKEYS = 10;

/** Where the ceremony happens: the RP ID (a host name) and the exact origin the browser reports. */
export interface RelyingParty {
  rpID: string;
  origin: string;
}

export type Purpose = "register" | "second-factor" | "sign-in" | "reauth";

export const passkeyNameSchema = z.string().trim().min(1, "settings:passkeys.errors.nameRequired").max(60, "settings:passkeys.errors.nameTooLong");

async function storeChallenge(purpose: Purpose, challenge: string, userId: string | null): Promise<string> {
  const id = newId();
  await db().webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db().webAuthnChallenge.create({ data: { id, purpose, challenge, userId, expiresAt: new Date(Date.now() + CHALLENGE_MS) } });
  return id;
}

/** The challenge, used up by this call whatever comes next: an answer is checked once. */
async function spendChallenge(id: string, purpose: Purpose, userId: string | null): Promise<string | null> {
  if (!id || id.length > 40) return null;
  const row = await db().webAuthnChallenge.findUnique({ where: { id } });
  if (!row) return null;
  const { count } = await db().webAuthnChallenge.deleteMany({ where: { id } });
  if (count !== 1 || row.purpose !== purpose || row.expiresAt.getTime() <= Date.now()) return null;
  if (userId !== null && row.userId !== userId) return null;
  return row.challenge;
}

const transportsOf = (stored: string) => stored.split(",").filter(Boolean) as AuthenticatorTransport[];

async function credentialsOf(userId: string) {
  return db().passkey.findMany({ where: { userId }, select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true } });
}

// ---------------------------------------------------------------------------------------------
// Enrolling

export async function startPasskeyEnrolment(
  self: Actor,
  rp: RelyingParty,
  session: Pick<ActiveSession, "id" | "reauthenticatedAt">,
): Promise<Result<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>> {
  const proved = await provedItIsYou(self, { session });
  if (!proved.ok) return proved;
  const [user, existing] = await Promise.all([db().user.findUnique({ where: { id: self.id }, select: { username: true } }), credentialsOf(self.id)]);
  if (!user) return refuse.notFound();
  if (existing.length >= MAX_PASSKEYS) return refuse.conflict("settings:passkeys.errors.tooMany");
  const options = await generateRegistrationOptions({
    // The host, not a brand: a passkey list on a seized phone should not say "Praxis".
    rpName: rp.rpID,
    rpID: rp.rpID,
    userName: user.username,
    userDisplayName: user.username,
    userID: new TextEncoder().encode(self.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
    // Discoverable, so the same passkey also signs in without a password.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  return ok({ challengeId: await storeChallenge("register", options.challenge, self.id), options });
}

export async function finishPasskeyEnrolment(
  self: Actor,
  rp: RelyingParty,
  session: Pick<ActiveSession, "id" | "reauthenticatedAt">,
  input: { challengeId: string; response: unknown; name: string },
): Promise<Result<{ id: string; recoveryCodes: string[] | null }>> {
  const name = passkeyNameSchema.safeParse(input.name);
  if (!name.success) return refuse.invalid(name.error.issues[0].message, "name");
  const proved = await provedItIsYou(self, { session });
  if (!proved.ok) return proved;
  const expectedChallenge = await spendChallenge(input.challengeId, "register", self.id);
  if (!expectedChallenge) return refuse.conflict("settings:passkeys.errors.expired");
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
  } catch (error) {
    log("info", "passkey enrolment refused", describeError(error));
    return refuse.invalid("settings:passkeys.errors.notAccepted");
  }
  if (!verification.verified || !verification.registrationInfo) return refuse.invalid("settings:passkeys.errors.notAccepted");
  const { credential } = verification.registrationInfo;
  if (await db().passkey.count({ where: { credentialId: credential.id } })) return refuse.conflict("settings:passkeys.errors.already");
  const id = newId();
  await db().passkey.create({
    data: {
      id,
      userId: self.id,
      credentialId: credential.id,
      publicKey: new Uint8Array(credential.publicKey),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(","),
      name: name.data,
    },
  });
  await factorEnrolled(self.id, "passkey");
  // A lost phone should not need the coordinator: codes to sign in without it, shown this once.
  return ok({ id, recoveryCodes: await recoveryCodesIfNone(self.id) });
}

export async function renamePasskey(self: Pick<Actor, "id">, passkeyId: string, newName: string): Promise<Result> {
  const name = passkeyNameSchema.safeParse(newName);
  if (!name.success) return refuse.invalid(name.error.issues[0].message, "name");
  const { count } = await db().passkey.updateMany({ where: { id: passkeyId, userId: self.id }, data: { name: name.data } });
  return count === 1 ? ok() : refuse.notFound();
}

export async function removePasskey(
  self: Actor,
  passkeyId: string,
  proof: { password?: string; session?: Pick<ActiveSession, "id" | "reauthenticatedAt"> },
): Promise<Result> {
  const proved = await provedItIsYou(self, proof);
  if (!proved.ok) return proved;
  if ((await db().passkey.count({ where: { id: passkeyId, userId: self.id } })) === 0) return refuse.notFound();
  if (await wouldLeaveRequiredMemberBare(self, { passkeyId })) return refuse.conflict("settings:factors.errors.lastRequired");
  await db().passkey.deleteMany({ where: { id: passkeyId, userId: self.id } });
  // The recovery codes stand in for factors; with none left they would be a factor of their own.
  const left = (await db().passkey.count({ where: { userId: self.id } })) + (await db().totpFactor.count({ where: { userId: self.id, confirmedAt: { not: null } } }));
  if (left === 0) await db().recoveryCode.deleteMany({ where: { userId: self.id } });
  await recordAudit({ actorId: self.id, action: "secondFactor.removed", objectType: "user", objectId: self.id, data: { kind: "passkey" } });
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Using one: after the password (second factor), instead of it (sign-in), or to confirm it's you

/**
 * Options for the browser. `userId` known (second factor, re-authentication): only that member's
 * passkeys are offered. Null (password-less sign-in): the authenticator offers what it holds.
 */
export async function startPasskeyUse(
  purpose: Exclude<Purpose, "register">,
  rp: RelyingParty,
  userId: string | null,
): Promise<Result<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>> {
  const allow = userId ? await credentialsOf(userId) : [];
  if (userId && allow.length === 0) return refuse.conflict("auth:errors.noPasskey");
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: allow.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
    // Without a password the passkey must prove the person too (PIN, fingerprint).
    userVerification: purpose === "sign-in" ? "required" : "preferred",
  });
  return ok({ challengeId: await storeChallenge(purpose, options.challenge, userId), options });
}

/**
 * Checks the browser's answer: the member whose passkey signed the challenge. Failures count
 * against the same limits as codes and passwords.
 */
export async function finishPasskeyUse(
  purpose: Exclude<Purpose, "register">,
  rp: RelyingParty,
  input: { challengeId: string; response: unknown; userId: string | null; address: string },
): Promise<Result<{ userId: string }>> {
  const limited = await factorAttemptsLimited(input.userId, input.address);
  if (limited) return limited;
  const expectedChallenge = await spendChallenge(input.challengeId, purpose, input.userId);
  if (!expectedChallenge) return refuse.conflict("auth:errors.passkeyExpired");
  const response = input.response as AuthenticationResponseJSON;
  const stored = typeof response?.id === "string" ? await db().passkey.findUnique({ where: { credentialId: response.id }, include: { user: { select: { deactivatedAt: true } } } }) : null;
  const fail = async () => {
    await factorAttemptFailed(input.userId ?? stored?.userId ?? null, input.address);
    return refuse.invalid("auth:errors.passkeyWrong");
  };
  if (!stored || stored.user.deactivatedAt || (input.userId !== null && stored.userId !== input.userId)) return fail();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: stored.credentialId, publicKey: new Uint8Array(stored.publicKey), counter: stored.counter, transports: transportsOf(stored.transports) },
      requireUserVerification: purpose === "sign-in",
    });
  } catch (error) {
    log("info", "passkey answer refused", describeError(error));
    return fail();
  }
  if (!verification.verified) return fail();
  await db().passkey.update({ where: { id: stored.id }, data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() } });
  await factorAttemptSucceeded(stored.userId);
  return ok({ userId: stored.userId });
}

/** "Confirm it's you" with a passkey, before changing factors. */
export async function reauthenticateWithPasskey(
  self: Pick<Actor, "id">,
  session: Pick<ActiveSession, "id">,
  rp: RelyingParty,
  input: { challengeId: string; response: unknown; address: string },
): Promise<Result> {
  const result = await finishPasskeyUse("reauth", rp, { ...input, userId: self.id });
  if (!result.ok) return result;
  await markReauthenticated(session.id);
  return ok();
}
