// A published agenda or minutes as one standalone HTML file: readable offline, printable,
// shareable inside the community, with no link back to the server.
import type { Route } from "./+types/meetings.$id.$text.download";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { getMeetingRow } from "~/domain/meetings.server";
import { isTextKind, isTextLanguage, publishedVersion, standaloneHtml } from "~/domain/minutes.server";
import { resources } from "~/infra/i18n.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireViewer(request);
  if (!isTextKind(params.text)) throw new Response("Not found", { status: 404 });
  const meeting = orNotFound(await getMeetingRow(params.id));
  const url = new URL(request.url);
  const v = url.searchParams.get("v");
  const version = orNotFound(await publishedVersion(meeting.id, params.text, v && /^\d{1,4}$/.test(v) ? Number(v) : undefined));
  const lang = url.searchParams.get("lang") ?? "en";
  const language = isTextLanguage(lang) ? lang : "en";
  const labels = (resources[language].meetings as { texts: Record<string, string> }).texts;
  const html = standaloneHtml({
    language,
    heading: `${labels[params.text]} — ${language === "fr" ? meeting.titleFr : meeting.titleEn}`,
    subheading: `${new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(meeting.startsAt)} UTC · ${labels.version.replace("{{number}}", String(version.number))}`,
    body: language === "fr" ? version.htmlFr : version.htmlEn,
  });
  const filename = `${params.text}-${meeting.startsAt.toISOString().slice(0, 10)}-v${version.number}-${language}.html`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
