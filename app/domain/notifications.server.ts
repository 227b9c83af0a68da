// Notifications: the in-app list (mentions, replies to me, meeting changes, MEL work — see
// meeting-notices.server and work-notice-views.server for which of those are shown), email (immediate or a daily/weekly
// digest, in the member's language, with no discussion content unless they opted in), quiet
// hours in the member's own zone, and rest mode (everything paused until a date).
//
// Delivery jobs run inside the server process on an interval (server/jobs.ts) rather than as a
// separate worker: one process to run on a small host.
// Each send is claimed with a conditional update first, so several instances sharing a
// database never mail a member twice. Tests call runDigests / sendPendingImmediate directly.
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { env, linkBaseUrl } from "~/infra/env.server";
import { publish } from "~/infra/events.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { sharedRead } from "~/infra/request-scope.server";
import { sendMail, type Mail } from "~/infra/mail.server";
import { formatDateTime } from "~/infra/time";
import { endOfDayIn, minutesOfDay, zoneOrUtc } from "~/infra/time-zones";
import { recordAudit } from "./audit.server";
import type { Actor } from "./permissions";
import { ok, refuse, type Result } from "./result";
import * as notificationPolicy from "./policies/notifications";
import { plainExcerpt } from "./rich-text";
import { threadFactsOf, threadHref, threadsWithFacts, threadWithFacts, type ThreadWithFacts } from "./thread-facts.server";
import { SUBJECT_RESOURCE } from "./policies/threads";
import { ballotChoices, type Ballot } from "./decisions/mail-ballot";
import { issueReplyAddress, mayReplyByMail, revokeReplyAddresses } from "./mail-in/tokens.server";

import { EMAIL_MODES, type EmailMode } from "./notification-types";
import { isMeetingNoticeShown, meetingNoticesShown } from "./meeting-notices.server";
import { isWorkNoticeShown, workNoticeGroupId, workNoticeMailLines, workNoticesShown, type WorkNoticeView } from "./work-notice-views.server";

export { EMAIL_MODES, type EmailMode };
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Settings

export interface NotificationSettingsView {
  email: string | null;
  emailMode: EmailMode;
  includeContent: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  restUntil: Date | null;
  isResting: boolean;
  /** The address is proven to be the member's (only then may they answer by email). */
  isEmailConfirmed: boolean;
  mailingList: boolean;
  mailAttachmentsToLibrary: boolean;
  /** Praxis receives mail (SMTP_INBOUND_PORT), so confirming and replying by email mean something. */
  receivesMail: boolean;
}

async function settingsRow(userId: string) {
  const existing = await db().notificationSetting.findUnique({ where: { userId } });
  if (existing) return existing;
  // Created on first use; upsert because two requests may race here.
  return db().notificationSetting.upsert({
    where: { userId },
    update: {},
    create: { userId, preferenceToken: randomToken(20) },
  });
}

