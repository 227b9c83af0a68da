// Invitations: the only way into Praxis. Single use, expiring, and stored as a token hash.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { recordAudit } from "./audit.server";
import { createUser, displayNameSchema, isUsernameTaken, passwordSchema, usernameSchema, type Result } from "./accounts.server";
import { can, type Actor } from "./permissions";
import { INVITATION_ROLES, type InvitationRole } from "./roles";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const createInvitationSchema = z
  .object({
    role: z.enum(INVITATION_ROLES, { message: "people:invite.roleInvalid" }),
    groupId: z.string().trim().optional().transform((value) => value || null),
    note: z.string().trim().max(200, "people:invite.noteTooLong").default(""),
  })
  .refine((input) => !(input.role === "member" || input.role === "lead") || input.groupId, {
    message: "people:invite.groupRequired",
    path: ["groupId"],
  });

export async function createInvitation(
  actor: Actor,
  input: z.infer<typeof createInvitationSchema>,
): Promise<Result<{ token: string; id: string; expiresAt: Date }>> {
  if (!can(actor, "invitation.create")) return { ok: false, error: "common:errors.forbidden" };
  if (input.groupId && !(await db().workingGroup.count({ where: { id: input.groupId } }))) {
    return { ok: false, error: "people:invite.groupRequired", field: "groupId" };
  }
  const token = randomToken(20);
  const id = newId();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  await db().invitation.create({
    data: {
      id,
      tokenHash: sha256Hex(token),
      role: input.role,
      // MEL and coordinators may also belong to a group; members and leads must.
      groupId: input.groupId,
      note: input.note,
      createdById: actor.id,
      expiresAt,
    },
  });
  await recordAudit({ actorId: actor.id, action: "invitation.created", objectType: "invitation", objectId: id, data: { role: input.role, groupId: input.groupId } });
  return { ok: true, value: { token, id, expiresAt } };
}

export type InvitationStatus = "valid" | "used" | "expired" | "revoked" | "unknown";

export async function findInvitation(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return { status: "unknown" as const, invitation: null };
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true,
      role: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      group: { select: { id: true, slug: true, nameEn: true, nameFr: true } },
    },
  });
  if (!invitation) return { status: "unknown" as const, invitation: null };
  const status: InvitationStatus = invitation.usedAt
    ? "used"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt.getTime() <= Date.now()
        ? "expired"
        : "valid";
  return { status, invitation };
}

export const acceptInvitationSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  timeZone: z.string().optional(),
  locale: z.string().optional(),
});

/** Creates the account the invitation promised. The invitation is claimed atomically. */
export async function acceptInvitation(
  token: string,
  input: z.infer<typeof acceptInvitationSchema>,
): Promise<Result<{ userId: string }>> {
  const { status, invitation } = await findInvitation(token);
  if (status !== "valid" || !invitation) return { ok: false, error: `invite:status.${status}` };
  if (await isUsernameTaken(input.username)) return { ok: false, error: "accounts:username.taken", field: "username" };

  const role = invitation.role as InvitationRole;
  const { id: userId } = await createUser({
    username: input.username,
    displayName: input.displayName,
    password: input.password,
    role: role === "mel" || role === "coordinator" ? role : "member",
    locale: input.locale ?? null,
    timeZone: input.timeZone ?? null,
    memberships: invitation.group ? [{ groupId: invitation.group.id, role: role === "lead" ? "lead" : "member" }] : [],
  });
  // Claim: only one request can flip usedAt from null; a second one loses and its account goes.
  const { count } = await db().invitation.updateMany({
    where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedById: userId },
  });
  if (count === 0) {
    await db().user.delete({ where: { id: userId } });
    return { ok: false, error: "invite:status.used" };
  }
  await recordAudit({ actorId: userId, action: "invitation.accepted", objectType: "invitation", objectId: invitation.id });
  return { ok: true, value: { userId } };
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<Result> {
  if (!can(actor, "invitation.create")) return { ok: false, error: "common:errors.forbidden" };
  const { count } = await db().invitation.updateMany({
    where: { id: invitationId, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) return { ok: false, error: "people:invite.notRevocable" };
  await recordAudit({ actorId: actor.id, action: "invitation.revoked", objectType: "invitation", objectId: invitationId });
  return { ok: true, value: undefined };
}

export async function listInvitations() {
  const rows = await db().invitation.findMany({
    select: {
      id: true,
      role: true,
      note: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      group: { select: { slug: true, nameEn: true, nameFr: true } },
      usedBy: { select: { displayName: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const now = Date.now();
  return rows.map((row) => ({
    ...row,
    status: (row.usedAt ? "used" : row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "valid") as InvitationStatus,
  }));
}
