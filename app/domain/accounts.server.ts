// Accounts: pseudonymous members, their passwords (Argon2id), profiles and sign-in.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { publish } from "~/infra/events.server";
import { recordAudit } from "./audit.server";
import { revokeAllSessions } from "./sessions.server";
import { isSupportedLanguage } from "~/infra/i18n";
import { canonicalTimeZone } from "~/infra/time-zones";
import { timeZoneField } from "~/infra/validation";
import type { Actor } from "./permissions";
import * as people from "./policies/people";
import { ok, refuse, type Result as VerbResult } from "./result";
import { COP_ROLES, GROUP_ROLES, type CopRole, type GroupRole } from "./roles";

// Argon2id (algorithm 2) with OWASP's 19 MiB / 2 passes baseline.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, "accounts:username.invalid");
export const displayNameSchema = z.string().trim().min(1, "accounts:displayName.required").max(60, "accounts:displayName.tooLong");
// Length only: no composition rules, long passphrases welcome (the cap guards the hasher).
export const passwordSchema = z.string().min(8, "accounts:password.tooShort").max(1000, "accounts:password.tooLong");

export { COP_ROLES, type CopRole } from "./roles";

/**
 * @deprecated The old result shape, still imported by modules not yet moved to
 * `~/domain/result` (workplans, applications). New verbs return `Result` from there.
 */
export type Result<T = void> = { ok: true; value: T } | { ok: false; error: string; field?: string };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this keeps an unknown username as slow as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function createUser(input: {
  username: string;
  displayName: string;
  password: string;
  role?: CopRole;
  locale?: string | null;
  timeZone?: string | null;
  memberships?: Array<{ groupId: string; role: GroupRole }>;
}): Promise<{ id: string }> {
  const id = newId();
  await db().user.create({
    data: {
      id,
      username: usernameSchema.parse(input.username),
      displayName: displayNameSchema.parse(input.displayName),
      passwordHash: await hashPassword(passwordSchema.parse(input.password)),
      role: input.role ?? "member",
      locale: input.locale ?? null,
      // Browsers report zones by their old names too (Asia/Calcutta): store the current one.
      timeZone: canonicalTimeZone(input.timeZone),
      memberships: { create: (input.memberships ?? []).map((m) => ({ groupId: m.groupId, role: m.role })) },
    },
  });
  return { id };
}

export async function isUsernameTaken(username: string): Promise<boolean> {
  return (await db().user.count({ where: { username: username.trim().toLowerCase() } })) > 0;
}

// Failed attempts only: ten per username and fifty per address in fifteen minutes. Many
// members may share one address (a VPN, Tor, an office), so the address limit is looser.
const usernameLimiter = createRateLimiter({ name: "sign-in-username", limit: 10, windowMs: 15 * 60 * 1000 });
const addressLimiter = createRateLimiter({ name: "sign-in-address", limit: 50, windowMs: 15 * 60 * 1000 });

export type SignInResult =
  | { ok: true; userId: string; locale: string | null; timeZone: string | null }
  | { ok: false; error: "auth:errors.invalidCredentials" | "auth:errors.rateLimited"; retryAfterSeconds?: number };

export async function verifyCredentials(input: { username: string; password: string; address: string }): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const nameKey = `u:${username}`;
  const addressKey = `a:${input.address}`;
  const limited = (await Promise.all([usernameLimiter.check([nameKey]), addressLimiter.check([addressKey])])).find((v) => !v.allowed);
  if (limited) return { ok: false, error: "auth:errors.rateLimited", retryAfterSeconds: limited.retryAfterSeconds };

  const user = await db().user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, deactivatedAt: true, locale: true, timeZone: true },
  });
  const password = input.password.slice(0, 1000);
  let matches = false;
  if (!user) {
    decoyHash ??= hashPassword("decoy password for timing");
    await verify(await decoyHash, password).catch(() => false);
  } else {
    matches = await verify(user.passwordHash, password).catch(() => false);
  }
  if (!user || !matches || user.deactivatedAt) {
    await Promise.all([usernameLimiter.hit([nameKey]), addressLimiter.hit([addressKey])]);
    return { ok: false, error: "auth:errors.invalidCredentials" };
  }
  await usernameLimiter.reset(nameKey);
  return { ok: true, userId: user.id, locale: user.locale, timeZone: user.timeZone };
}

export async function getProfile(userId: string) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, username: true, displayName: true, locale: true, timeZone: true, role: true, createdAt: true },
  });
}

export const profileSchema = z.object({
  displayName: displayNameSchema,
  locale: z.string().refine(isSupportedLanguage, "settings:locale.invalid"),
  timeZone: timeZoneField("settings:timeZone.invalid"),
});

export async function updateProfile(userId: string, input: z.infer<typeof profileSchema>): Promise<void> {
  await db().user.update({ where: { id: userId }, data: input });
}

export async function setLocale(userId: string, locale: string): Promise<void> {
  if (!isSupportedLanguage(locale)) return;
  await db().user.update({ where: { id: userId }, data: { locale } });
}

