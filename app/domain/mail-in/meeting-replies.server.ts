// RSVP by email: a calendar app's iCalendar REPLY (RFC 5546: ACCEPTED, DECLINED, TENTATIVE) to
// the invitation's REQUEST, or a one-word reply ("yes", "oui", "no", "non", "maybe",
// "peut-être"), sets the member's answer through setRsvp, as the meeting page's buttons do.
import ICAL from "ical.js";
import { setRsvp } from "../meetings.server";
import { meetingUid } from "../meeting-calendar.server";
import type { Rsvp } from "../meetings";
import type { InboundReply, ReplyHandler, ReplyMember, ReplyOutcome } from "./reply";
import { oneWordRsvp } from "./reply-text.server";

const PARTSTAT: Record<string, Rsvp> = { ACCEPTED: "yes", DECLINED: "no", TENTATIVE: "maybe" };

/** The answer in an iCalendar REPLY for this meeting; null if it is not one (or not for it). */
export function calendarAnswer(calendar: string, meetingId: string): Rsvp | null {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(calendar));
  } catch {
    return null; // not iCalendar: the text of the mail may still say yes or no
  }
  if (String(root.getFirstPropertyValue("method") ?? "").toUpperCase() !== "REPLY") return null;
  const event = root.getAllSubcomponents("vevent").find((candidate) => candidate.getFirstPropertyValue("uid") === meetingUid(meetingId));
  if (!event) return null;
  // A REPLY carries one attendee: the one answering. Who they are comes from the reply address.
  const partstat = event.getFirstProperty("attendee")?.getParameter("partstat");
  return (typeof partstat === "string" && PARTSTAT[partstat.toUpperCase()]) || null;
}

export const meetingReplies: ReplyHandler = {
  needsContentInMail: false,
  async handle(member: ReplyMember, meetingId: string, reply: InboundReply): Promise<ReplyOutcome> {
    const answer = (reply.calendar ? calendarAnswer(reply.calendar, meetingId) : null) ?? oneWordRsvp(reply.text);
    if (!answer) return { ok: false, error: "mail:refusals.rsvpNotUnderstood" };
    const result = await setRsvp(member, meetingId, answer);
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  },
};
