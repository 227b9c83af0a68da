// Meeting invitations by email, for members who chose message text in their emails: the
// meeting's title, time in the member's zone and link, with an iCalendar REQUEST their calendar
// app can answer. With a confirmed address (and Praxis receiving mail) the REQUEST's organiser
// is the member's reply address for this meeting, so the calendar's accept / decline comes back
// as an RSVP; a one-word reply to the mail works too (mail-in/meeting-replies.server.ts).
import { db } from "~/infra/db.server";
import { linkBaseUrl } from "~/infra/env.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { senderAddress } from "~/infra/mail.server";
import { zoneOrUtc } from "~/infra/time-zones";
import { issueReplyAddress, mayReplyByMail } from "./mail-in/tokens.server";
import { getMeetingRow, listInvitees } from "./meeting-rows.server";
import { calendar, meetingEvent } from "./meeting-calendar.server";
import { isRestingNow, mailMember } from "./notifications.server";

async function translatorFor(language: Language) {
  const { translatorFor: load } = await import("~/infra/i18n.server");
  return load(language);
}

function icsParam(value: string): string {
  return `"${value.replace(/["\r\n]/g, "")}"`;
}

/** Mails each invitee who opted in to content in mail an invitation to these meetings. */
export async function mailInvitations(meetingIds: string[], now = new Date()): Promise<number> {
  let sent = 0;
  for (const meetingId of meetingIds) {
    const meeting = await getMeetingRow(meetingId);
    if (!meeting || meeting.cancelledAt) continue;
    const invitees = await listInvitees(meeting);
    const settings = await db().notificationSetting.findMany({
      where: { userId: { in: invitees.map((invitee) => invitee.id) }, email: { not: null }, includeContent: true, emailMode: { not: "none" } },
    });
    const byId = new Map(invitees.map((invitee) => [invitee.id, invitee]));
    for (const row of settings) {
      const invitee = byId.get(row.userId);
      if (!invitee || isRestingNow(row.restUntil, now) || invitee.id === meeting.createdById) continue;
      const language: Language = isSupportedLanguage(invitee.locale) ? invitee.locale : "en";
      const t = await translatorFor(language);
      const title = language === "fr" ? meeting.titleFr : meeting.titleEn;
      const link = `${linkBaseUrl()}/meetings/${meeting.id}`;
      const when = new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "full", timeStyle: "long", timeZone: zoneOrUtc(invitee.timeZone) }).format(meeting.startsAt);
      const replyTo = mayReplyByMail(row) ? await issueReplyAddress(row.userId, "meeting", meeting.id, now) : undefined;
      const event = meetingEvent(meeting, language, link);
      const people = [
        `ORGANIZER;CN=Praxis:mailto:${replyTo ?? senderAddress()}`,
        `ATTENDEE;CN=${icsParam(invitee.displayName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${replyTo ? "TRUE" : "FALSE"}:mailto:${row.email}`,
      ];
      const ics = calendar([[...event.slice(0, -1), ...people, event.at(-1)!]], title, "REQUEST");
      const lines = [t("mail:invitation.intro"), "", title, t("mail:invitation.when", { when }), t("mail:invitation.link", { link }), ...(replyTo ? ["", t("mail:reply.rsvp")] : [])];
      await mailMember(
        { userId: row.userId, email: row.email!, language, includeContent: true, preferenceToken: row.preferenceToken },
        t("mail:invitation.subject", { title }),
        lines,
        { ...(replyTo ? { replyTo } : {}), icalEvent: { method: "REQUEST", content: ics } },
      );
      sent++;
    }
  }
  return sent;
}
