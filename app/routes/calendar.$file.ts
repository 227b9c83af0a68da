// A member's private calendar feed: /calendar/<token>.ics. The token is the only credential
// (calendar apps cannot sign in), so it is long, stored hashed, and revocable from /meetings.
import type { Route } from "./+types/calendar.$file";
import { calendarFeedOwner, feedMeetings } from "~/domain/meetings.server";
import { calendar, meetingEvent } from "~/domain/meeting-calendar.server";
import { resources } from "~/infra/i18n.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const token = params.file.endsWith(".ics") ? params.file.slice(0, -4) : "";
  const owner = await calendarFeedOwner(token);
  if (!owner) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const language = owner.locale === "fr" ? "fr" : "en";
  const origin = new URL(request.url).origin;
  const meetings = await feedMeetings(owner);
  const events = meetings.map((meeting) => meetingEvent(meeting, language, `${origin}/meetings/${meeting.id}`));
  const name = (resources[language].meetings as { feed: { calendarName: string } }).feed.calendarName;
  return new Response(calendar(events, name), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The address is a secret: never pass it on.
      "Referrer-Policy": "no-referrer",
    },
  });
}

export const action = onlyRead;
