// Meeting notices (a meeting moved, called off, restored; an agenda or minutes published): their
// kinds, and which of them a member may be shown — of meetings that invite them now. The
// notifications list and badge ask here; meeting-changes.server makes the notices.
import { db } from "~/infra/db.server";
import type { Actor } from "./permissions";
import * as notificationPolicy from "./policies/notifications";

export const MEETING_CHANGE_KINDS = ["meeting-rescheduled", "meeting-cancelled", "meeting-restored"] as const;
export type MeetingChangeKind = (typeof MEETING_CHANGE_KINDS)[number];

export function isMeetingChangeKind(kind: string): kind is MeetingChangeKind {
  return (MEETING_CHANGE_KINDS as readonly string[]).includes(kind);
}

/** A notice that an agenda or minutes was published (the home page lists it too; no mail here). */
export const TEXT_PUBLISHED = "meeting-text-published";

/** The meeting notices a member may be shown: of meetings that invite them now. */
export async function meetingNoticesShown<T extends { meetingId: string | null; kind: string }>(recipient: Actor, rows: T[]) {
  const shown = isMeetingNoticeKind;
  const ids = [...new Set(rows.flatMap((row) => (row.meetingId && shown(row.kind) ? [row.meetingId] : [])))];
  if (ids.length === 0) return [];
  const found = await db().meeting.findMany({ where: { id: { in: ids } }, select: { id: true, titleEn: true, titleFr: true, startsAt: true, audience: true, groupId: true, cancelledAt: true } });
  const byId = new Map(found.map((m) => [m.id, m]));
  return rows.flatMap((row) => {
    const meeting = row.meetingId ? byId.get(row.meetingId) : undefined;
    return meeting && isMeetingNoticeShown(recipient, row.kind, meeting) ? [{ ...row, meeting }] : [];
  });
}

/** Whether a notification of this kind is a meeting notice (its meetingId names the meeting). */
export function isMeetingNoticeKind(kind: string): boolean {
  return isMeetingChangeKind(kind) || kind === TEXT_PUBLISHED;
}

/** A meeting notice is shown while its meeting still invites the recipient (list and badge alike). */
export function isMeetingNoticeShown(recipient: Actor, kind: string, meeting: { audience: string; groupId: string | null }): boolean {
  return isMeetingNoticeKind(kind) && notificationPolicy.allowShowMeeting(recipient, meeting);
}
