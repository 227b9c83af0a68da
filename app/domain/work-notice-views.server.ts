// MEL notices as their recipients see them: what each is about, whether its recipient may be
// shown it now (the notifications policy, on the group and follow-up it names), and the view and
// mail lines it gives. The notifications list, badge and mail ask here; work-notices.server makes
// the notices.
import { db } from "~/infra/db.server";
import type { Language } from "~/infra/i18n";
import { formatDate } from "~/infra/time";
import type { Actor } from "./permissions";
import * as documentPolicy from "./policies/documents";
import * as notificationPolicy from "./policies/notifications";
import type { WorkNoticeKind } from "./policies/notifications";

/** What a notice is about: opening it reads the notice. A workplan is named by its group's id. */
export type SubjectType = "workplan" | "checkin" | "followup";

export const SUBJECT_OF: Record<WorkNoticeKind, SubjectType> = {
  "workplan-submitted": "workplan",
  "workplan-changes-requested": "workplan",
  "workplan-approved": "workplan",
  "checkin-submitted": "checkin",
  "checkin-answered": "checkin",
  "checkin-commented": "checkin",
  "followup-assigned": "followup",
  "followup-due": "followup",
};

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

/** The MEL notices among these rows this recipient may be shown now, with what they name. */
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
