// Database sessions in the Lucia style (owned code, no library): the cookie carries
// `<id>.<secret>`; the database keeps only SHA-256(secret), compared in constant time.
// A session slides forward with activity and still ends at an absolute lifetime.
import { db } from "~/infra/db.server";
import { constantTimeEqual, randomToken, sha256 } from "~/infra/ids.server";
import { publish } from "~/infra/events.server";
import { sessionTokenFrom } from "~/infra/cookies.server";
import { noteSession, sharedSessionLookup } from "~/infra/request-scope.server";
import type { Actor } from "./permissions";

const SESSION_FIELDS = { id: true, userId: true, createdAt: true, lastActiveAt: true, expiresAt: true, reauthenticatedAt: true, mustEnrol: true } as const;

export const SESSION_INACTIVITY_MS = 14 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** Refresh lastActiveAt at most this often, so reading pages does not write on every request. */
const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionUser extends Actor {
  id: string;
  username: string;
  displayName: string;
  role: string;
  locale: string | null;
  timeZone: string | null;
}

export interface ActiveSession {
  id: string;
  userId: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  /** When the member last proved it was them (sign-in counts): see isRecentlyReauthenticated. */
  reauthenticatedAt: Date | null;
  /** A second factor is required of them and they have none: only enrolment is open. */
  mustEnrol: boolean;
}

/** Changing how one signs in asks for proof this recent (the password or a factor again). */
export const REAUTH_MS = 10 * 60 * 1000;

export function isRecentlyReauthenticated(session: Pick<ActiveSession, "reauthenticatedAt">, now = Date.now()): boolean {
  return session.reauthenticatedAt !== null && now - session.reauthenticatedAt.getTime() < REAUTH_MS;
}

/** The member proved it was them again on this device (password or a factor). */
export async function markReauthenticated(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId }, data: { reauthenticatedAt: new Date() } });
}

/** They enrolled a second factor: every one of their sessions may use Praxis again. */
export async function clearMustEnrol(userId: string): Promise<void> {
  await db().session.updateMany({ where: { userId, mustEnrol: true }, data: { mustEnrol: false } });
}

export async function createSession(userId: string, deviceLabel: string, options: { mustEnrol?: boolean } = {}): Promise<{ token: string; session: ActiveSession }> {
  const id = randomToken(15); // 120 bits
  const secret = randomToken(20); // 160 bits
  const now = new Date();
  const session = await db().session.create({
    data: {
      id,
      userId,
      secretHash: new Uint8Array(sha256(secret)),
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      deviceLabel: deviceLabel.slice(0, 80),
      // Signing in is proof enough for the next few minutes (e.g. to enrol right away).
      reauthenticatedAt: now,
      mustEnrol: options.mustEnrol ?? false,
    },
    select: SESSION_FIELDS,
  });
  return { token: `${id}.${secret}`, session };
}

/** The moment this session ends if nothing else happens. */
export function sessionEndsAt(session: Pick<ActiveSession, "lastActiveAt" | "expiresAt">): Date {
  const inactive = session.lastActiveAt.getTime() + SESSION_INACTIVITY_MS;
  return new Date(Math.min(inactive, session.expiresAt.getTime()));
}

interface SessionRow {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  reauthenticatedAt: Date | null;
  mustEnrol: boolean;
  username: string;
  displayName: string;
  role: string;
  locale: string | null;
  timeZone: string | null;
  deactivatedAt: Date | null;
  groupId: string | null;
  membershipRole: string | null;
}

/**
 * The session, its member and their memberships in one statement: every signed-in request asks
 * this first, and through Prisma's query builder it cost three queries. One row per membership
 * (one with null group fields when there is none).
 */