function minutesToClock(minutes: number | null): string | null {
  if (minutes === null) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function clockToMinutes(clock: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function isRestingNow(restUntil: Date | null | undefined, now = new Date()): boolean {
  return Boolean(restUntil && restUntil.getTime() > now.getTime());
}

export async function getNotificationSettings(userId: string): Promise<NotificationSettingsView> {
  const row = await settingsRow(userId);
  return {
    email: row.email,
    emailMode: (EMAIL_MODES as readonly string[]).includes(row.emailMode) ? (row.emailMode as EmailMode) : "daily",
    includeContent: row.includeContent,
    quietStart: minutesToClock(row.quietStart),
    quietEnd: minutesToClock(row.quietEnd),
    restUntil: row.restUntil,
    isResting: isRestingNow(row.restUntil),
    isEmailConfirmed: Boolean(row.email && row.emailConfirmedAt),
    mailingList: row.mailingList,
    mailAttachmentsToLibrary: row.mailAttachmentsToLibrary,
    receivesMail: env().SMTP_INBOUND_PORT !== undefined,
  };
}

const clock = z.string().trim().refine((value) => value === "" || clockToMinutes(value) !== null, "notifications:errors.badTime");

export const notificationSettingsSchema = z
  .object({
    email: z.union([z.literal(""), z.string().trim().max(254).email("notifications:errors.badEmail")]),
    emailMode: z.enum(EMAIL_MODES, { message: "notifications:errors.badMode" }),
    includeContent: z.boolean(),
    mailingList: z.boolean().optional().default(false),
    mailAttachmentsToLibrary: z.boolean().optional().default(false),
    quietStart: clock,
    quietEnd: clock,
  })
  .refine((value) => (value.quietStart === "") === (value.quietEnd === ""), { message: "notifications:errors.quietBoth", path: ["quietEnd"] });

export async function updateNotificationSettings(userId: string, input: z.input<typeof notificationSettingsSchema>): Promise<void> {
  const before = await settingsRow(userId);
  const email = input.email.trim() || null;
  const changed = (before.email ?? null)?.toLowerCase() !== email?.toLowerCase();
  await db().notificationSetting.update({
    where: { userId },
    data: {
      email,
      emailMode: input.emailMode,
      includeContent: input.includeContent,
      mailingList: input.mailingList ?? false,
      mailAttachmentsToLibrary: input.mailAttachmentsToLibrary ?? false,
      quietStart: input.quietStart ? clockToMinutes(input.quietStart) : null,
      quietEnd: input.quietEnd ? clockToMinutes(input.quietEnd) : null,
      // A new address is not proven to be the member's until they confirm it.
      ...(changed ? { emailConfirmedAt: null, emailConfirmHash: null } : {}),
    },
  });
  // Reply addresses sent to the old address (or while content was in mail) stop working.
  if (changed || (before.includeContent && !input.includeContent)) await revokeReplyAddresses(userId);
  // Confirming matters only where Praxis receives mail: there it lets the member answer by email.
  if (email && env().SMTP_INBOUND_PORT !== undefined && (changed || (!before.emailConfirmedAt && !before.emailConfirmHash))) {
    await sendAddressConfirmation(userId, email);
  }
}

async function sendAddressConfirmation(userId: string, email: string): Promise<void> {
  const code = randomToken(20);
  const row = await db().notificationSetting.update({ where: { userId }, data: { emailConfirmHash: sha256Hex(code) }, select: { preferenceToken: true } });
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  const t = await translatorFor(isSupportedLanguage(user?.locale) ? user.locale : "en");
  const link = `${preferenceUrl(row.preferenceToken)}?confirm=${code}`;
  await sendMail({ to: email, subject: t("mail:confirm.subject"), text: [t("mail:confirm.intro"), "", link, "", t("mail:confirm.notYou")].join("\n"), headers: { "Auto-Submitted": "auto-generated" } });
}

/** Whether a confirmation code from the link is the pending one for this preference link. */
export async function isPendingConfirmation(token: string, code: string): Promise<boolean> {
  if (!/^[a-z2-7]{20,64}$/.test(token) || !/^[a-z2-7]{20,64}$/.test(code)) return false;
  const row = await db().notificationSetting.findUnique({ where: { preferenceToken: token }, select: { emailConfirmHash: true, email: true } });
  return Boolean(row?.email && row.emailConfirmHash && row.emailConfirmHash === sha256Hex(code));
}

/** The member pressed "confirm" on the link mailed to their address: it is theirs. */
export async function confirmEmailAddress(token: string, code: string): Promise<boolean> {
  if (!(await isPendingConfirmation(token, code))) return false;
  const { count } = await db().notificationSetting.updateMany({
    where: { preferenceToken: token, emailConfirmHash: sha256Hex(code) },
    data: { emailConfirmedAt: new Date(), emailConfirmHash: null },
  });
  return count === 1;
}

/** The member turns off every reply address mailed so far. */
export async function stopReplyAddresses(userId: string): Promise<void> {
  await revokeReplyAddresses(userId);
}

export const MAX_REST_DAYS = 366;

/** Rest mode until `until` (a YYYY-MM-DD date) included: to the end of that day in the member's zone. */
export async function startRest(userId: string, until: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const member = await db().user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  const end = endOfDayIn(until, zoneOrUtc(member?.timeZone));
  if (!end) return { ok: false, error: "notifications:errors.badDate" };
  if (end.getTime() <= Date.now()) return { ok: false, error: "notifications:errors.restInPast" };
  if (end.getTime() > Date.now() + MAX_REST_DAYS * DAY_MS) return { ok: false, error: "notifications:errors.restTooLong" };
  await settingsRow(userId);
  await db().notificationSetting.update({ where: { userId }, data: { restUntil: end } });
  return { ok: true };
}

export async function endRest(userId: string): Promise<void> {
  await settingsRow(userId);
  await db().notificationSetting.update({ where: { userId }, data: { restUntil: null } });
}

/** Which of these members are resting now (others see a gentle mark, and are not prompted to mention them). */
export async function restingUserIds(userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db().notificationSetting.findMany({
    where: { userId: { in: [...new Set(userIds)] }, restUntil: { gt: new Date() } },
    select: { userId: true },
  });
  return new Set(rows.map((row) => row.userId));
}

// One-click preference link: the token grants only changing these email choices, nothing else.
export async function preferencesByToken(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const row = await db().notificationSetting.findUnique({ where: { preferenceToken: token }, select: { userId: true, emailMode: true, includeContent: true } });
  return row;
}

export async function setEmailModeByToken(token: string, emailMode: EmailMode): Promise<boolean> {
  const row = await preferencesByToken(token);
  if (!row) return false;
  await db().notificationSetting.update({ where: { preferenceToken: token }, data: { emailMode } });
  return true;
}

// ---------------------------------------------------------------------------------------------
// In-app notifications

export type NotificationView =
  | {
      id: string;
      kind: "mention" | "reply";
      threadId: string;
      threadTitle: string;
      postId: string;
      actorName: string;
      createdAt: Date;
      readAt: Date | null;
      href: string;
    }
  | {
      id: string;
      kind: "meeting-rescheduled" | "meeting-cancelled" | "meeting-restored" | "meeting-text-published";
      meetingId: string;
      /** For published texts: which text and version. */
      text?: string;
      version?: number;
      titleEn: string;
      titleFr: string;
      startsAt: Date;
      /** The start before a reschedule. */
      previousStartsAt: Date | null;
      createdAt: Date;
      readAt: Date | null;
      href: string;
    }
  | WorkNoticeView
  | {
      id: string;
      kind: "sign-in";
      /** Coarse: browser and system family, never an address. */
      deviceLabel: string;
      /** The session is still open (the "not me" button can end it). */
      sessionOpen: boolean;
      sessionId: string | null;
      createdAt: Date;
      readAt: Date | null;
    };

/** Members as the policies see them (role and memberships), by id; deactivated members are left out. */
async function actorsById(userIds: string[]): Promise<Map<string, Actor>> {
  if (userIds.length === 0) return new Map();
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(userIds)] }, deactivatedAt: null },
    select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } },
  });
  return new Map(users.map((user) => [user.id, user]));
}

