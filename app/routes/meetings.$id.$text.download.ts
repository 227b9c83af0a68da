// A published agenda or minutes as one standalone file: HTML (readable offline, printable,
// shareable inside the community, with no link back to the server) or a tagged PDF made by the
// publications' generator, in one language or both (English, then French).
import type { Route } from "./+types/meetings.$id.$text.download";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { getMeetingRow } from "~/domain/meeting-rows.server";
import { isTextKind, isTextLanguage, publishedVersion, standaloneHtml } from "~/domain/minutes.server";
import { parseHtml } from "~/domain/publication-html";
import { renderPdf } from "~/domain/publication-pdf.server";
import { resources } from "~/infra/i18n.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireViewer(request);
  if (!isTextKind(params.text)) throw new Response("Not found", { status: 404 });
  const meeting = orNotFound(await getMeetingRow(params.id));
  const url = new URL(request.url);
  const v = url.searchParams.get("v");
  const version = orNotFound(await publishedVersion(meeting.id, params.text, v && /^\d{1,4}$/.test(v) ? Number(v) : undefined));
  const lang = url.searchParams.get("lang") ?? "en";
  const wantsPdf = url.searchParams.get("format") === "pdf";
  const both = wantsPdf && lang === "both";
  const language = isTextLanguage(lang) ? lang : "en";
  const heading = (l: "en" | "fr") => `${(resources[l].meetings as { texts: Record<string, string> }).texts[params.text]} — ${l === "fr" ? meeting.titleFr : meeting.titleEn}`;
  const subheading = (l: "en" | "fr") =>
    `${new Intl.DateTimeFormat(l === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(meeting.startsAt)} UTC · ${(resources[l].meetings as { texts: Record<string, string> }).texts.version.replace("{{number}}", String(version.number))}`;
  const body = (l: "en" | "fr") => (l === "fr" ? version.htmlFr : version.htmlEn);
  const stem = `${params.text}-${meeting.startsAt.toISOString().slice(0, 10)}-v${version.number}-${both ? "en-fr" : language}`;
  const headers = { "Cache-Control": "private, no-store" };

  if (wantsPdf) {
    const languages = both ? (["en", "fr"] as const) : [language];
    const pdf = await renderPdf({
      language: languages[0],
      title: heading(languages[0]),
      parts: languages.map((l) => ({ language: l, title: heading(l), lines: [subheading(l)], body: parseHtml(body(l)) })),
    });
    return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${stem}.pdf"` } });
  }
  const html = standaloneHtml({ language, heading: heading(language), subheading: subheading(language), body: body(language) });
  return new Response(html, { headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Disposition": `attachment; filename="${stem}.html"` } });
}

export const action = onlyRead;
