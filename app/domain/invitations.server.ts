// Invitations: the only way into Praxis. Single use, expiring, and stored as a token hash.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { parseWith } from "~/infra/validation";
import { eraseJoinedApplicants } from "./applications/erasure.server";
import { recordAudit } from "./audit.server";
import { createUser, displayNameSchema, isUsernameTaken, passwordSchema, usernameSchema } from "./accounts.server";
import { invitationNeedsGroup, rolesForInvitation, type Actor } from "./permissions";
import * as people from "./policies/people";
import { ok, refuse, type Result } from "./result";
import { INVITATION_ROLES } from "./roles";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const createInvitationSchema = z
  .object({
    role: z.enum(INVITATION_ROLES, { message: "people:invite.roleInvalid" }),
    groupId: z.string().trim().nullish().transform((value) => value || null),
    note: z.string().trim().max(200, "people:invite.noteTooLong").default(""),
  })
  .refine((input) => !invitationNeedsGroup(input.role) || input.groupId, {
    message: "people:invite.groupRequired",
    path: ["groupId"],
  });

/** What the invitation form (or an accepted application) asks for, before it is checked. */
export interface InvitationRequest {
  role: string;
  groupId?: string | null;
  note?: string;
}

export async function createInvitation(actor: Actor, request: InvitationRequest): Promise<Result<{ token: string; id: string; expiresAt: Date }>> {
  if (!people.allow(actor, "invite")) return refuse.forbidden();
  const parsed = parseWith(createInvitationSchema, request);
  if (!parsed.ok) return refuse.fields(parsed.fieldErrors);
  const input = parsed.value;
  if (input.groupId && !(await db().workingGroup.count({ where: { id: input.groupId } }))) {
    return refuse.invalid("people:invite.groupRequired", "groupId");
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
  return ok({ token, id, expiresAt });
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
  // The link itself is the credential: a used, expired or withdrawn one is bad input.
  if (status !== "valid" || !invitation) return refuse.invalid(`invite:status.${status}`);
  if (await isUsernameTaken(input.username)) return refuse.invalid("accounts:username.taken", "username");

  const { copRole, groupRole } = rolesForInvitation(invitation.role);
  const { id: userId } = await createUser({
    username: input.username,
    displayName: input.displayName,
    password: input.password,
    role: copRole,
    locale: input.locale ?? null,
    timeZone: input.timeZone ?? null,
    memberships: invitation.group ? [{ groupId: invitation.group.id, role: groupRole }] : [],
  });
  // Claim: only one request can flip usedAt from null; a second one loses and its account goes.
  const { count } = await db().invitation.updateMany({
    where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedById: userId },
  });
  if (count === 0) {
    await db().user.delete({ where: { id: userId } });
    return refuse.invalid("invite:status.used");
  }
  await recordAudit({ actorId: userId, action: "invitation.accepted", objectType: "invitation", objectId: invitation.id });
  // An applicant who joined needs no application record that names them any more.
  await eraseJoinedApplicants([invitation.id]);
  return ok({ userId });
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<Result> {
  if (!people.allow(actor, "invite")) return refuse.forbidden();
  const { count } = await db().invitation.updateMany({
    where: { id: invitationId, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) return refuse.conflict("people:invite.notRevocable");
  await recordAudit({ actorId: actor.id, action: "invitation.revoked", objectType: "invitation", objectId: invitationId });
  return ok();
}

/** The latest invitations and what became of them, for coordinators. */
export async function listInvitations(actor: Actor) {
  if (!people.allow(actor, "invite")) return refuse.forbidden();
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
  return ok(
    rows.map((row) => ({
      ...row,
      status: (row.usedAt ? "used" : row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "valid") as InvitationStatus,
    })),
  );
}