/** The thread notifications this member may still be shown: their thread is one they may read now. */
async function shownOnly<T extends { threadId: string | null }>(recipient: Actor, rows: T[]): Promise<Array<T & { threadId: string; thread: ThreadWithFacts }>> {
  const threads = await threadsWithFacts(rows.flatMap((row) => (row.threadId ? [row.threadId] : [])));
  return rows.flatMap((row) => {
    const thread = row.threadId ? threads.get(row.threadId) : undefined;
    return thread && notificationPolicy.allowShow(recipient, { thread: thread.facts }) ? [{ ...row, threadId: thread.id, thread }] : [];
  });
}

/** Sign-in notices the member may be shown: their own. */
function noticesShown<T extends { userId: string; kind: string }>(recipient: Actor, rows: T[]): T[] {
  return rows.filter((row) => row.kind === SIGN_IN && notificationPolicy.allowShowSignIn(recipient, { userId: row.userId }));
}

const SIGN_IN = "sign-in";

/** One unread notification with the facts each kind's policy decides on (null when not found). */
interface UnreadNotificationFacts {
  kind: string;
  userId: string;
  threadId: string | null;
  subjectId: string | null;
  threadFound: string | null;
  threadGroupId: string | null;
  threadSubjectType: string | null;
  threadSubjectId: string | null;
  threadLockedAt: Date | null;
  threadHiddenAt: Date | null;
  resourceFound: string | null;
  resourceVisibility: string | null;
  resourceGroupId: string | null;
  resourceAddedById: string | null;
  meetingFound: string | null;
  meetingAudience: string | null;
  meetingGroupId: string | null;
  checkInGroupId: string | null;
  followUpGroupId: string | null;
  followUpOwnerId: string | null;
  groupFound: string | null;
}

/**
 * Unread notifications the member may be shown (the badge): the same decisions as the list
 * (shownOnly, noticesShown, meetingNoticesShown, workNoticesShown), on facts read in one
 * statement, since every signed-in page asks for this count and through Prisma's query builder
 * it took a query per kind of subject.
 */
