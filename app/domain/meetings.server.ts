// Meetings: scheduling (with fair times and rotating series), who is invited, who organises,
// answers and attendance, and the iCalendar files and private feeds members subscribe to.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { describeError, log } from "~/infra/log.server";
import { newId, randomToken, sha256Hex } from "~/infra/ids.server";
import { canonicalTimeZone } from "~/infra/time-zones";
import { fieldErrorsOf, timeZoneField } from "~/infra/validation";
import { recordAudit } from "./audit.server";
import {
  MAX_DURATION_MINUTES,
  isAtNightIn,
  nightZones,
  REPEATS,
  seriesStarts,
  suggestFairTimes,
  unfairZones,
  type ZoneGroup,
} from "./meeting-times";
import { AUDIENCES, MEETING_KINDS, RSVPS, TEXT_KINDS, TEXT_LANGUAGES, textDocumentId } from "./meetings";
import { memberGroupIds, type Actor } from "./permissions";
import * as meetings from "./policies/meetings";
import { getMeetingRow, listInvitees, meetingSelect, type MeetingRow } from "./meeting-rows.server";
import { ok, refuse, type Result } from "./result";

export { AUDIENCES, MEETING_KINDS, RSVPS };


// ---------------------------------------------------------------------------------------------
// Scheduling

/** The form a scheduler fills in. Times are wall-clock in `timeZone`; stored in UTC. */
export const meetingSchema = z
  .object({
    kind: z.enum(MEETING_KINDS, "meetings:errors.kind"),
    groupId: z.string().optional().default(""),
    audience: z.enum(AUDIENCES, "meetings:errors.audience"),
    titleEn: z.string().trim().min(1, "meetings:errors.titleEn").max(140, "meetings:errors.titleTooLong"),
    titleFr: z.string().trim().min(1, "meetings:errors.titleFr").max(140, "meetings:errors.titleTooLong"),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "meetings:errors.date"),
    time: z.string().regex(/^\d{2}:\d{2}$/, "meetings:errors.time"),
    timeZone: timeZoneField("meetings:errors.timeZone"),
    durationMinutes: z.coerce
      .number("meetings:errors.duration")
      .int("meetings:errors.duration")
      .min(15, "meetings:errors.durationTooShort")
      .max(MAX_DURATION_MINUTES, "meetings:errors.durationTooLong"),
    callUrl: z
      .string()
      .trim()
      .max(500, "meetings:errors.callUrl")
      .refine((value) => value === "" || /^https:\/\/[^\s]+$/i.test(value), "meetings:errors.callUrl"),
    repeat: z.enum(REPEATS, "meetings:errors.repeat").default("none"),
    occurrences: z.coerce.number().int().min(1, "meetings:errors.occurrences").max(12, "meetings:errors.occurrences").default(1),
    /** Extra wall-clock times ("HH:MM") a series rotates through, after the main time. */
    rotateTimes: z.array(z.string().regex(/^\d{2}:\d{2}$/)).max(3).default([]),
    /** The organiser knows the time is at night (outside 07:00–22:00) for the people named. */
    acknowledgeNight: z.union([z.boolean(), z.string()]).optional().transform((value) => value === true || value === "yes" || value === "on"),
  })
  .superRefine((value, context) => {
    const needsGroup = value.kind === "group" || value.audience === "group";
    if (needsGroup && !value.groupId) context.addIssue({ code: "custom", path: ["groupId"], message: "meetings:errors.groupRequired" });
  });
export type MeetingInput = z.input<typeof meetingSchema>;

export type ScheduleResult = Result<{ meetingIds: string[] }>;

