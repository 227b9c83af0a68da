// The CoP's sign-in rules (the coordinator's setting "require a second factor"), and the one
// question sign-in asks of them: must this member enrol a second factor before going on?
import { db } from "~/infra/db.server";
import { recordAudit } from "./audit.server";
import type { Actor } from "./permissions";
import * as signInPolicy from "./policies/sign-in";
import { ok, refuse, type Result } from "./result";

const ROW_ID = "security";

export async function signInRules(): Promise<signInPolicy.SignInRules> {
  const row = await db().securitySettings.findUnique({ where: { id: ROW_ID } });
  return { requireSecondFactor: row?.requireSecondFactor ?? false };
}

export async function getSignInRules(actor: Actor): Promise<Result<signInPolicy.SignInRules>> {
  if (!signInPolicy.allow(actor, "configure")) return refuse.forbidden();
  return ok(await signInRules());
}

export async function setRequireSecondFactor(actor: Actor, required: boolean): Promise<Result> {
  if (!signInPolicy.allow(actor, "configure")) return refuse.forbidden();
  await db().securitySettings.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, requireSecondFactor: required }, update: { requireSecondFactor: required } });
  await recordAudit({ actorId: actor.id, action: "signIn.rulesChanged", objectType: "security", objectId: ROW_ID, data: { requireSecondFactor: required } });
  return ok();
}

/** The member as the policy sees them (role and memberships), by id. */
export async function actorById(userId: string): Promise<Actor | null> {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

/** Whether the rules require a second factor of this member (whether or not they have one). */
export async function secondFactorRequired(actor: Actor): Promise<boolean> {
  return signInPolicy.needsSecondFactor(actor, await signInRules());
}