export async function unreadNotificationCount(recipient: Actor | string): Promise<number> {
  const actor = typeof recipient === "string" ? (await actorsById([recipient])).get(recipient) : recipient;
  if (!actor) return 0;
  const rows = await db().$queryRaw<UnreadNotificationFacts[]>`
    SELECT n."kind", n."userId", n."threadId", n."subjectId",
      t."id" AS "threadFound", t."groupId" AS "threadGroupId", t."subjectType" AS "threadSubjectType", t."subjectId" AS "threadSubjectId",
      t."lockedAt" AS "threadLockedAt", t."hiddenAt" AS "threadHiddenAt",
      r."id" AS "resourceFound", r."visibility" AS "resourceVisibility", r."groupId" AS "resourceGroupId", r."addedById" AS "resourceAddedById",
      m."id" AS "meetingFound", m."audience" AS "meetingAudience", m."groupId" AS "meetingGroupId",
      c."groupId" AS "checkInGroupId", f."groupId" AS "followUpGroupId", f."ownerId" AS "followUpOwnerId", g."id" AS "groupFound"
    FROM (SELECT * FROM "Notification" WHERE "userId" = ${actor.id} AND "readAt" IS NULL LIMIT 500) n
    LEFT JOIN "Thread" t ON t."id" = n."threadId"
    LEFT JOIN "LibraryResource" r ON r."id" = t."subjectId" AND t."subjectType" = ${SUBJECT_RESOURCE}
    LEFT JOIN "Meeting" m ON m."id" = n."meetingId"
    LEFT JOIN "CheckIn" c ON c."id" = n."subjectId"
    LEFT JOIN "FollowUpAction" f ON f."id" = n."subjectId"
    LEFT JOIN "WorkingGroup" g ON g."id" = COALESCE(c."groupId", f."groupId", n."subjectId")`;
  let count = 0;
  for (const row of rows) {
    if (row.threadId && row.threadFound) {
      const resource = row.resourceFound ? { visibility: row.resourceVisibility!, groupId: row.resourceGroupId, addedById: row.resourceAddedById! } : undefined;
      const thread = { groupId: row.threadGroupId, subjectType: row.threadSubjectType, subjectId: row.threadSubjectId, lockedAt: row.threadLockedAt, hiddenAt: row.threadHiddenAt };
      if (notificationPolicy.allowShow(actor, { thread: threadFactsOf(thread, resource) })) count++;
    }
    if (row.kind === SIGN_IN && notificationPolicy.allowShowSignIn(actor, { userId: row.userId })) count++;
    if (row.meetingFound && isMeetingNoticeShown(actor, row.kind, { audience: row.meetingAudience!, groupId: row.meetingGroupId })) count++;
    if (notificationPolicy.isWorkNoticeKind(row.kind) && row.subjectId !== null) {
      const groupId = workNoticeGroupId(row.kind, row.subjectId, row.checkInGroupId !== null ? { groupId: row.checkInGroupId } : undefined, row.followUpGroupId !== null ? { groupId: row.followUpGroupId } : undefined);
      const followUp = row.followUpGroupId !== null ? { ownerId: row.followUpOwnerId } : undefined;
      if (groupId && groupId === row.groupFound && isWorkNoticeShown(actor, row.kind, groupId, followUp)) count++;
    }
  }
  return count;
}

/**
 * The badge's count for the pages of one request: the root and a page that shows it too ask
 * once per read-only request. A page that has just marked some read takes the new count instead
 * (markThreadNotificationsRead gives it).
 */
export async function badgeCount(actor: Actor): Promise<number> {
  return sharedRead(`badge-count:${actor.id}`, () => unreadNotificationCount(actor));
}

export async function listNotifications(recipient: Actor, options: { take?: number } = {}): Promise<NotificationView[]> {
  const all = await db().notification.findMany({ where: { userId: recipient.id }, orderBy: { createdAt: "desc" }, take: options.take ?? 100 });
  const rows = await shownOnly(recipient, all);
  const notices = noticesShown(recipient, all);
  const meetingNotices = await meetingNoticesShown(recipient, all);
  const workNotices = await workNoticesShown(recipient, all);
  const actors = await db().user.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))] } }, select: { id: true, displayName: true } });
  const actorName = new Map(actors.map((a) => [a.id, a.displayName]));
  const open = new Set(
    (await db().session.findMany({ where: { userId: recipient.id, id: { in: notices.flatMap((n) => (n.sessionId ? [n.sessionId] : [])) } }, select: { id: true } })).map((s) => s.id),
  );
  const hrefs = new Map<string, string>();
  for (const { thread } of rows) if (!hrefs.has(thread.id)) hrefs.set(thread.id, await threadHref(thread));
  const views: NotificationView[] = [
    ...rows.map((row) => ({
      id: row.id,
      kind: row.kind === "mention" ? ("mention" as const) : ("reply" as const),
      threadId: row.threadId,
      threadTitle: row.thread.title,
      postId: row.postId ?? "",
      actorName: row.actorId ? (actorName.get(row.actorId) ?? "") : "",
      createdAt: row.createdAt,
      readAt: row.readAt,
      href: `${hrefs.get(row.threadId)}#post-${row.postId}`,
    })),
    ...meetingNotices.map((row) => {
      const data = safeJson(row.data);
      return {
        id: row.id,
        kind: row.kind as "meeting-rescheduled" | "meeting-cancelled" | "meeting-restored" | "meeting-text-published",
        text: typeof data.text === "string" ? data.text : undefined,
        version: typeof data.version === "number" ? data.version : undefined,
        meetingId: row.meeting.id,
        titleEn: row.meeting.titleEn,
        titleFr: row.meeting.titleFr,
        startsAt: row.meeting.startsAt,
        previousStartsAt: typeof data.from === "string" && !Number.isNaN(Date.parse(data.from)) ? new Date(data.from) : null,
        createdAt: row.createdAt,
        readAt: row.readAt,
        href: row.kind === "meeting-text-published" && (data.text === "agenda" || data.text === "minutes") ? `/meetings/${row.meeting.id}/${data.text}` : `/meetings/${row.meeting.id}`,
      };
    }),
    ...workNotices.map((row) => row.view),
    ...notices.map((row) => ({
      id: row.id,
      kind: "sign-in" as const,
      deviceLabel: row.deviceLabel ?? "",
      sessionOpen: row.sessionId !== null && open.has(row.sessionId),
      sessionId: row.sessionId,
      createdAt: row.createdAt,
      readAt: row.readAt,
    })),
  ];
  return views.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

