// Library benchmark: with 20,000 resources and their extracted text loaded, search latency
// (p50/p99 over 100 realistic queries, through HTTP as a signed-in member, so visibility rules and
// snippets are included) and upload throughput for a 10 MB PDF (multipart post → type check →
// metadata cleaning → text extraction → content-hash store → index).
// Database: SQLite by default; BENCH_DATABASE=postgres for PostgreSQL. RESOURCES=n to change the size.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { createTestDatabase } from "../support/database";
import { Browserless } from "../support/http";
import { startPraxisProcess } from "../support/server";

const RESOURCES = Number(process.env.RESOURCES ?? 20_000);
const WORDS_PER_RESOURCE = 450;

// A deterministic generator, so runs are comparable.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const EN = "care rest burnout collective wellbeing safety security accountability community movement organisation funding budget grant report strategy advocacy rights queer trans intersex lesbian gay bisexual youth health mental support peer circle network alliance partner donor learning evaluation monitoring practice question outcome facilitation meeting trust power leadership governance transparency equity justice violence protection digital risk threat documentation archive story memory resilience healing joy grief solidarity coalition regional national local policy law court campaign media research survey interview data consent privacy".split(" ");
const FR = "soin repos épuisement collectif bien-être sécurité redevabilité communauté mouvement organisation financement budget subvention rapport stratégie plaidoyer droits queer trans intersexe lesbienne gay bisexuel jeunesse santé mentale soutien pairs cercle réseau alliance partenaire bailleur apprentissage évaluation suivi pratique question résultat facilitation réunion confiance pouvoir leadership gouvernance transparence équité justice violence protection numérique risque menace documentation archive récit mémoire résilience guérison joie deuil solidarité coalition régional national local politique loi tribunal campagne médias recherche enquête entretien données consentement vie privée".split(" ");
const FILLER = "the of and to in a is that for on with as by this are from at be it an or we our their which les des et la le de du pour dans une un sur avec par est sont nous leur qui".split(" ");
// Rare, specific words: what people often search for (a place, a method, an acronym).
const RARE = Array.from({ length: 400 }, (_, i) => `${["kampala", "lusaka", "manille", "bogota", "dakar", "kinshasa", "nairobi", "katmandou"][i % 8]}${i}`);

function pick<T>(list: T[]): T {
  // Zipf-like: early words are much more common.
  return list[Math.floor(list.length * random() ** 2.2)];
}

function text(words: number, vocabulary: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.45 ? pick(FILLER) : random() < 0.01 ? RARE[Math.floor(random() * RARE.length)] : pick(vocabulary));
  return out.join(" ");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function tenMegabytePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setAuthor("Bench Author");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // Scanned-looking pages (noise JPEGs do not compress) plus text pages, as real reports mix both.
  for (let image = 0; image < 4; image++) {
    const size = 1100;
    const pixels = Buffer.alloc(size * size * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(random() * 256);
    const jpeg = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
    const embedded = await doc.embedJpg(jpeg);
    doc.addPage([595, 842]).drawImage(embedded, { x: 20, y: 120, width: 555, height: 555 });
  }
  for (let p = 0; p < 40; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 45; line++) page.drawText(text(12, EN), { x: 40, y: 800 - line * 17, size: 10, font });
  }
  let bytes = await doc.save();
  // Top up to 10 MB with one more noise picture if needed.
  while (bytes.byteLength < 10 * 1024 * 1024) {
    const pixels = Buffer.alloc(900 * 900 * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(random() * 256);
    const embedded = await doc.embedJpg(await sharp(pixels, { raw: { width: 900, height: 900, channels: 3 } }).jpeg({ quality: 92 }).toBuffer());
    doc.addPage([595, 842]).drawImage(embedded, { x: 20, y: 120, width: 555, height: 555 });
    bytes = await doc.save();
  }
  return bytes;
}

