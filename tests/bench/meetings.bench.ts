// Benchmark: a published plenary's minutes (about 2,500 words a language) as a member on a
// phone would fetch them. Prints the bytes needed before the minutes are readable (HTML + CSS,
// gzip), the JavaScript transferred on first load (gzip), and server-side renders per second.
import { gzipSync } from "node:zlib";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess } from "../support/server";

const SENTENCES_EN = [
  "The plenary opened with a round of names, pronouns and one word for how each person arrived.",
  "Members from Nairobi, Manila and Bogotá shared how the month had gone for their organisations.",
  "The group discussed how collective rest can be protected when funding cycles demand constant delivery.",
  "Several members described rotating facilitation so that the same people are not always carrying the meeting.",
  "A question was raised about safe channels for complaints between partner organisations and funders.",
  "The plenary agreed that voice notes should be accepted for members on costly or unstable connections.",
  "Participants noted that security practices differ between countries and must be decided locally.",
  "The working group leads will bring one open learning question each to the next plenary.",
];
const SENTENCES_FR = [
  "La plénière s'est ouverte par un tour des prénoms, des pronoms et un mot sur l'état de chacun·e.",
  "Des membres de Nairobi, Manille et Bogotá ont partagé comment le mois s'est passé pour leurs organisations.",
  "Le groupe a discuté de la manière de protéger le repos collectif quand les cycles de financement exigent des résultats constants.",
  "Plusieurs membres ont décrit la rotation de l'animation pour que ce ne soient pas toujours les mêmes qui portent la réunion.",
  "Une question a été posée sur les canaux sûrs de plainte entre organisations partenaires et bailleurs.",
  "La plénière a convenu d'accepter les messages vocaux pour les membres dont la connexion est chère ou instable.",
  "Les participant·es ont noté que les pratiques de sécurité diffèrent selon les pays et doivent être décidées localement.",
  "Les responsables des groupes de travail apporteront chacun·e une question d'apprentissage ouverte à la prochaine plénière.",
];

/** Varied text (words drawn from the sentences by a fixed pseudo-random sequence), so gzip
 *  sees prose-like entropy rather than one sentence repeated. */
function minutesHtml(sentences: string[], headingWord: string, words: number): string {
  const vocabulary = sentences.join(" ").replace(/[.,]/g, "").split(/\s+/);
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let html = "";
  let count = 0;
  let section = 0;
  while (count < words) {
    section += 1;
    html += `<h2>${section}. ${headingWord} ${section}</h2>`;
    for (let p = 0; p < 4 && count < words; p++) {
      const sentencesInParagraph: string[] = [];
      for (let i = 0; i < 4; i++) {
        const length = 10 + Math.floor(next() * 12);
        const picked = Array.from({ length }, () => vocabulary[Math.floor(next() * vocabulary.length)]);
        sentencesInParagraph.push(picked.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".");
        count += length;
      }
      html += `<p>${sentencesInParagraph.join(" ")}</p>`;
    }
  }
  return html;
}

const gz = (data: string | Buffer) => gzipSync(data, { level: 6 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({ DATABASE_URL: database.url });
  try {
    const { createMember, createCoordinator } = await import("../factories");
    const { scheduleMeeting } = await import("~/domain/meetings.server");
    const { markTranslationStatus, publishMeetingText } = await import("~/domain/minutes.server");
    const { db } = await import("~/infra/db.server");
    const coordinator = await createCoordinator();
    const actor = await db().user.findUniqueOrThrow({ where: { id: coordinator.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
    const scheduled = await scheduleMeeting(actor, {
      kind: "plenary", audience: "community", titleEn: "Monthly plenary", titleFr: "Plénière mensuelle",
      date: "2026-11-10", time: "15:00", timeZone: "Africa/Nairobi", durationMinutes: 90, callUrl: "",
    });
    if (!scheduled.ok) throw new Error("could not schedule");
    const meetingId = scheduled.value.meetingIds[0];
    const html = { en: minutesHtml(SENTENCES_EN, "Item", 2500), fr: minutesHtml(SENTENCES_FR, "Point", 2500) };
    await markTranslationStatus(actor, { meetingId, kind: "minutes", language: "fr", status: "reviewed" }, html.en);
    const published = await publishMeetingText(actor, { meetingId, kind: "minutes" }, html);
    if (!published.ok) throw new Error(`could not publish: ${published.error}`);

    const member = await createMember({ locale: "fr", timeZone: "Asia/Manila" });
    const browser = new Browserless(server.url);
    await browser.signIn(member.username, member.password);
    const path = `/meetings/${meetingId}/minutes`;
    const page = await browser.get(path);
    const body = await page.text();
    const words = html.fr.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length;

    const stylesheets = [...body.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
    let cssBytes = 0;
    for (const href of stylesheets) cssBytes += gz(Buffer.from(await (await browser.get(href)).arrayBuffer()));
    const scripts = [
      ...[...body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]),
      ...[...body.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]),
    ];
    let jsBytes = 0;
    for (const src of new Set(scripts)) jsBytes += gz(Buffer.from(await (await browser.get(src)).arrayBuffer()));
    const inlineScripts = (body.match(/<script/g) ?? []).length;
    const htmlBytes = gz(body);

    // Server-side renders per second: 8 concurrent readers for 5 seconds.
    const cookie = browser.cookieHeader;
    let done = 0;
    const until = Date.now() + 5_000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < until) {
          const response = await fetch(new URL(path, server.url), { headers: { cookie } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          done += 1;
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    process.stdout.write(
      [
        `Published plenary minutes, ${words} words in French (and as many in English), read by a member in French`,
        `  bytes before readable (HTML + CSS, gzip): ${kb(htmlBytes + cssBytes)}  (HTML ${kb(htmlBytes)}, CSS ${kb(cssBytes)} in ${stylesheets.length} file)`,
        `  JavaScript on first load (gzip):           ${kb(jsBytes)} in ${new Set(scripts).size} files; <script> elements: ${inlineScripts}`,
        `  co-editor among them:                      ${scripts.some((s) => /editor/i.test(s)) ? "yes" : "no"}`,
        `  server-side renders per second:            ${(done / seconds).toFixed(0)} req/s (8 concurrent, ${done} in ${seconds.toFixed(1)} s, SQLite)`,
        "",
      ].join("\n"),
    );
  } finally {
    await server.stop();
    const { disconnectDb } = await import("~/infra/db.server");
    await disconnectDb();
    await database.drop();
  }
}
