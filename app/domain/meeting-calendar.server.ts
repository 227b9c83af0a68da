// iCalendar (RFC 5545): a meeting as an event, and events as a calendar file (one meeting's
// .ics, a member's private feed, invitations and changes by mail).
import type { MeetingRow } from "./meeting-rows.server";

/** The stable UID of a meeting in every calendar, across updates and cancellation. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@praxis`;
}

function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function icsDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const length = Buffer.byteLength(char, "utf8");
    if (size + length > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function meetingEvent(meeting: MeetingRow, language: string, meetingUrl: string): string[] {
  const title = language === "fr" ? meeting.titleFr : meeting.titleEn;
  const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  const description = [meeting.callUrl, meetingUrl].filter(Boolean).join("\n");
  return [
    "BEGIN:VEVENT",
    `UID:${meetingUid(meeting.id)}`,
    `DTSTAMP:${icsDate(meeting.updatedAt)}`,
    `LAST-MODIFIED:${icsDate(meeting.updatedAt)}`,
    `DTSTART:${icsDate(meeting.startsAt)}`,
    `DTEND:${icsDate(end)}`,
    `SEQUENCE:${meeting.sequence}`,
    `SUMMARY:${icsText(title)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(meeting.callUrl ? [`LOCATION:${icsText(meeting.callUrl)}`, `URL:${icsText(meeting.callUrl)}`] : []),
    `STATUS:${meeting.cancelledAt ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
  ];
}

export function calendar(events: string[][], name: string, method?: "PUBLISH" | "CANCEL" | "REQUEST"): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Power of Pride//Praxis//EN",
    "CALSCALE:GREGORIAN",
    ...(method ? [`METHOD:${method}`] : []),
    `X-WR-CALNAME:${icsText(name)}`,
    ...events.flat(),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
