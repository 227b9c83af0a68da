// Reply addresses: a random token per member and object, handed out in one outgoing mail as
// `<local>+<token>@<domain>`. Only its SHA-256 is stored; a token expires (MAIL_REPLY_DAYS) and
// is revoked when the member changes their address, turns replying off, or asks for it.
import { db } from "~/infra/db.server";
import { env } from "~/infra/env.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { replyAddress } from "~/infra/mail.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReplyToken {
  id: string;
  userId: string;
  kind: string;
  objectId: string;
}

/** A new reply address for this member and object (one per mail: the token is never kept readable). */
export async function issueReplyAddress(userId: string, kind: string, objectId: string, now = new Date()): Promise<string> {
  // 160 random bits, lower-case base32: survives MTAs that fold the local part's case.
  const token = randomToken(20);
  await db().mailReplyToken.create({
    data: { id: newId(), tokenHash: sha256Hex(token), userId, kind, objectId, createdAt: now, expiresAt: new Date(now.getTime() + env().MAIL_REPLY_DAYS * DAY_MS) },
  });
  return replyAddress(token);
}

/** When a token no longer works, whose it was (for the language of the bounce). */
export type TokenCheck = { ok: true; token: ReplyToken } | { ok: false; reason: "unknown" } | { ok: false; reason: "expired" | "revoked"; userId: string };

/** What a token from an inbound address stands for, or why it no longer works. */
export async function checkReplyToken(token: string, now = new Date()): Promise<TokenCheck> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return { ok: false, reason: "unknown" };
  const row = await db().mailReplyToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked", userId: row.userId };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", userId: row.userId };
  return { ok: true, token: { id: row.id, userId: row.userId, kind: row.kind, objectId: row.objectId } };
}

/** Revokes a member's reply addresses (all, or those for one object). */
export async function revokeReplyAddresses(userId: string, object?: { kind: string; objectId: string }, now = new Date()): Promise<number> {
  const { count } = await db().mailReplyToken.updateMany({ where: { userId, revokedAt: null, ...(object ?? {}) }, data: { revokedAt: now } });
  return count;
}

/** Forgets tokens expired or revoked more than a reply period ago (a late reply still gets the right bounce until then). */
export async function sweepReplyTokens(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - env().MAIL_REPLY_DAYS * DAY_MS);
  const { count } = await db().mailReplyToken.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  // A receipt outlives every token it could concern, then goes.
  await db().inboundMailReceipt.deleteMany({ where: { createdAt: { lt: new Date(before.getTime() - env().MAIL_REPLY_DAYS * DAY_MS) } } });
  return count;
}

/** Whether mail to this member may carry reply addresses: Praxis receives mail, and they opted in with a confirmed address. */
export function mayReplyByMail(settings: { email: string | null; emailConfirmedAt: Date | null; includeContent: boolean }): boolean {
  return env().SMTP_INBOUND_PORT !== undefined && Boolean(settings.email && settings.emailConfirmedAt && settings.includeContent);
}