function safeJson(value: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A new sign-in: a notice in the member's list with the device's coarse label. Unread (the
 * badge on their other devices) when another session of theirs is open to see it; otherwise
 * it waits in the list, already read, for them to find.
 */
export async function noticeNewSignIn(input: { userId: string; sessionId: string; deviceLabel: string }): Promise<void> {
  const now = new Date();
  const others = await db().session.count({ where: { userId: input.userId, id: { not: input.sessionId }, expiresAt: { gt: now } } });
  await db().notification.create({
    data: { id: newId(), userId: input.userId, kind: SIGN_IN, sessionId: input.sessionId, deviceLabel: input.deviceLabel.slice(0, 80), createdAt: now, readAt: others > 0 ? null : now },
  });
  if (others > 0) publish("notification.count", { userId: input.userId, unread: await unreadNotificationCount(input.userId) });
}

/**
 * "Not me": the member ends the session a sign-in notice names (never the one they are using)
 * and is sent on to change their password, which ends every other session too.
 */
export async function disownSignIn(self: Actor, notificationId: string, currentSessionId: string): Promise<Result<{ ended: boolean }>> {
  const notice = await db().notification.findUnique({ where: { id: notificationId } });
  if (!notice || !noticesShown(self, [notice]).length) return refuse.notFound();
  let ended = false;
  if (notice.sessionId && notice.sessionId !== currentSessionId) {
    const { count } = await db().session.deleteMany({ where: { id: notice.sessionId, userId: self.id } });
    ended = count > 0;
    if (ended) publish("sessions.ended", { userId: self.id, sessionIds: [notice.sessionId] });
  }
  await db().notification.updateMany({ where: { id: notice.id, readAt: null }, data: { readAt: new Date() } });
  await recordAudit({ actorId: self.id, action: "session.disowned", objectType: "user", objectId: self.id, data: { ended } });
  return ok({ ended });
}

export async function markNotificationsRead(userId: string, ids: string[] | "all"): Promise<void> {
  await db().notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  publish("notification.count", { userId, unread: await unreadNotificationCount(userId) });
}

/**
 * Opening what notices name reads them: returns the member's new unread count for the page to
 * show (the shell's own count was read beside the page's loader), or null when none was unread.
 * The badge on the member's other pages follows live.
 */
export async function markNoticesReadWhere(userId: string, about: Prisma.NotificationWhereInput): Promise<number | null> {
  // Most views have nothing to mark: a read costs less than a write, which SQLite serialises.
  const where = { ...about, userId, readAt: null };
  if (!(await db().notification.findFirst({ where, select: { id: true } }))) return null;
  const { count } = await db().notification.updateMany({ where, data: { readAt: new Date() } });
  if (count === 0) return null;
  const unreadNow = await unreadNotificationCount(userId);
  publish("notification.count", { userId, unread: unreadNow });
  return unreadNow;
}

/** Reading a thread reads its notifications. */
export function markThreadNotificationsRead(userId: string, threadId: string): Promise<number | null> {
  return markNoticesReadWhere(userId, { threadId });
}

/**
 * After a post is written: notify the mentioned members and the author of the post replied to.
 * Resting members still get the entry in their list (to find when they come back), but no live
 * badge and no email.
 */
export async function notifyForPost(input: {
  postId: string;
  threadId: string;
  authorId: string;
  mentionedUserIds: string[];
  parentAuthorId: string | null;
}): Promise<void> {
  const recipients = new Map<string, "mention" | "reply">();
  for (const id of input.mentionedUserIds) if (id !== input.authorId) recipients.set(id, "mention");
  if (input.parentAuthorId && input.parentAuthorId !== input.authorId && !recipients.has(input.parentAuthorId)) {
    recipients.set(input.parentAuthorId, "reply");
  }
  if (recipients.size === 0) return;
  // Only people who may read the thread hear of it: mentioning someone in a sensitive resource's
  // reflections does not tell them the resource exists.
  const [thread, actors] = await Promise.all([threadWithFacts(input.threadId), actorsById([...recipients.keys()])]);
  if (!thread) return;
  for (const userId of recipients.keys()) {
    const actor = actors.get(userId);
    if (!actor || !notificationPolicy.allowShow(actor, { thread: thread.facts })) recipients.delete(userId);
  }
  if (recipients.size === 0) return;
  const now = new Date();
  const rows = [...recipients].map(([userId, kind]) => ({ id: newId(), userId, kind, threadId: input.threadId, postId: input.postId, actorId: input.authorId, createdAt: now }));
  await db().notification.createMany({ data: rows });
  const resting = await restingUserIds([...recipients.keys()]);
  for (const row of rows) {
    if (resting.has(row.userId)) continue;
    publish("notification.created", { userId: row.userId, notificationId: row.id, kind: row.kind as "mention" | "reply", threadId: row.threadId, postId: row.postId, unread: await unreadNotificationCount(actors.get(row.userId)!) });
  }
  // Email in the background: a slow mail server must not slow posting down.
  void sendPendingImmediate(now, [...recipients.keys()]).catch((error) => log("error", "immediate notification mail failed", describeError(error)));
}

// ---------------------------------------------------------------------------------------------
// Email

// Loaded on first use: the locale bundle relies on the app build (import.meta.glob), and the seed
// (run outside that build) writes posts through this module without ever sending mail.
async function translatorFor(language: Language) {
  const { translatorFor: load } = await import("~/infra/i18n.server");
  return load(language);
}

export function isQuietNow(setting: { quietStart: number | null; quietEnd: number | null }, timeZone: string | null, now = new Date()): boolean {
  if (setting.quietStart === null || setting.quietEnd === null || setting.quietStart === setting.quietEnd) return false;
  const minutes = minutesOfDay(now, zoneOrUtc(timeZone));
  // A window may wrap midnight (22:00–07:00).
  return setting.quietStart < setting.quietEnd
    ? minutes >= setting.quietStart && minutes < setting.quietEnd
    : minutes >= setting.quietStart || minutes < setting.quietEnd;
}

const baseUrl = linkBaseUrl;

function preferenceUrl(token: string): string {
  return `${baseUrl()}/notifications/email/${token}`;
}

interface Recipient {
  userId: string;
  email: string;
  language: Language;
  includeContent: boolean;
  preferenceToken: string;
}

async function mailTo(recipient: Recipient, subject: string, lines: string[], extra: Pick<Mail, "replyTo" | "messageId" | "inReplyTo" | "references" | "headers" | "icalEvent"> = {}, footer?: string): Promise<void> {
  const t = await translatorFor(recipient.language);
  const link = preferenceUrl(recipient.preferenceToken);
  // Plain text only: no HTML, no tracking pixels, no rewritten links.
  const text = [...lines, "", "—", footer ?? t("notifications:email.footer"), t("notifications:email.change", { link })].join("\n");
  await sendMail({
    ...extra,
    to: recipient.email,
    subject,
    text,
    headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated", ...extra.headers },
  });
}

/** Sends one mail as notifications do (footer, one-click preference link), for other mail of the same member (mailing-list mode). */
export async function mailMember(
  recipient: { userId: string; email: string; language: Language; includeContent: boolean; preferenceToken: string },
  subject: string,
  lines: string[],
  extra: Pick<Mail, "replyTo" | "messageId" | "inReplyTo" | "references" | "headers" | "icalEvent"> = {},
  footer?: string,
): Promise<void> {
  await mailTo(recipient, subject, lines, extra, footer);
}

async function spaceName(groupId: string | null, language: Language): Promise<string> {
  const t = await translatorFor(language);
  if (!groupId) return t("discussions:space.community");
  const group = await db().workingGroup.findUnique({ where: { id: groupId }, select: { nameEn: true, nameFr: true } });
  return group ? (language === "fr" ? group.nameFr : group.nameEn) : t("discussions:space.community");
}

async function recipientsFor(userIds?: string[], modes?: EmailMode[]) {
  const rows = await db().notificationSetting.findMany({
    where: { email: { not: null }, ...(userIds ? { userId: { in: userIds } } : {}), ...(modes ? { emailMode: { in: modes } } : {}) },
  });
  const users = await db().user.findMany({
    where: { id: { in: rows.map((r) => r.userId) }, deactivatedAt: null },
    select: { id: true, locale: true, timeZone: true, role: true, memberships: { select: { groupId: true, role: true } } },
  });
  const userById = new Map(users.map((u) => [u.id, u]));
  return rows.filter((r) => userById.has(r.userId)).map((row) => ({ row, user: userById.get(row.userId)! }));
}

/**
 * Immediate mode: one mail per member for the notifications not yet mailed, unless resting or
 * in quiet hours (then they wait for the next run after the quiet hours end).
 */
export async function sendPendingImmediate(now = new Date(), userIds?: string[]): Promise<number> {
  let sent = 0;
  for (const { row, user } of await recipientsFor(userIds, ["immediate"])) {
    if (isRestingNow(row.restUntil, now) || isQuietNow(row, user.timeZone, now)) continue;
    // Thread notices and MEL notices (meeting notices have their own mail, with the calendar update).
    const pending = await db().notification.findMany({
      where: { userId: row.userId, emailedAt: null, readAt: null, OR: [{ threadId: { not: null } }, { subjectType: { not: null } }] },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    if (pending.length === 0) continue;
    // Claim them first so another instance (or a concurrent run) does not send them too.
    const { count } = await db().notification.updateMany({ where: { id: { in: pending.map((p) => p.id) }, emailedAt: null }, data: { emailedAt: now } });
    if (count !== pending.length) continue;
    const language: Language = isSupportedLanguage(user.locale) ? user.locale : "en";
    const t = await translatorFor(language);
    // Claimed above even when not shown, so a notification the member may no longer read is not retried.
    const shown = await shownOnly(user, pending);
    const work = await workNoticesShown(user, pending);
    const total = shown.length + work.length;
    if (total === 0) continue;
    const lines: string[] = [];
    // With content in mail and a confirmed address, each item can be answered by replying: one
    // item's mail carries its reply address as Reply-To, several items list one address each.
    const replies = mayReplyByMail(row);
    let replyTo: string | undefined;
    for (const { thread, ...notification } of shown) {
      const where = await spaceName(thread.groupId, language);
      const link = `${baseUrl()}${await threadHref(thread)}#post-${notification.postId ?? ""}`;
      lines.push(t(`notifications:email.item.${notification.kind === "mention" ? "mention" : "reply"}`, { space: where }));
      if (row.includeContent) {
        const post = await db().post.findUnique({ where: { id: notification.postId ?? "" }, select: { bodySource: true, deletedAt: true, hiddenAt: true } });
        const actor = await db().user.findUnique({ where: { id: notification.actorId ?? "" }, select: { displayName: true } });
        lines.push(`  «${thread.title}» — ${actor?.displayName ?? ""}`);
        if (post && !post.deletedAt && !post.hiddenAt) lines.push(`  ${plainExcerpt(post.bodySource)}`);
      }
      lines.push(`  ${link}`);
      if (replies) {
        const address = await issueReplyAddress(row.userId, notification.postId ? "post" : "thread", notification.postId ?? thread.id, now);
        if (total === 1) replyTo = address;
        lines.push(total === 1 ? `  ${t("mail:reply.byEmail")}` : `  ${t("mail:reply.address", { address })}`);
      }
      lines.push("");
    }
    for (const { view } of work) lines.push(...workNoticeMailLines(view, { language, includeContent: row.includeContent, baseUrl: baseUrl(), t }), "");
    const subject = t("notifications:email.immediateSubject", { count: total });
    await mailTo({ userId: row.userId, email: row.email!, language, includeContent: row.includeContent, preferenceToken: row.preferenceToken }, subject, [t("notifications:email.immediateIntro", { count: total }), "", ...lines], replyTo ? { replyTo } : {});
    sent++;
  }
  return sent;
}

/**
 * Digest mode: what happened in the spaces a member follows (their groups and the community;
 * coordinators follow every space) since their last digest. Sends nothing when nothing happened.
 */
export async function runDigests(now = new Date()): Promise<number> {
  let sent = 0;
  for (const { row, user } of await recipientsFor(undefined, ["daily", "weekly"])) {
    const period = row.emailMode === "weekly" ? 7 * DAY_MS : DAY_MS;
    const since = row.lastDigestAt ?? row.createdAt;
    if (now.getTime() - since.getTime() < period) continue;
    if (isRestingNow(row.restUntil, now) || isQuietNow(row, user.timeZone, now)) continue;
    const claimed = await db().notificationSetting.updateMany({ where: { userId: row.userId, lastDigestAt: row.lastDigestAt }, data: { lastDigestAt: now } });
    if (claimed.count !== 1) continue;

    const posts = await db().post.findMany({
      where: { createdAt: { gt: since, lte: now }, authorId: { not: row.userId }, deletedAt: null, hiddenAt: null, thread: notificationPolicy.digestThreadsWhere(user) },
      select: { seq: true, thread: { select: { id: true, title: true, groupId: true, subjectType: true, subjectId: true } } },
      orderBy: { createdAt: "asc" },
    });
    const unread = await unreadNotificationCount(user);
    if (posts.length === 0 && unread === 0) continue;

    const language: Language = isSupportedLanguage(user.locale) ? user.locale : "en";
    const t = await translatorFor(language);
    const bySpace = new Map<string | null, { threads: number; replies: number; titles: Map<string, string> }>();
    for (const post of posts) {
      const entry = bySpace.get(post.thread.groupId) ?? { threads: 0, replies: 0, titles: new Map() };
      if (post.seq === 0) entry.threads++;
      else entry.replies++;
      entry.titles.set(post.thread.id, post.thread.title);
      bySpace.set(post.thread.groupId, entry);
    }
    const lines = [t(row.emailMode === "weekly" ? "notifications:email.digestIntroWeekly" : "notifications:email.digestIntroDaily"), ""];
    // One thread in the whole digest: replying to the mail answers it (several: one address each, below).
    const threadIds = new Set(posts.map((post) => post.thread.id));
    const digestReplyTo = row.includeContent && threadIds.size === 1 && mayReplyByMail(row) ? await issueReplyAddress(row.userId, "thread", [...threadIds][0], now) : undefined;
    for (const [groupId, entry] of bySpace) {
      const name = await spaceName(groupId, language);
      const path = groupId ? `/groups/${(await db().workingGroup.findUnique({ where: { id: groupId }, select: { slug: true } }))?.slug}` : "/community";
      lines.push(`${name}: ${t("notifications:email.digestThreads", { count: entry.threads })}, ${t("notifications:email.digestReplies", { count: entry.replies })}`);
      if (row.includeContent) {
        for (const [threadId, title] of entry.titles) {
          lines.push(`  – ${title}`);
          if (digestReplyTo) lines.push(`    ${t("mail:reply.byEmail")}`);
          else if (mayReplyByMail(row)) lines.push(`    ${t("mail:reply.address", { address: await issueReplyAddress(row.userId, "thread", threadId, now) })}`);
        }
      }
      lines.push(`  ${baseUrl()}${path}`, "");
    }
    if (unread > 0) lines.push(t("notifications:email.digestUnread", { count: unread }), `  ${baseUrl()}/notifications`);
    await mailTo(
      { userId: row.userId, email: row.email!, language, includeContent: row.includeContent, preferenceToken: row.preferenceToken },
      t(row.emailMode === "weekly" ? "notifications:email.digestSubjectWeekly" : "notifications:email.digestSubjectDaily"),
      lines,
      digestReplyTo ? { replyTo: digestReplyTo } : {},
    );
    sent++;
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------
// Decision reminders

/**
 * Mails "a decision closes soon and you have not voted" to these members, under their settings:
 * nothing to those who chose no email (or gave no address), nothing while resting or in quiet
 * hours (those are left for the next run), and the decision's title only to members who chose
 * to have content in their emails. The members who should not be asked again are in `done`.
 */
/** Which "reply with…" sentence fits the ballot (keys under mail:vote.howTo). */
function ballotHowTo(ballot: Ballot): string {
  if (ballot.kind === "proposal") return "proposal";
  if (ballot.kind === "time-poll") return "timePoll";
  return ballot.pollType;
}

/** After a vote by email: a short confirmation (what was chosen stays in Praxis, not in mail). */
export async function sendVoteConfirmation(userId: string, decision: { groupId: string | null; path: string }): Promise<void> {
  const row = await db().notificationSetting.findUnique({ where: { userId } });
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  if (!row?.email || !user) return;
  const language: Language = isSupportedLanguage(user.locale) ? user.locale : "en";
  const t = await translatorFor(language);
  const where = await spaceName(decision.groupId, language);
  await mailTo({ userId, email: row.email, language, includeContent: row.includeContent, preferenceToken: row.preferenceToken }, t("mail:vote.confirmedSubject"), [t("mail:vote.confirmed", { space: where }), `  ${baseUrl()}${decision.path}`]);
}

export async function sendDecisionReminders(input: {
  decisionId: string;
  groupId: string | null;
  titleEn: string;
  titleFr: string;
  closesAt: Date;
  path: string;
  /** The numbered ballot, for members who may answer by email. */
  ballot?: Ballot | null;
  userIds: string[];
  now?: Date;
}): Promise<{ sent: number; done: string[] }> {
  const now = input.now ?? new Date();
  const done: string[] = [];
  let sent = 0;
  const settings = await db().notificationSetting.findMany({ where: { userId: { in: input.userIds } } });
  const byUser = new Map(settings.map((row) => [row.userId, row]));
  const users = await db().user.findMany({ where: { id: { in: input.userIds }, deactivatedAt: null }, select: { id: true, locale: true, timeZone: true } });
  for (const user of users) {
    const row = byUser.get(user.id);
    if (!row?.email || row.emailMode === "none") {
      done.push(user.id);
      continue;
    }
    if (isRestingNow(row.restUntil, now) || isQuietNow(row, user.timeZone, now)) continue;
    const language: Language = isSupportedLanguage(user.locale) ? user.locale : "en";
    const t = await translatorFor(language);
    const where = await spaceName(input.groupId, language);
    const lines = [t("notifications:email.decisionReminder", { space: where })];
    if (row.includeContent) lines.push(`  «${language === "fr" ? input.titleFr : input.titleEn}»`);
    lines.push(`  ${baseUrl()}${input.path}`);
    // Voting by email: only where the member reads content in mail and replies are received.
    let replyTo: string | undefined;
    if (input.ballot && mayReplyByMail(row)) {
      const reader = { locale: language, timeZone: user.timeZone ?? "UTC" };
      const label = (option: Ballot["options"][number]) => (option.startsAt ? formatDateTime(option.startsAt, reader, { dateStyle: "full", timeStyle: "short" }) : language === "fr" ? option.labelFr : option.labelEn);
      lines.push("", t(`mail:vote.howTo.${ballotHowTo(input.ballot)}`));
      lines.push(...ballotChoices(input.ballot, label, (position) => t(`decisions:position.${position}`)).map((line) => `  ${line}`));
      replyTo = await issueReplyAddress(user.id, "decision", input.decisionId, now);
    }
    await mailTo({ userId: user.id, email: row.email, language, includeContent: row.includeContent, preferenceToken: row.preferenceToken }, t("notifications:email.decisionReminderSubject"), lines, replyTo ? { replyTo } : {});
    done.push(user.id);
    sent++;
  }
  return { sent, done };
}
