// A meeting as the meetings modules read it (one row shape for pages, changes, invitations and
// calendars), and who it invites: the primitives the verbs and the notices both stand on.
import { db } from "~/infra/db.server";
import * as meetings from "./policies/meetings";

export const meetingSelect = {
  id: true,
  kind: true,
  groupId: true,
  titleEn: true,
  titleFr: true,
  startsAt: true,
  durationMinutes: true,
  organiserTimeZone: true,
  callUrl: true,
  audience: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  cancelledAt: true,
  sequence: true,
} as const;

export type MeetingRow = {
  id: string;
  kind: string;
  groupId: string | null;
  titleEn: string;
  titleFr: string;
  startsAt: Date;
  durationMinutes: number;
  organiserTimeZone: string;
  callUrl: string;
  audience: string;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  sequence: number;
};

export async function getMeetingRow(meetingId: string): Promise<MeetingRow | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(meetingId)) return null;
  return db().meeting.findUnique({ where: { id: meetingId }, select: meetingSelect });
}

/** Every active member the meeting invites, with the zone and language they read in. */
export async function listInvitees(meeting: Pick<MeetingRow, "audience" | "groupId">) {
  return db().user.findMany({
    where: meetings.inviteesWhere(meeting),
    select: { id: true, displayName: true, timeZone: true, locale: true },
    orderBy: { displayName: "asc" },
  });
}