export async function scheduleMeeting(actor: Actor, input: MeetingInput): Promise<ScheduleResult> {
  // Someone who may schedule nothing is refused before what they typed is read.
  if (!meetings.allowScheduleAny(actor, memberGroupIds(actor))) return refuse.forbidden();
  const parsed = meetingSchema.safeParse(input);
  if (!parsed.success) return refuse.fields(fieldErrorsOf(parsed.error));
  const value = parsed.data;
  const groupId = value.groupId || null;
  if (groupId && !(await db().workingGroup.findUnique({ where: { id: groupId }, select: { id: true } }))) {
    return refuse.invalid("meetings:errors.groupRequired", "groupId");
  }
  if (!meetings.allowSchedule(actor, value.kind, groupId)) return refuse.forbidden();

  const starts = seriesStarts({
    date: value.date,
    time: value.time,
    zone: value.timeZone,
    repeat: value.repeat,
    occurrences: value.occurrences,
    rotateTimes: value.rotateTimes.length ? [value.time, ...value.rotateTimes] : undefined,
  });
  if (starts.length === 0) return refuse.invalid("meetings:errors.date", "date");
  // The fairness check always runs: a time at night for anyone needs the organiser to say they know.
  const night = await nightFor({ audience: value.audience, groupId }, actor, starts, value.durationMinutes, value.timeZone);
  if (night.length && !value.acknowledgeNight) return refuse.fields({ acknowledgeNight: "meetings:fair.ackRequired" });
  const seriesId = starts.length > 1 ? newId() : null;
  const ids = starts.map(() => newId());
  await db().$transaction(async (tx) => {
    for (const [index, startsAt] of starts.entries()) {
      await tx.meeting.create({
        data: {
          id: ids[index],
          kind: value.kind,
          groupId,
          titleEn: value.titleEn,
          titleFr: value.titleFr,
          startsAt,
          durationMinutes: value.durationMinutes,
          organiserTimeZone: value.timeZone,
          callUrl: value.callUrl,
          audience: value.audience,
          createdById: actor.id,
        },
      });
      if (seriesId) await tx.meetingSeriesEntry.create({ data: { meetingId: ids[index], seriesId, position: index } });
    }
    await recordAudit({ actorId: actor.id, action: "meeting.scheduled", objectType: "meeting", objectId: ids[0], data: { count: ids.length } }, tx);
  });
  // Invitations by email in the background: a slow mail server must not slow scheduling down.
  void import("./meeting-invitations.server")
    .then(({ mailInvitations }) => mailInvitations(ids))
    .catch((error) => log("error", "meeting invitation mail failed", describeError(error)));
  return ok({ meetingIds: ids });
}

/** Changes time, title, link or audience; calendars see a new SEQUENCE. */
export async function updateMeeting(actor: Actor, meetingId: string, input: MeetingInput): Promise<ScheduleResult> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  if (!meetings.allow(actor, "organise", meeting)) return refuse.forbidden();
  const parsed = meetingSchema.safeParse({ ...input, repeat: "none", occurrences: 1, rotateTimes: [] });
  if (!parsed.success) return refuse.fields(fieldErrorsOf(parsed.error));
  const value = parsed.data;
  const groupId = value.groupId || null;
  if (groupId && !(await db().workingGroup.findUnique({ where: { id: groupId }, select: { id: true } }))) {
    return refuse.invalid("meetings:errors.groupRequired", "groupId");
  }
  // Moving it elsewhere needs the right to schedule there.
  if (!meetings.allowSchedule(actor, value.kind, groupId)) return refuse.forbidden();
  const [startsAt] = seriesStarts({ date: value.date, time: value.time, zone: value.timeZone, repeat: "none", occurrences: 1 });
  if (!startsAt) return refuse.invalid("meetings:errors.date", "date");
  const moved = startsAt.getTime() !== meeting.startsAt.getTime() || value.durationMinutes !== meeting.durationMinutes || value.audience !== meeting.audience || groupId !== meeting.groupId;
  if (moved) {
    const night = await nightFor({ audience: value.audience, groupId }, actor, [startsAt], value.durationMinutes, value.timeZone);
    if (night.length && !value.acknowledgeNight) return refuse.fields({ acknowledgeNight: "meetings:fair.ackRequired" });
  }
  await db().meeting.update({
    where: { id: meetingId },
    data: {
      kind: value.kind,
      groupId,
      titleEn: value.titleEn,
      titleFr: value.titleFr,
      startsAt,
      durationMinutes: value.durationMinutes,
      organiserTimeZone: value.timeZone,
      callUrl: value.callUrl,
      audience: value.audience,
      sequence: { increment: 1 },
    },
  });
  await recordAudit({ actorId: actor.id, action: "meeting.updated", objectType: "meeting", objectId: meetingId });
  // A new time: answers given for the old one no longer hold, and every invitee is told.
  if (startsAt.getTime() !== meeting.startsAt.getTime() || value.durationMinutes !== meeting.durationMinutes) {
    const { meetingRescheduled } = await import("./meeting-changes.server");
    await meetingRescheduled(actor, meeting);
  }
  // Its group or audience may have changed: whoever has a draft agenda or minutes open is re-checked.
  for (const kind of TEXT_KINDS) for (const language of TEXT_LANGUAGES) publish("document.accessChanged", { documentId: textDocumentId(kind, meetingId, language) });
  return ok({ meetingIds: [meetingId] });
}