async function sessionWithUser(id: string) {
  const rows = await db().$queryRaw<SessionRow[]>`
    SELECT s."id", s."userId", s."secretHash", s."createdAt", s."lastActiveAt", s."expiresAt", s."reauthenticatedAt", s."mustEnrol",
      u."username", u."displayName", u."role", u."locale", u."timeZone", u."deactivatedAt",
      m."groupId" AS "groupId", m."role" AS "membershipRole"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    WHERE s."id" = ${id}
    ORDER BY m."groupId"`;
  const first = rows[0];
  if (!first) return null;
  const memberships = rows.flatMap((row) => (row.groupId !== null ? [{ groupId: row.groupId, role: row.membershipRole! }] : []));
  return {
    id: first.id,
    userId: first.userId,
    secretHash: first.secretHash,
    createdAt: first.createdAt,
    lastActiveAt: first.lastActiveAt,
    expiresAt: first.expiresAt,
    reauthenticatedAt: first.reauthenticatedAt,
    mustEnrol: Boolean(first.mustEnrol),
    user: {
      id: first.userId,
      username: first.username,
      displayName: first.displayName,
      role: first.role,
      locale: first.locale,
      timeZone: first.timeZone,
      deactivatedAt: first.deactivatedAt,
      memberships,
    },
  };
}

export async function validateSessionToken(token: string): Promise<{ session: ActiveSession; user: SessionUser } | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 40 || secret.length > 64) return null;
  const row = await sessionWithUser(id);
  if (!row || !constantTimeEqual(sha256(secret), row.secretHash)) return null;
  const now = Date.now();
  if (sessionEndsAt(row).getTime() <= now || row.user.deactivatedAt) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  let lastActiveAt = row.lastActiveAt;
  if (now - lastActiveAt.getTime() > ACTIVITY_WRITE_INTERVAL_MS) {
    lastActiveAt = new Date(now);
    await db().session.updateMany({ where: { id }, data: { lastActiveAt } });
  }
  const { deactivatedAt: _deactivated, ...user } = row.user;
  return {
    session: { id: row.id, userId: row.userId, createdAt: row.createdAt, lastActiveAt, expiresAt: row.expiresAt, reauthenticatedAt: row.reauthenticatedAt, mustEnrol: row.mustEnrol },
    user,
  };
}

export async function listSessions(userId: string) {
  return db().session.findMany({
    where: { userId },
    select: { id: true, createdAt: true, lastActiveAt: true, expiresAt: true, deviceLabel: true },
    orderBy: { lastActiveAt: "desc" },
  });
}

/** Ends one of the member's own sessions. Returns false when it was not theirs (or gone). */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db().session.deleteMany({ where: { id: sessionId, userId } });
  if (count > 0) publish("sessions.ended", { userId, sessionIds: [sessionId] });
  return count > 0;
}

/** Ends every session of a member (sign out everywhere, password change, deactivation). */
export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  publish("sessions.ended", { userId, sessionIds: "all" });
  return count;
}

export async function signOut(sessionId: string): Promise<void> {
  const session = await db().session.findUnique({ where: { id: sessionId }, select: { userId: true } });
  await db().session.deleteMany({ where: { id: sessionId } });
  if (session) publish("sessions.ended", { userId: session.userId, sessionIds: [sessionId] });
}

/** A short, recognisable label from the User-Agent; the raw header is not kept. */
export function deviceLabelFrom(userAgent: string | null): string {
  if (!userAgent) return "";
  const browser =
    /Edg\//.test(userAgent) ? "Edge"
    : /Firefox\//.test(userAgent) ? "Firefox"
    : /Chrom(e|ium)\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari"
    : "";
  const system =
    /Android/.test(userAgent) ? "Android"
    : /iPhone|iPad/.test(userAgent) ? "iOS"
    : /Windows/.test(userAgent) ? "Windows"
    : /Mac OS X/.test(userAgent) ? "macOS"
    : /Linux/.test(userAgent) ? "Linux"
    : "";
  return [browser, system].filter(Boolean).join(" · ");
}

/** The one way HTTP, Socket.IO and Yjs learn who is there: the session cookie, validated. */
export async function getSessionUser(cookieHeader: string | null | undefined) {
  const token = sessionTokenFrom(cookieHeader);
  if (!token) return null;
  const found = await sharedSessionLookup(token, () => validateSessionToken(token));
  // A cookie that no longer opens a session tells the device to forget what it kept (server/http).
  noteSession(found ? "valid" : "refused");
  return found;
}

/**
 * Deletes sessions that have ended by time (inactivity or absolute lifetime) but were never
 * presented again: their rows hold the offline pack's key, which must not outlive them.
 */
export async function deleteEndedSessions(now = new Date()): Promise<number> {
  const { count } = await db().session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastActiveAt: { lte: new Date(now.getTime() - SESSION_INACTIVITY_MS) } }] },
  });
  return count;
}