/** The browser's zone is remembered the first time we learn it, until the member chooses. */
export async function rememberTimeZoneIfUnset(userId: string, timeZone: string | null | undefined): Promise<void> {
  const canonical = canonicalTimeZone(timeZone);
  if (!canonical) return;
  await db().user.updateMany({ where: { id: userId, timeZone: null }, data: { timeZone: canonical } });
}

/** Whether this is the member's password (to confirm a change to how they sign in). */
export async function passwordMatches(self: Pick<Actor, "id">, password: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: self.id }, select: { passwordHash: true } });
  return user ? verify(user.passwordHash, password.slice(0, 1000)).catch(() => false) : false;
}

/** Checks a secret against an Argon2id hash made by hashPassword (recovery codes too). */
export async function matchesHash(hashed: string, secret: string): Promise<boolean> {
  return verify(hashed, secret.slice(0, 1000)).catch(() => false);
}

/** A member changes their own password: the actor is the account. */
export async function changePassword(self: Pick<Actor, "id">, input: { current: string; next: string }): Promise<VerbResult> {
  const user = await db().user.findUnique({ where: { id: self.id }, select: { passwordHash: true } });
  if (!user) return refuse.notFound();
  if (!(await verify(user.passwordHash, input.current.slice(0, 1000)).catch(() => false))) {
    return refuse.invalid("settings:password.currentWrong", "current");
  }
  const parsed = passwordSchema.safeParse(input.next);
  if (!parsed.success) return refuse.invalid(parsed.error.issues[0].message, "next");
  await db().user.update({ where: { id: self.id }, data: { passwordHash: await hashPassword(parsed.data) } });
  // Whoever knew the old password may hold a session: end them all, this one included.
  await revokeAllSessions(self.id);
  await recordAudit({ actorId: self.id, action: "password.changed", objectType: "user", objectId: self.id });
  return ok();
}

/** The choices for someone's place in a working group: a role there, or "none" to remove them. */
export const MEMBERSHIP_CHOICES = [...GROUP_ROLES, "none"] as const;
export type MembershipChoice = (typeof MEMBERSHIP_CHOICES)[number];

async function personExists(userId: string): Promise<boolean> {
  return userId !== "" && (await db().user.count({ where: { id: userId } })) > 0;
}

/** A coordinator changes someone's CoP-wide role; their live connections re-authorise. */
export async function setCopRole(actor: Actor, userId: string, role: string): Promise<VerbResult> {
  if (!people.allow(actor, "setRole", { id: userId })) {
    // A coordinator cannot take away their own role: another coordinator must.
    return refuse.forbidden(people.allow(actor, "list") && userId === actor.id ? "people:members.notSelf" : "common:errors.forbidden");
  }
  if (!(COP_ROLES as readonly string[]).includes(role)) return refuse.invalid("people:invite.roleInvalid", "role");
  if (!(await personExists(userId))) return refuse.notFound();
  await db().user.update({ where: { id: userId }, data: { role: role as CopRole } });
  await recordAudit({ actorId: actor.id, action: "role.changed", objectType: "user", objectId: userId, data: { role } });
  publish("access.changed", { userId });
  return ok();
}

/** A coordinator sets someone's place in a working group ("none" removes them). */
export async function setGroupRole(actor: Actor, userId: string, groupId: string, role: string): Promise<VerbResult> {
  if (!people.allow(actor, "setMembership", { id: userId })) return refuse.forbidden();
  if (!(MEMBERSHIP_CHOICES as readonly string[]).includes(role)) return refuse.invalid("people:invite.roleInvalid", "role");
  if (!(await personExists(userId))) return refuse.notFound();
  if (!groupId || !(await db().workingGroup.count({ where: { id: groupId } }))) {
    return refuse.invalid("people:invite.groupRequired", "groupId");
  }
  const choice = role as MembershipChoice;
  if (choice === "none") {
    await db().membership.deleteMany({ where: { userId, groupId } });
  } else {
    await db().membership.upsert({
      where: { userId_groupId: { userId, groupId } },
      create: { userId, groupId, role: choice },
      update: { role: choice },
    });
  }
  await recordAudit({ actorId: actor.id, action: "membership.changed", objectType: "user", objectId: userId, data: { groupId, role: choice } });
  publish("access.changed", { userId });
  return ok();
}

/** A coordinator closes someone's account: every session ends, sign-in is refused. */
export async function deactivateUser(actor: Actor, userId: string): Promise<VerbResult> {
  if (!people.allow(actor, "deactivate", { id: userId })) {
    return refuse.forbidden(people.allow(actor, "list") && userId === actor.id ? "people:deactivate.notSelf" : "common:errors.forbidden");
  }
  if (!(await personExists(userId))) return refuse.notFound();
  await db().user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
  await revokeAllSessions(userId);
  await recordAudit({ actorId: actor.id, action: "user.deactivated", objectType: "user", objectId: userId });
  return ok();
}

/** Everyone with an account, their roles and groups: for the coordinators who manage people. */
export async function listPeople(actor: Actor) {
  if (!people.allow(actor, "list")) return refuse.forbidden();
  return ok(
    await db().user.findMany({
      // Former-member stand-ins are not people.
      where: { isFormerMember: false },
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        deactivatedAt: true,
        createdAt: true,
        memberships: { select: { groupId: true, role: true } },
      },
      orderBy: { displayName: "asc" },
    }),
  );
}