export async function run(): Promise<void> {
  const kind = process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite";
  const database = await createTestDatabase(kind);
  const filesDir = mkdtempSync(join(tmpdir(), "praxis-bench-files-"));
  process.env.DATABASE_URL = database.url;
  process.env.FILES_DIR = filesDir;
  const { migrate } = await import("../../prisma/migrate");
  await migrate(database.url);
  // Domain modules read DATABASE_URL on first use: import them only now.
  const { createMember } = await import("../factories");
  const { db, disconnectDb } = await import("~/infra/db.server");
  const { indexNewResources, searchIds } = await import("~/domain/library-search.server");
  const { newId } = await import("~/infra/ids.server");
  const slugs = ["rooting-care", "practising-accountability", "strengthening-collaboration"];

  const member = await createMember({ group: "rooting-care" });
  const other = await createMember({ group: "practising-accountability" });
  const groupIds = (await db().workingGroup.findMany({ select: { id: true, slug: true } }));
  const groupId = (slug: string) => groupIds.find((g) => g.slug === slug)!.id;

  process.stdout.write(`database: ${kind}; loading ${RESOURCES} resources (~${WORDS_PER_RESOURCE} words of text each)…\n`);
  const loadStarted = Date.now();
  let bytesOfText = 0;
  const BATCH = 250;
  for (let start = 0; start < RESOURCES; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, RESOURCES - start) }, (_, i) => {
      const french = random() < 0.4;
      const vocabulary = french ? FR : EN;
      const visibility = random() < 0.8 ? "community" : random() < 0.5 ? "group" : "sensitive";
      const theme = slugs[Math.floor(random() * 3)];
      const body = text(Math.floor(WORDS_PER_RESOURCE * (0.3 + random() * 1.4)), vocabulary);
      bytesOfText += body.length;
      return {
        id: newId(),
        kind: "file",
        title: text(6, vocabulary).replace(/^./, (c) => c.toUpperCase()),
        description: text(30, vocabulary),
        language: french ? "fr" : "en",
        type: ["report", "article", "toolkit", "guide"][Math.floor(random() * 4)],
        themes: ` ${theme} `,
        tags: ` ${pick(vocabulary)} | ${pick(vocabulary)} `,
        bodyText: body,
        visibility,
        groupId: visibility === "community" ? null : groupId(theme),
        addedById: random() < 0.5 ? member.id : other.id,
        createdAt: new Date(Date.now() - Math.floor(random() * 365 * 24 * 3600 * 1000)),
      };
    });
    await db().$transaction(async (tx) => {
      await tx.libraryResource.createMany({ data: rows });
      await indexNewResources(tx, rows.map((row) => ({ id: row.id, title: row.title, tags: row.tags, description: row.description, body: row.bodyText })));
    }, { timeout: 120_000 });
  }
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  process.stdout.write(`loaded in ${loadSeconds.toFixed(1)} s (${(bytesOfText / 1024 / 1024).toFixed(0)} MB of extracted text; ${(RESOURCES / loadSeconds).toFixed(0)} resources/s indexed)\n`);
  await disconnectDb();
  const loadAverage = (await import("node:os")).loadavg()[0];
  process.stdout.write(`machine load average before measuring: ${loadAverage.toFixed(1)} (figures are noisy on a shared machine)\n`);

  const server = await startPraxisProcess({ DATABASE_URL: database.url, FILES_DIR: filesDir });
  try {
    const browser = new Browserless(server.url);
    await browser.signIn(member.username, member.password);

    // 100 queries in the proportions people search: one common word, two words, a rare name,
    // a French word typed without accents, a prefix while typing, filtered and sorted searches.
    const queries: string[] = [];
    for (let i = 0; i < 100; i++) {
      const shape = i % 10;
      const vocabulary = i % 3 === 0 ? FR : EN;
      const word = () => vocabulary[Math.floor(random() * vocabulary.length)];
      if (shape <= 2) queries.push(`q=${encodeURIComponent(word())}`);
      else if (shape <= 4) queries.push(`q=${encodeURIComponent(`${word()} ${word()}`)}`);
      else if (shape === 5) queries.push(`q=${RARE[Math.floor(random() * RARE.length)]}`);
      else if (shape === 6) queries.push(`q=${encodeURIComponent(FR[Math.floor(random() * FR.length)].normalize("NFD").replace(/\p{M}/gu, ""))}`);
      else if (shape === 7) queries.push(`q=${encodeURIComponent(word().slice(0, 4))}`);
      else if (shape === 8) queries.push(`q=${encodeURIComponent(word())}&type=report&language=${i % 2 ? "fr" : "en"}&theme=${slugs[i % 3]}`);
      else queries.push(`q=${encodeURIComponent(`${word()} ${word()} ${word()}`)}&sort=newest`);
    }
    // Warm up (first render compiles templates, fills caches).
    for (const query of queries.slice(0, 5)) await browser.get(`/library?${query}`);
    const timings: number[] = [];
    let results = 0;
    for (const query of queries) {
      const started = performance.now();
      const response = await browser.get(`/library?${query}`);
      const html = await response.text();
      timings.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`search failed: ${response.status}`);
      results += Number(/>(\d+) resources? for/.exec(html)?.[1] ?? 0);
    }
    timings.sort((a, b) => a - b);
    // The same queries against the database alone (index lookup, visibility, count, page of ids),
    // to separate the index's cost from rendering the page.
    const reader = { id: member.id, role: "member", memberships: [{ groupId: groupId("rooting-care"), role: "member" }] };
    const dbTimings: number[] = [];
    for (const query of queries) {
      const params = new URLSearchParams(query);
      const started = performance.now();
      await searchIds(db(), reader, {
        query: params.get("q") ?? "", type: params.get("type") ?? undefined, language: params.get("language") ?? undefined,
        theme: params.get("theme") ?? undefined, sort: (params.get("sort") as "newest" | null) ?? "relevance", limit: 20, offset: 0,
      });
      dbTimings.push(performance.now() - started);
    }
    dbTimings.sort((a, b) => a - b);
    await disconnectDb();
    process.stdout.write(`search in the database only (same queries): p50 ${percentile(dbTimings, 50).toFixed(1)} ms, p99 ${percentile(dbTimings, 99).toFixed(1)} ms\n`);
    process.stdout.write(`search over HTTP (100 queries, page of 20 with snippets): p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms, max ${timings.at(-1)!.toFixed(1)} ms; mean matches per query ${(results / 100).toFixed(0)}\n`);

    const pdf = await tenMegabytePdf();
    const uploads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const form = new FormData();
      for (const [name, value] of Object.entries({ kind: "file", title: `Bench upload ${i}`, description: "", language: "en", type: "report", tags: "", visibility: "community", groupSlug: "" })) form.append(name, value);
      // A different byte at the end each time, so every upload is stored anew.
      const bytes = new Uint8Array(pdf.byteLength + 1);
      bytes.set(pdf);
      bytes[pdf.byteLength] = 0x0a + i;
      form.append("file", new Blob([bytes]), `bench-${i}.pdf`);
      const started = performance.now();
      const response = await fetch(new URL("/library/new", server.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
      await response.arrayBuffer();
      uploads.push(performance.now() - started);
      if (response.status !== 303) throw new Error(`upload failed: ${response.status}`);
    }
    const mb = pdf.byteLength / 1024 / 1024;
    const best = Math.min(...uploads);
    const mean = uploads.reduce((a, b) => a + b, 0) / uploads.length;
    process.stdout.write(`upload of a ${mb.toFixed(1)} MB PDF (4+ scanned pages, 40 text pages), 3 runs: mean ${(mean / 1000).toFixed(2)} s (${(mb / (mean / 1000)).toFixed(1)} MB/s), best ${(best / 1000).toFixed(2)} s (${(mb / (best / 1000)).toFixed(1)} MB/s)\n`);
  } finally {
    await server.stop();
    await database.drop();
    rmSync(filesDir, { recursive: true, force: true });
  }
}