export async function cancelMeeting(actor: Actor, meetingId: string): Promise<Result> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  if (!meetings.allow(actor, "organise", meeting)) return refuse.forbidden();
  if (meeting.cancelledAt) return refuse.conflict("meetings:errors.alreadyCancelled");
  await db().meeting.update({ where: { id: meetingId }, data: { cancelledAt: new Date(), sequence: { increment: 1 } } });
  await recordAudit({ actorId: actor.id, action: "meeting.cancelled", objectType: "meeting", objectId: meetingId });
  const { tellInvitees } = await import("./meeting-changes.server");
  await tellInvitees(actor, meetingId, "meeting-cancelled", {});
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Who is invited, who organises

/** Whether the meeting invites the actor (the meetings policy decides; kept for the texts module). */
export function isInvited(actor: Actor, meeting: Pick<MeetingRow, "audience" | "groupId">): boolean {
  return meetings.isInvited(actor, meeting);
}

/** Organisers: whoever scheduled it, and anyone who could have scheduled it (the meetings policy). */
export async function isOrganiser(actor: Actor, meeting: MeetingRow): Promise<boolean> {
  return meetings.allow(actor, "organise", meeting);
}

/** Zones of the invitees, grouped (members without a zone count as UTC until they set one). */
export function zoneGroups(invitees: Array<{ timeZone: string | null }>): ZoneGroup[] {
  const counts = new Map<string, number>();
  for (const invitee of invitees) {
    const zone = canonicalTimeZone(invitee.timeZone) ?? "UTC";
    counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  return [...counts].map(([zone, people]) => ({ zone, people })).sort((a, b) => b.people - a.people || a.zone.localeCompare(b.zone));
}

/**
 * Who a time is at night for (outside 07:00–22:00), by zone with their names: the invitees and
 * the organiser (in their own zone, or the form's). Several starts (a series) are merged.
 */
export async function nightFor(
  audience: { audience: string; groupId: string | null },
  organiser: { id: string; timeZone?: string | null },
  starts: Date[],
  durationMinutes: number,
  formZone: string,
) {
  const invitees: Array<{ id: string; displayName: string; timeZone: string | null }> = await listInvitees(audience);
  if (!invitees.some((invitee) => invitee.id === organiser.id)) {
    const self = await db().user.findUnique({ where: { id: organiser.id }, select: { displayName: true, timeZone: true } });
    invitees.push({ id: organiser.id, displayName: self?.displayName ?? "", timeZone: self?.timeZone ?? formZone });
  }
  const zones = zoneGroups(invitees);
  const found = new Map<string, { zone: string; people: number; localStart: string; localEnd: string; names: string[] }>();
  for (const start of starts) {
    for (const zone of nightZones(start, durationMinutes, zones)) {
      if (found.has(zone.zone)) continue;
      const names = invitees.filter((invitee) => (canonicalTimeZone(invitee.timeZone) ?? "UTC") === zone.zone).map((invitee) => invitee.displayName);
      found.set(zone.zone, { ...zone, names: names.slice(0, 20) });
    }
  }
  return [...found.values()];
}

/**
 * For a meeting in a series: how many of the series' meetings (cancelled ones left out) fall at
 * night for each of these people, by the same rule as the scheduling check. Null outside a series.
 */
export async function seriesNightCounts(meetingId: string, people: Array<{ id: string; timeZone: string | null }>) {
  const entry = await db().meetingSeriesEntry.findUnique({ where: { meetingId }, select: { seriesId: true } });
  if (!entry) return null;
  const entries = await db().meetingSeriesEntry.findMany({ where: { seriesId: entry.seriesId }, select: { meetingId: true } });
  const series = await db().meeting.findMany({
    where: { id: { in: entries.map((e) => e.meetingId) }, cancelledAt: null },
    select: { startsAt: true, durationMinutes: true },
  });
  const counts = new Map<string, number>();
  for (const person of people) {
    const zone = canonicalTimeZone(person.timeZone) ?? "UTC";
    counts.set(person.id, series.filter((meeting) => isAtNightIn(meeting.startsAt, meeting.durationMinutes, zone)).length);
  }
  return { meetings: series.length, counts };
}

/** What the organiser sees while choosing a time: who it is unfair to, and fairer times. */
export async function fairTimeAdvice(input: { audience: string; groupId: string | null; startsAt: Date; durationMinutes: number }) {
  const zones = zoneGroups(await listInvitees({ audience: input.audience, groupId: input.groupId }));
  return {
    zones,
    unfair: unfairZones(input.startsAt, input.durationMinutes, zones),
    suggestions: suggestFairTimes(input.startsAt, input.durationMinutes, zones),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading meetings

export interface MeetingFilters {
  kind?: string;
  groupId?: string;
}

/** Upcoming (not yet ended) and past meetings. Every member sees that meetings exist. */
export async function listMeetings(actor: Actor, filters: MeetingFilters, now = new Date()) {
  if (!meetings.allowList(actor)) return refuse.forbidden();
  const where = {
    ...(filters.kind && (MEETING_KINDS as readonly string[]).includes(filters.kind) ? { kind: filters.kind } : {}),
    ...(filters.groupId ? { groupId: filters.groupId } : {}),
  };
  // A meeting counts as upcoming until it could have ended (the longest is 90 minutes).
  const boundary = new Date(now.getTime() - MAX_DURATION_MINUTES * 60_000);
  const [recent, older] = await Promise.all([
    db().meeting.findMany({ where: { ...where, startsAt: { gte: boundary } }, select: meetingSelect, orderBy: { startsAt: "asc" }, take: 50 }),
    db().meeting.findMany({ where: { ...where, startsAt: { lt: boundary } }, select: meetingSelect, orderBy: { startsAt: "desc" }, take: 50 }),
  ]);
  // The same rule as the home page's: upcoming until its own end.
  const upcoming = recent.filter((meeting) => !hasEnded(meeting, now));
  const past = [...recent.filter((meeting) => hasEnded(meeting, now)).reverse(), ...older].slice(0, 50);
  return ok({ upcoming, past });
}

/** The upcoming meetings a member is invited to (home page, group page). */
export async function upcomingMeetingsFor(actor: Actor, options: { groupId?: string; take?: number } = {}, now = new Date()) {
  const rows = await db().meeting.findMany({
    where: { cancelledAt: null, startsAt: { gte: new Date(now.getTime() - MAX_DURATION_MINUTES * 60_000) }, ...(options.groupId ? { groupId: options.groupId } : {}) },
    select: meetingSelect,
    orderBy: { startsAt: "asc" },
    take: 50,
  });
  return rows.filter((meeting) => !hasEnded(meeting, now) && (options.groupId || meetings.isInvited(actor, meeting))).slice(0, options.take ?? 5);
}

/** A meeting is upcoming (on /meetings, the home page and group pages alike) until its own end. */
export function hasEnded(meeting: Pick<MeetingRow, "startsAt" | "durationMinutes">, now = new Date()): boolean {
  return meeting.startsAt.getTime() + meeting.durationMinutes * 60_000 <= now.getTime();
}

// ---------------------------------------------------------------------------------------------
// Answers and attendance

export async function setRsvp(actor: Actor, meetingId: string, rsvp: string): Promise<Result> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  if (!meetings.allow(actor, "rsvp", meeting)) return refuse.forbidden();
  if (!(RSVPS as readonly string[]).includes(rsvp)) return refuse.invalid("common:errors.invalidValue", "rsvp");
  await db().meetingAttendance.upsert({
    where: { meetingId_userId: { meetingId, userId: actor.id } },
    create: { meetingId, userId: actor.id, rsvp },
    update: { rsvp },
  });
  return ok();
}

/** After the meeting, an organiser records who came; everyone else invited is recorded absent. */
export async function recordAttendance(actor: Actor, meetingId: string, presentUserIds: string[], now = new Date()): Promise<Result> {
  const meeting = await getMeetingRow(meetingId);
  if (!meeting) return refuse.notFound();
  if (!meetings.allow(actor, "organise", meeting)) return refuse.forbidden();
  if (meeting.startsAt.getTime() > now.getTime()) return refuse.conflict("meetings:attendance.tooEarly");
  const invitees = await listInvitees(meeting);
  const present = new Set(presentUserIds);
  await db().$transaction(async (tx) => {
    for (const invitee of invitees) {
      const attended = present.has(invitee.id);
      await tx.meetingAttendance.upsert({
        where: { meetingId_userId: { meetingId, userId: invitee.id } },
        create: { meetingId, userId: invitee.id, attended },
        update: { attended },
      });
    }
    await recordAudit({ actorId: actor.id, action: "meeting.attendance", objectType: "meeting", objectId: meetingId, data: { present: present.size } }, tx);
  });
  return ok();
}

export async function attendanceFor(meetingId: string) {
  return db().meetingAttendance.findMany({ where: { meetingId }, select: { userId: true, rsvp: true, attended: true } });
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545): one meeting as a file, and a member's private feed

/** The meetings a member's feed carries: invited ones from 90 days back, cancelled ones too. */
export async function feedMeetings(actor: Actor, now = new Date()) {
  const rows = await db().meeting.findMany({
    where: { startsAt: { gte: new Date(now.getTime() - 90 * 24 * 3600_000) } },
    select: meetingSelect,
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  return rows.filter((meeting) => meetings.isInvited(actor, meeting));
}

/** Creates (or replaces) the member's private feed token; the old URL stops working. */
export async function createCalendarFeed(userId: string): Promise<string> {
  const token = randomToken(24);
  await db().calendarFeed.upsert({
    where: { userId },
    create: { userId, tokenHash: sha256Hex(token) },
    update: { tokenHash: sha256Hex(token), createdAt: new Date() },
  });
  await recordAudit({ actorId: userId, action: "calendar.feed.created", objectType: "user", objectId: userId });
  return token;
}

export async function revokeCalendarFeed(userId: string): Promise<void> {
  await db().calendarFeed.deleteMany({ where: { userId } });
  await recordAudit({ actorId: userId, action: "calendar.feed.revoked", objectType: "user", objectId: userId });
}

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  return (await db().calendarFeed.count({ where: { userId } })) > 0;
}

/** The member behind a feed token, or null (revoked, replaced, or never issued). */
export async function calendarFeedOwner(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const feed = await db().calendarFeed.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { userId: true } });
  if (!feed) return null;
  const user = await db().user.findUnique({
    where: { id: feed.userId },
    select: { id: true, role: true, locale: true, deactivatedAt: true, memberships: { select: { groupId: true, role: true } } },
  });
  return user && !user.deactivatedAt ? user : null;
}

// ---------------------------------------------------------------------------------------------
// The scheduling form (shared by the schedule and change pages)

export type { MeetingFormFields } from "./meetings";
import type { MeetingFormFields } from "./meetings";

const FORM_FIELDS: Array<keyof MeetingFormFields> = [
  "kind", "groupId", "audience", "titleEn", "titleFr", "date", "time", "timeZone",
  "durationMinutes", "callUrl", "repeat", "occurrences", "rotate1", "rotate2", "acknowledgeNight",
];

export function readMeetingForm(form: FormData): MeetingFormFields {
  const values = {} as MeetingFormFields;
  for (const field of FORM_FIELDS) {
    const value = form.get(field);
    values[field] = typeof value === "string" ? value.slice(0, 1000) : "";
  }
  // An old zone name (Asia/Calcutta) comes back as the one the picker lists.
  values.timeZone = canonicalTimeZone(values.timeZone) ?? values.timeZone;
  return values;
}

export function meetingInputOf(values: MeetingFormFields): MeetingInput {
  return {
    ...values,
    durationMinutes: values.durationMinutes as unknown as number,
    occurrences: (values.occurrences || "1") as unknown as number,
    repeat: (values.repeat || "none") as MeetingInput["repeat"],
    rotateTimes: [values.rotate1, values.rotate2].filter((time) => time && time !== values.time),
  } as MeetingInput;
}

/**
 * Fair-time advice for what the form says now (null when the time cannot be read yet). The
 * organiser counts too, in their own zone (or the form's), even when not among the invitees.
 */
export async function formAdvice(values: MeetingFormFields, organiser: { id: string; timeZone: string | null }) {
  const zone = canonicalTimeZone(values.timeZone);
  if (!zone) return null;
  const duration = Math.min(Math.max(Number(values.durationMinutes) || 60, 15), MAX_DURATION_MINUTES);
  const slots = [values.time, values.rotate1, values.rotate2].filter((time, index, all) => time && all.indexOf(time) === index);
  const audience = { audience: values.audience, groupId: values.groupId || null };
  const invitees: Array<{ id: string; timeZone: string | null }> = await listInvitees(audience);
  if (!invitees.some((invitee) => invitee.id === organiser.id)) invitees.push({ id: organiser.id, timeZone: organiser.timeZone ?? values.timeZone });
  const zones = zoneGroups(invitees);
  const starts = slots.flatMap((time) => seriesStarts({ date: values.date, time, zone, repeat: "none", occurrences: 1 }));
  if (starts.length === 0) return null;
  return {
    night: await nightFor(audience, organiser, starts, duration, zone),
    invitees: zones.reduce((sum, zone) => sum + zone.people, 0),
    slots: starts.map((startsAt) => ({ startsAt: startsAt.toISOString(), unfair: unfairZones(startsAt, duration, zones) })),
    suggestions: suggestFairTimes(starts[0], duration, zones).map((date) => date.toISOString()),
  };
}

/** The groups this person may schedule meetings for (leads: their own). */
export function schedulableGroupIds(actor: Actor, groupIds: string[]): string[] {
  return groupIds.filter((groupId) => meetings.allowSchedule(actor, "group", groupId));
}
