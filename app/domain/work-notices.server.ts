// MEL notices: a workplan sent for review or answered, a check-in sent or answered, a follow-up
// action assigned or coming due. The one place that makes them. Who is told is the notifications
// policy's audience for each kind; each notice is shown (list, badge, mail) only while the policy
// still lets its recipient read what it names, and MEL's comments only to who may read reviews.
// Mail goes through the member's immediate mail (sendPendingImmediate) or their digest's unread count.
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import type { Language } from "~/infra/i18n";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { formatDate } from "~/infra/time";
import { markNoticesReadWhere, restingUserIds, sendPendingImmediate, unreadNotificationCount } from "./notifications.server";
import { usersInAudience, type Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import * as notificationPolicy from "./policies/notifications";
import type { WorkNoticeKind } from "./policies/notifications";

export { isWorkNoticeKind, type WorkNoticeKind } from "./policies/notifications";

/** What a notice is about: opening it reads the notice. A workplan is named by its group's id. */
export type SubjectType = "workplan" | "checkin" | "followup";

const SUBJECT_OF: Record<WorkNoticeKind, SubjectType> = {
  "workplan-submitted": "workplan",
  "workplan-changes-requested": "workplan",
  "workplan-approved": "workplan",
  "checkin-submitted": "checkin",
  "checkin-answered": "checkin",
  "checkin-commented": "checkin",
  "followup-assigned": "followup",
  "followup-due": "followup",
};

const DAY_MS = 24 * 3600 * 1000;
const actorSelect = { id: true, role: true, memberships: { select: { groupId: true, role: true } } } as const;

/**
 * Notices to the kind's audience (not the one who acted), the live badge for those not resting,
 * then their immediate mail in the background (digest members find them counted in their digest).
 */
async function tell(
  actor: Actor | null,
  kind: WorkNoticeKind,
  subject: { id: string; groupId: string; ownerId?: string | null; participantIds?: readonly string[] },
  data: Record<string, unknown> = {},
  now = new Date(),
): Promise<string[]> {
  const facts = { groupId: subject.groupId, ownerId: subject.ownerId ?? null, participantIds: subject.participantIds };
  const people = await db().user.findMany({ where: usersInAudience(notificationPolicy.workNoticeAudience(kind, facts)), select: actorSelect });
  const recipients = people.filter((person) => person.id !== actor?.id && notificationPolicy.allowShowWorkNotice(person, kind, facts));
  if (recipients.length === 0) return [];
  const ids = recipients.map((r) => r.id);
  await db().notification.createMany({
    data: recipients.map((r) => ({ id: newId(), userId: r.id, kind, subjectType: SUBJECT_OF[kind], subjectId: subject.id, actorId: actor?.id ?? null, data: JSON.stringify(data), createdAt: now })),
  });
  const resting = await restingUserIds(ids);
  for (const recipient of recipients) {
    if (!resting.has(recipient.id)) publish("notification.count", { userId: recipient.id, unread: await unreadNotificationCount(recipient) });
  }
  void sendPendingImmediate(now, ids).catch((error) => log("error", "MEL notice mail failed", describeError(error)));
  return ids;
}

/** A lead sent the workplan for review: the MEL group hears of it. */
export async function noticeWorkplanSubmitted(actor: Actor, groupId: string): Promise<string[]> {
  return tell(actor, "workplan-submitted", { id: groupId, groupId });
}

/** MEL answered a workplan: the group's leads hear of it, with the review (its comments) named. */
export async function noticeWorkplanReviewed(actor: Actor, groupId: string, decision: "approved" | "changes-requested", reviewId: string): Promise<string[]> {
  return tell(actor, decision === "approved" ? "workplan-approved" : "workplan-changes-requested", { id: groupId, groupId }, { reviewId });
}

/** A lead submitted a check-in: the MEL group hears of it. */
export async function noticeCheckInSubmitted(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  return tell(actor, "checkin-submitted", checkIn);
}

/** MEL recorded its advice on a check-in: the group's leads hear of it. */
export async function noticeCheckInAnswered(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  return tell(actor, "checkin-answered", checkIn);
}

/**
 * Someone commented on a submitted check-in: its leads hear of it, and so does whoever has
 * commented on it or given its advice before (MEL's people in the conversation).
 */
export async function noticeCheckInCommented(actor: Actor, checkIn: { id: string; groupId: string }): Promise<string[]> {
  const [comments, answered] = await Promise.all([
    db().checkInComment.findMany({ where: { checkInId: checkIn.id }, select: { authorId: true } }),
    db().checkIn.findUnique({ where: { id: checkIn.id }, select: { adviceById: true } }),
  ]);
  const participantIds = [...new Set([...comments.map((c) => c.authorId), ...(answered?.adviceById ? [answered.adviceById] : [])])];
  return tell(actor, "checkin-commented", { ...checkIn, participantIds });
}

/** A follow-up action was agreed: its owner hears of it. */
export async function noticeFollowUpAssigned(actor: Actor, followUp: { id: string; groupId: string; ownerId: string | null }): Promise<string[]> {
  return tell(actor, "followup-assigned", followUp);
}

/**
 * The job: each open follow-up whose due day is tomorrow or today (or just passed) tells its
 * owner once. Each is claimed first, so several instances never tell twice.
 */
export async function noticeDueFollowUps(now = new Date()): Promise<number> {
  const due = await db().followUpAction.findMany({
    where: { status: "open", ownerId: { not: null }, dueNoticedAt: null, dueDate: { gt: new Date(now.getTime() - DAY_MS), lte: new Date(now.getTime() + DAY_MS) } },
    select: { id: true, groupId: true, ownerId: true },
    take: 200,
  });
  let told = 0;
  for (const followUp of due) {
    const { count } = await db().followUpAction.updateMany({ where: { id: followUp.id, dueNoticedAt: null }, data: { dueNoticedAt: now } });
    if (count !== 1) continue;
    told += (await tell(null, "followup-due", followUp, {}, now)).length;
  }
  return told;
}

/** Opening what notices name reads them; the new unread count, or null when none was unread. */
export async function markNoticesAboutRead(userId: string, subjectType: SubjectType, subjectIds: string[]): Promise<number | null> {
  if (subjectIds.length === 0) return null;
  return markNoticesReadWhere(userId, { subjectType, subjectId: { in: subjectIds } });
}

// --- Showing --------------------------------------------------------------------------------

export interface WorkNoticeView {
  id: string;
  kind: WorkNoticeKind;
  groupNameEn: string;
  groupNameFr: string;
  /** Where the notice leads: the MEL page, the workplan text, the check-in or the group's follow-ups. */
  href: string;
  /** The workplan text, for MEL's answers. */
  workplanHref: string;
  /** MEL's comments with their answer to a workplan (for whoever may read reviews), or its advice on a check-in. */
  comments: { text: string; language: string } | null;
  followUp: { title: string; language: string; dueDate: Date | null } | null;
  createdAt: Date;
  readAt: Date | null;
}

type Row = { id: string; userId: string; kind: string; subjectType: string | null; subjectId: string | null; data: string | null; createdAt: Date; readAt: Date | null };

function reviewIdOf(data: string | null): string | null {
  try {
    const parsed: unknown = JSON.parse(data ?? "{}");
    return parsed && typeof parsed === "object" && typeof (parsed as { reviewId?: unknown }).reviewId === "string" ? (parsed as { reviewId: string }).reviewId : null;
  } catch {
    return null;
  }
}

/** The MEL notices among these rows this recipient may be shown now, with what they name. */
/**
 * The group a MEL notice is about: a workplan is named by its group's id, a check-in or a
 * follow-up action by its own (undefined when that row is gone).
 */
export function workNoticeGroupId(kind: WorkNoticeKind, subjectId: string, checkIn: { groupId: string } | undefined, followUp: { groupId: string } | undefined): string | undefined {
  const subject = SUBJECT_OF[kind];
  return subject === "workplan" ? subjectId : subject === "checkin" ? checkIn?.groupId : followUp?.groupId;
}

/** Whether its recipient is shown a MEL notice about this (existing) group (list and badge alike). */
export function isWorkNoticeShown(recipient: Actor, kind: WorkNoticeKind, groupId: string, followUp: { ownerId: string | null } | undefined): boolean {
  return notificationPolicy.allowShowWorkNotice(recipient, kind, { groupId, ownerId: SUBJECT_OF[kind] === "followup" ? (followUp?.ownerId ?? null) : null });
}

export async function workNoticesShown<T extends Row>(recipient: Actor, rows: T[]): Promise<Array<T & { view: WorkNoticeView }>> {
  const candidates = rows.filter((row): row is T & { kind: WorkNoticeKind; subjectId: string } => notificationPolicy.isWorkNoticeKind(row.kind) && row.subjectId !== null);
  if (candidates.length === 0) return [];
  const idsOf = (type: SubjectType) => [...new Set(candidates.filter((row) => SUBJECT_OF[row.kind] === type).map((row) => row.subjectId))];
  const reviewIds = candidates.flatMap((row) => (SUBJECT_OF[row.kind] === "workplan" ? [reviewIdOf(row.data)].filter((id): id is string => id !== null) : []));
  const [checkIns, followUps, reviews] = await Promise.all([
    db().checkIn.findMany({ where: { id: { in: idsOf("checkin") } }, select: { id: true, groupId: true, advice: true, adviceLanguage: true } }),
    db().followUpAction.findMany({ where: { id: { in: idsOf("followup") } }, select: { id: true, groupId: true, ownerId: true, title: true, language: true, dueDate: true } }),
    reviewIds.length ? db().workplanReview.findMany({ where: { id: { in: reviewIds } }, select: { id: true, comments: true, language: true } }) : [],
  ]);
  const checkInById = new Map(checkIns.map((c) => [c.id, c]));
  const followUpById = new Map(followUps.map((f) => [f.id, f]));
  const reviewById = new Map(reviews.map((r) => [r.id, r]));
  const groupIds = [...idsOf("workplan"), ...checkIns.map((c) => c.groupId), ...followUps.map((f) => f.groupId)];
  const groups = new Map((await db().workingGroup.findMany({ where: { id: { in: [...new Set(groupIds)] } }, select: { id: true, slug: true, nameEn: true, nameFr: true } })).map((g) => [g.id, g]));
  return candidates.flatMap((row) => {
    const subject = SUBJECT_OF[row.kind];
    const followUp = subject === "followup" ? followUpById.get(row.subjectId) : undefined;
    const groupId = workNoticeGroupId(row.kind, row.subjectId, checkInById.get(row.subjectId), followUp);
    const group = groupId ? groups.get(groupId) : undefined;
    if (!group || !isWorkNoticeShown(recipient, row.kind, group.id, followUp)) return [];
    const review = subject === "workplan" ? reviewById.get(reviewIdOf(row.data) ?? "") : undefined;
    // MEL's advice rides with its answer: whoever is shown the notice may read the check-in.
    const advice = row.kind === "checkin-answered" ? checkInById.get(row.subjectId) : undefined;
    const workplanHref = `/groups/${group.slug}/docs/workplan`;
    const href =
      row.kind === "workplan-submitted" ? `/mel/groups/${group.slug}#review` : subject === "workplan" ? workplanHref : subject === "checkin" ? `/mel/checkins/${row.subjectId}` : `/groups/${group.slug}#mel`;
    const view: WorkNoticeView = {
      id: row.id,
      kind: row.kind,
      groupNameEn: group.nameEn,
      groupNameFr: group.nameFr,
      href,
      workplanHref,
      comments:
        review && review.comments.trim() && documentPolicy.allowReadReviews(recipient, { groupId: group.id })
          ? { text: review.comments, language: review.language }
          : advice?.advice?.trim()
            ? { text: advice.advice, language: advice.adviceLanguage }
            : null,
      followUp: followUp ? { title: followUp.title, language: followUp.language, dueDate: followUp.dueDate } : null,
      createdAt: row.createdAt,
      readAt: row.readAt,
    };
    return [{ ...row, view }];
  });
}

/**
 * The lines a notice adds to the member's mail: what happened and where (content-free), and with
 * content in mail, MEL's comments or the follow-up's title and due day.
 */
export function workNoticeMailLines(view: WorkNoticeView, options: { language: Language; includeContent: boolean; baseUrl: string; t: (key: string, values?: Record<string, unknown>) => string }): string[] {
  const { language, t } = options;
  const group = language === "fr" ? view.groupNameFr : view.groupNameEn;
  const lines = [t(`notifications:email.item.${view.kind}`, { group })];
  if (options.includeContent) {
    if (view.comments) lines.push(`  «${excerpt(view.comments.text)}»`);
    if (view.followUp) {
      const due = view.followUp.dueDate ? formatDate(view.followUp.dueDate, { locale: language, timeZone: "UTC" }) : null;
      lines.push(`  «${view.followUp.title}»${due ? ` — ${t("notifications:work.due", { date: due })}` : ""}`);
    }
  }
  lines.push(`  ${options.baseUrl}${view.href}`);
  if (view.kind === "workplan-approved" || view.kind === "workplan-changes-requested") lines.push(`  ${t("notifications:work.workplanText")} ${options.baseUrl}${view.workplanHref}`);
  return lines;
}

function excerpt(value: string, length = 600): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat;
}
