// One meeting as an iCalendar file, for members who do not subscribe to their feed.
import type { Route } from "./+types/meetings.$id.ics";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { getMeetingRow } from "~/domain/meeting-rows.server";
import { calendar, meetingEvent } from "~/domain/meeting-calendar.server";
import { parseCookies } from "~/infra/cookies.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "~/infra/i18n";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const meeting = orNotFound(await getMeetingRow(params.id));
  const language = chooseLanguage({
    memberPreference: user.locale,
    cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE],
    acceptLanguage: request.headers.get("accept-language"),
  });
  const origin = new URL(request.url).origin;
  const title = language === "fr" ? meeting.titleFr : meeting.titleEn;
  const body = calendar([meetingEvent(meeting, language, `${origin}/meetings/${meeting.id}`)], title, "PUBLISH");
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export const action = onlyRead;
