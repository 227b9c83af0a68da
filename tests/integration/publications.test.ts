// Publications end to end against a real server and database: a lead proposes from the group's
// documents, the gate (missing language, translation drift, open identity hits, consent), the
// scan in both languages, approval slots, the public pages (no cookie, no script, within the
// byte budget), the PDF's text read back with pdf.js, the EPUB checked by EPUBCheck, the static
// site opened, versions, unlisted links revoked and taking a publication down.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import * as Y from "yjs";
import { beforeAll, describe, expect, it } from "vitest";
import { changeDocument, createFreeDocument } from "~/domain/documents.server";
import { markTranslationStatus, publishMeetingText } from "~/domain/minutes.server";
import { createGroupMeeting } from "../../prisma/demo/builders";
import { actorOf, createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

// Request logs on, to check what a public page's request leaves behind.
const praxis = usePraxis({ env: { LOG_LEVEL: "info" } });
const run = promisify(execFile);

type Block = { h?: string; p?: string; link?: { before: string; text: string; href: string; after: string }; list?: string[] };

function blocks(doc: Y.Doc, content: Block[]) {
  const fragment = doc.getXmlFragment("default");
  fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    content.map((block) => {
      if (block.h) {
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("level", "2" as unknown as string);
        heading.insert(0, [new Y.XmlText(block.h)]);
        return heading;
      }
      if (block.list) {
        const list = new Y.XmlElement("bulletList");
        list.insert(
          0,
          block.list.map((text) => {
            const item = new Y.XmlElement("listItem");
            const paragraph = new Y.XmlElement("paragraph");
            paragraph.insert(0, [new Y.XmlText(text)]);
            item.insert(0, [paragraph]);
            return item;
          }),
        );
        return list;
      }
      const paragraph = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      if (block.link) {
        text.insert(0, block.link.before);
        text.insert(block.link.before.length, block.link.text, { link: { href: block.link.href } });
        text.insert(block.link.before.length + block.link.text.length, block.link.after);
      } else text.insert(0, block.p ?? "");
      paragraph.insert(0, [text]);
      return paragraph;
    }),
  );
}

let groupId: string;
let lead: TestMember;
let coordinator: TestMember;
let mel: TestMember;
let amani: TestMember;
let zoe: TestMember;
let host: string;

async function signedIn(member: TestMember) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function writeDoc(title: string, content: Block[]) {
  const created = await createFreeDocument(await actorOf(lead), groupId, title);
  if (!created.ok) throw new Error(created.error);
  await changeDocument(created.value.documentId, (doc) => blocks(doc, content));
  return created.value.documentId;
}

const CLEAN_EN: Block[] = [
  { h: "Care in practice" },
  { p: "Rest is political: teams that plan rest keep their people." },
  { list: ["Budget for rest", "Rotate the hard tasks"] },
  { h: "What we learned" },
  { p: "Small steps, shared widely." },
];
const CLEAN_FR: Block[] = [
  { h: "Le soin en pratique" },
  { p: "Le repos est politique : les équipes qui prévoient le repos gardent leurs membres." },
  { list: ["Budgétiser le repos", "Faire tourner les tâches difficiles"] },
  { h: "Ce que nous avons appris" },
  { p: "De petits pas, largement partagés. Garçon, œuvre, élan." },
];

function proposalForm(values: Record<string, string>, sourcesEn: string[], sourcesFr: string[]) {
  const form = new URLSearchParams({
    groupId,
    visibility: "public",
    titleEn: "Rooting care toolkit",
    titleFr: "Boîte à outils du soin",
    summaryEn: "How groups budget for collective care.",
    summaryFr: "Comment les groupes budgétisent le soin collectif.",
    authorshipEn: "Rooting care working group, Power of Pride CoP",
    authorshipFr: "Groupe de travail Enraciner le soin, CoP Power of Pride",
    licence: "CC-BY-4.0",
    issuedOn: "2026-12-03",
    languagesMatch: "on",
    ...values,
  });
  for (const id of sourcesEn) form.append("sourcesEn", id);
  for (const id of sourcesFr) form.append("sourcesFr", id);
  return form;
}

async function post(browser: Browserless, path: string, body: URLSearchParams) {
  return fetch(new URL(path, praxis.url), {
    method: "POST",
    redirect: "manual",
    headers: { cookie: browser.cookieHeader, "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

async function propose(slug: string, sourcesEn: string[], sourcesFr: string[], values: Record<string, string> = {}) {
  const browser = await signedIn(lead);
  const response = await post(browser, "/publications/new", proposalForm({ slug, ...values }, sourcesEn, sourcesFr));
  expect(response.status, await response.clone().text()).toBe(303);
  const publicationId = response.headers.get("location")!.split("/").pop()!;
  const version = await db().publicationVersion.findFirstOrThrow({ where: { publicationId }, orderBy: { number: "desc" } });
  return { publicationId, versionId: version.id };
}

async function act(member: TestMember, publicationId: string, fields: Record<string, string>) {
  const browser = await signedIn(member);
  return post(browser, `/publications/${publicationId}`, new URLSearchParams(fields));
}

async function hitsOf(publicationId: string) {
  const { reviewPage } = await import("~/domain/publications.server");
  const page = await reviewPage(await actorOf(coordinator), publicationId, [host]);
  if (!page.ok) throw new Error(page.error);
  return page.value.review!.hits;
}

/** A JPEG whose EXIF names a member and says where it was taken. */
async function photoWithMetadata(): Promise<Buffer> {
  const sharp = (await import("sharp")).default;
  return sharp({ create: { width: 80, height: 60, channels: 3, background: "#884488" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Amani Okoye", ImageDescription: "Nairobi safe house" } })
    .toBuffer();
}

async function uploadCover(publicationId: string, versionId: string, bytes: Buffer) {
  const browser = await signedIn(lead);
  const form = new FormData();
  form.set("versionId", versionId);
  form.set("coverAltEn", "Hands holding a seedling");
  form.set("coverAltFr", "Des mains tenant une jeune pousse");
  form.set("cover", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "IMG_2041.jpg");
  return fetch(new URL(`/publications/${publicationId}`, praxis.url), { method: "POST", redirect: "manual", headers: { cookie: browser.cookieHeader }, body: form });
}

/** Publishes a clean two-language text (with a cover picture if asked) and returns its ids. */
async function publishClean(slug: string, options: { cover?: boolean } = {}) {
  const en = await writeDoc("Toolkit (EN)", CLEAN_EN);
  const fr = await writeDoc("Boîte à outils (FR)", CLEAN_FR);
  const ids = await propose(slug, [en], [fr]);
  if (options.cover) {
    const uploaded = await uploadCover(ids.publicationId, ids.versionId, await photoWithMetadata());
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
  }
  const approved = await act(coordinator, ids.publicationId, { intent: "approve", versionId: ids.versionId });
  expect(approved.status, await approved.clone().text()).toBe(200);
  expect((await db().publicationVersion.findUniqueOrThrow({ where: { id: ids.versionId } })).status).toBe("approved");
  return ids;
}

beforeAll(async () => {
  groupId = await groupIdFor("rooting-care");
  lead = await createMember({ lead: true, displayName: "Kaya Lead" });
  coordinator = await createCoordinator();
  mel = await createMel();
  amani = await createMember({ displayName: "Amani Okoye" });
  zoe = await createMember({ displayName: "Zoé Martin", group: "practising-accountability" });
  host = new URL(praxis.url).host;
});

describe("the identity scan", () => {
  it("finds names, usernames, mentions, email addresses, phone numbers and Praxis links in both languages", async () => {
    const en = await writeDoc("Notes EN", [
      { h: "Who helped" },
      { p: `Amani Okoye and ${zoe.username} wrote this; thanks @someone.` },
      { p: "Write to care@example.org or call +254 712 345 678." },
      { link: { before: "See ", text: "our thread", href: `http://${host}/groups/rooting-care/threads/abc`, after: " for more." } },
    ]);
    const fr = await writeDoc("Notes FR", [
      { h: "Qui a aidé" },
      { p: `zoé martin et ${amani.username} l’ont écrit ; merci @quelqu1.` },
      { p: "Écrivez à soin@example.org ou appelez le 06 12 34 56 78." },
      { p: `Voir http://${host}/library/xyz pour la suite.` },
    ]);
    const { publicationId } = await propose("scan-test", [en], [fr]);
    const hits = await hitsOf(publicationId);
    const found = (language: string) => hits.filter((h) => h.language === language).map((h) => `${h.kind}:${h.text}`);
    expect(found("en")).toEqual(
      expect.arrayContaining(["name:Amani Okoye", `username:${zoe.username}`, "mention:@someone", "email:care@example.org", "phone:+254 712 345 678", `link:http://${host}/groups/rooting-care/threads/abc`]),
    );
    expect(found("fr")).toEqual(
      expect.arrayContaining(["name:zoé martin", `username:${amani.username}`, "mention:@quelqu1", "email:soin@example.org", "phone:06 12 34 56 78", `link:http://${host}/library/xyz`]),
    );
    // Dates and other numbers are not phone numbers; the authorship line names nobody.
    expect(hits.some((h) => h.kind === "phone" && h.text.includes("2026"))).toBe(false);
  });
});

describe("the review gate", () => {
  it("refuses a missing language, then drift, then an unaccepted hit, and publishes once all are resolved", async () => {
    const en = await writeDoc("Guide EN", [...CLEAN_EN, { p: "Amani Okoye led the sessions." }, { p: "Ask @kaya for the template." }]);
    const { publicationId, versionId } = await propose("gate-test", [en], []);
    const coordinatorBrowser = await signedIn(coordinator);
    const edit = async (values: { htmlEn?: string; htmlFr?: string }) => {
      const v = await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } });
      const body = new URLSearchParams({
        versionId,
        titleEn: v.titleEn,
        titleFr: v.titleFr,
        summaryEn: v.summaryEn,
        summaryFr: v.summaryFr,
        authorshipEn: v.authorshipEn,
        authorshipFr: v.authorshipFr,
        licence: v.licence,
        issuedOn: v.issuedOn,
        htmlEn: values.htmlEn ?? v.htmlEn,
        htmlFr: values.htmlFr ?? v.htmlFr,
      });
      expect((await post(coordinatorBrowser, `/publications/${publicationId}/edit`, body)).status).toBe(303);
    };
    const approve = async (who = coordinator) => act(who, publicationId, { intent: "approve", versionId });
    const confirm = async (language: string) => expect((await act(coordinator, publicationId, { intent: "confirm", versionId, language })).status).toBe(200);

    // 1. No French text.
    const missing = await approve();
    expect(missing.status).toBe(409);
    expect(await missing.text()).toContain("The French text, title or authorship line is missing.");

    // 2. French arrives through the edit form (markup outside the whitelist is dropped), with one
    //    section where the English has two; nobody confirmed the English against it yet.
    await edit({ htmlFr: `<h2>Le soin en pratique</h2><p>Le repos est politique.</p><p>Amani Okoye a animé les séances. <script>alert(1)</script><img src=x onerror=alert(1)>Sans danger.</p>` });
    const stored = await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(stored.htmlFr).not.toMatch(/script|img|onerror/);
    const unconfirmed = await (await approve()).text();
    expect(unconfirmed).toContain("Nobody has confirmed that the English text says what the other language says.");
    expect(unconfirmed).toContain("The two languages do not have the same sections.");

    // 3. Drift: both confirmed, then the English changes in one section; French needs updating.
    await edit({ htmlFr: `<h2>Le soin en pratique</h2><p>Le repos est politique.</p><ul><li><p>Budgétiser</p></li></ul><h2>Ce que nous avons appris</h2><p>De petits pas.</p><p>Amani Okoye a animé les séances.</p><p>Demandez le modèle.</p>` });
    await confirm("en");
    await confirm("fr");
    await edit({ htmlEn: stored.htmlEn.replace("Small steps, shared widely.", "Small steps, shared with care.") });
    const drift = await approve();
    expect(drift.status).toBe(409);
    expect(await drift.text()).toContain("The French text needs updating: the other language changed in What we learned.");
    await confirm("fr");

    // 4. Hits: fix the English name, accept the mention; the French name is still open.
    const hitsBefore = await hitsOf(publicationId);
    const nameEn = hitsBefore.find((h) => h.language === "en" && h.kind === "name")!;
    expect((await act(coordinator, publicationId, { intent: "fix", versionId, language: "en", key: nameEn.key, replacement: "A facilitator" })).status).toBe(200);
    const mention = hitsBefore.find((h) => h.kind === "mention")!;
    expect((await act(coordinator, publicationId, { intent: "accept", versionId, language: mention.language, key: mention.key })).status).toBe(200);
    const stillOpen = await approve();
    expect(stillOpen.status).toBe(409);
    const stillOpenPage = await stillOpen.text();
    expect(stillOpenPage).toContain("Identity hits still to fix or accept: 1.");
    // Removing an identity is not a change of meaning: the fix brought no drift of its own.
    expect(stillOpenPage).not.toContain("needs updating");
    const afterFix = await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(afterFix.htmlEn).toContain("A facilitator led the sessions.");
    expect(afterFix.htmlEn).not.toContain("Amani");

    // 5. The last hit fixed; a lead may not approve, the coordinator may.
    const nameFr = (await hitsOf(publicationId)).find((h) => !h.accepted)!;
    expect(nameFr).toMatchObject({ language: "fr", kind: "name", text: "Amani Okoye" });
    expect((await act(coordinator, publicationId, { intent: "fix", versionId, language: "fr", key: nameFr.key, replacement: "Une personne" })).status).toBe(200);
    expect((await approve(lead)).status).toBe(403);
    const approved = await approve();
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect((await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe("approved");
    expect(await (await fetch(`${praxis.url}/p/gate-test?lng=fr`)).text()).toContain("Une personne a animé les séances.");
  });

  it("needs MEL's approval too when the CoP requires it, and named members' own consent", async () => {
    const coordinatorBrowser = await signedIn(coordinator);
    expect((await post(coordinatorBrowser, "/publications", new URLSearchParams({ intent: "settings", requireMelApproval: "on" }))).status).toBe(200);
    try {
      const en = await writeDoc("Named EN", CLEAN_EN);
      const fr = await writeDoc("Named FR", CLEAN_FR);
      const { publicationId, versionId } = await propose("named-test", [en], [fr], {
        authorshipEn: "Amani Okoye with the Rooting care working group",
        authorshipFr: "Amani Okoye avec le groupe Enraciner le soin",
      });
      const refused = await act(coordinator, publicationId, { intent: "approve", versionId });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain("Named in the authorship line without their agreement: Amani Okoye.");
      // The approver cannot accept a name on the member's behalf: only the member's consent counts.
      expect((await act(amani, publicationId, { intent: "consent" })).status).toBe(303);
      expect((await act(coordinator, publicationId, { intent: "approve", versionId })).status).toBe(200);
      expect((await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe("proposed");
      expect((await fetch(`${praxis.url}/p/named-test`)).status).toBe(404);
      expect((await act(mel, publicationId, { intent: "approve", versionId })).status).toBe(200);
      expect((await db().publicationVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe("approved");
      expect((await fetch(`${praxis.url}/p/named-test`)).status).toBe(200);
    } finally {
      await post(coordinatorBrowser, "/publications", new URLSearchParams({ intent: "settings" }));
    }
  });
});

describe("the outputs of one approved version", () => {
  let slug: string;
  beforeAll(async () => {
    slug = "care-toolkit";
    await publishClean(slug, { cover: true });
  });

  it("carries the cover picture re-encoded without its metadata", async () => {
    const page = await (await fetch(`${praxis.url}/p/${slug}?lng=fr`)).text();
    expect(page).toContain(`<img src="/p/${slug}/cover.jpg" alt="Des mains tenant une jeune pousse">`);
    const cover = await fetch(`${praxis.url}/p/${slug}/cover.jpg`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await cover.arrayBuffer());
    expect(bytes.includes(Buffer.from("Amani"))).toBe(false);
    expect(bytes.includes(Buffer.from("Nairobi"))).toBe(false);
    expect(bytes.includes(Buffer.from("Exif"))).toBe(false);
    const original = await photoWithMetadata();
    expect(original.includes(Buffer.from("Amani"))).toBe(true);
  });

  it("serves public pages in both languages without cookies, scripts or sign-in, within 30 KB", async () => {
    for (const [path, lang, title] of [
      [`/p/${slug}`, "en", "Rooting care toolkit"],
      [`/p/${slug}?lng=fr`, "fr", "Boîte à outils du soin"],
      [`/p/${slug}/v/1?lng=fr`, "fr", "Boîte à outils du soin"],
    ] as const) {
      // A stale session cookie and a language cookie change nothing and are never answered.
      const response = await fetch(`${praxis.url}${path}`, { headers: { cookie: "praxis_session=stale.value; lng=en" }, redirect: "manual" });
      expect(response.status, path).toBe(200);
      expect(response.headers.getSetCookie(), path).toEqual([]);
      expect(response.headers.get("clear-site-data")).toBeNull();
      const body = await response.text();
      expect(Buffer.byteLength(body), path).toBeLessThanOrEqual(30 * 1024);
      expect(body).toContain(`<html lang="${lang}"`);
      expect(body).toContain(title);
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toMatch(/\son[a-z]+=/i);
      // The language switch stays on the same version.
      const base = path.includes("/v/1") ? "/p/care-toolkit/v/1" : "/p/care-toolkit";
      expect(body).toContain(lang === "en" ? `href="${base}?lng=fr"` : `href="${base}"`);
    }
    // The request log holds what was asked and answered, nothing about who asked.
    const lines = praxis.server.logs.join("").split("\n").filter((line) => line.includes('"path":"/p/care-toolkit'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(Object.keys(JSON.parse(line)).sort()).toEqual(["level", "method", "ms", "msg", "path", "status", "time"]);
  });

  it("splits a long text into parts that each stay within the budget", async () => {
    const long: Block[] = [];
    for (let i = 1; i <= 30; i += 1) long.push({ h: `Section ${i}` }, { p: `Paragraph ${i}. ${"Collective care is a practice. ".repeat(50)}` });
    const longFr: Block[] = [];
    for (let i = 1; i <= 30; i += 1) longFr.push({ h: `Section ${i}` }, { p: `Paragraphe ${i}. ${"Le soin collectif est une pratique. ".repeat(50)}` });
    const { publicationId, versionId } = await propose("long-toolkit", [await writeDoc("Long EN", long)], [await writeDoc("Long FR", longFr)]);
    expect((await act(coordinator, publicationId, { intent: "approve", versionId })).status).toBe(200);
    const first = await (await fetch(`${praxis.url}/p/long-toolkit`)).text();
    expect(first).toContain("?part=2");
    let part = 1;
    let seen = "";
    for (;;) {
      const response = await fetch(`${praxis.url}/p/long-toolkit?lng=fr${part > 1 ? `&part=${part}` : ""}`);
      if (response.status === 404) break;
      const body = await response.text();
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(30 * 1024);
      seen += body;
      part += 1;
    }
    expect(part).toBeGreaterThan(2);
    for (let i = 1; i <= 30; i += 1) expect(seen).toContain(`Paragraphe ${i}.`);
  });

  it("makes a tagged PDF with embedded fonts whose text is the approved text", async () => {
    const response = await fetch(`${praxis.url}/p/${slug}/${slug}-fr.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.getSetCookie()).toEqual([]);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/MarkInfo");
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain("/FontFile2");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    let text = "";
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const content = await (await pdf.getPage(n)).getTextContent();
      for (const item of content.items as Array<{ str: string; hasEOL: boolean }>) text += item.str + (item.hasEOL ? " " : "");
    }
    const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
    const expected = [
      "Boîte à outils du soin",
      "Groupe de travail Enraciner le soin, CoP Power of Pride",
      "3 décembre 2026 · CC BY 4.0 · version 1",
      "Comment les groupes budgétisent le soin collectif.",
      "Le soin en pratique",
      "Le repos est politique : les équipes qui prévoient le repos gardent leurs membres.",
      "• Budgétiser le repos",
      "• Faire tourner les tâches difficiles",
      "Ce que nous avons appris",
      "De petits pas, largement partagés. Garçon, œuvre, élan.",
    ].join(" ");
    expect(normalise(text)).toBe(normalise(expected));
    expect((await pdf.getMetadata()).info).toMatchObject({ Language: "fr-FR", Title: "Boîte à outils du soin" });
  });

  it("makes an EPUB 3 that EPUBCheck accepts", async (context) => {
    const response = await fetch(`${praxis.url}/p/${slug}/${slug}-en.epub`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const files = unzipSync(bytes);
    expect(strFromU8(files["mimetype"])).toBe("application/epub+zip");
    expect(strFromU8(files["EPUB/content.xhtml"])).toContain("Rest is political");
    expect(files["EPUB/cover.jpg"]).toBeDefined();
    if (!existsSync("/usr/bin/epubcheck")) {
      context.skip("epubcheck is not installed here (apt-get install -y epubcheck); CI installs it");
      return;
    }
    const path = join(mkdtempSync(join(tmpdir(), "praxis-epub-")), `${slug}.epub`);
    writeFileSync(path, bytes);
    // Debian's /usr/bin/epubcheck is the jar itself.
    const result = await run("java", ["-jar", "/usr/bin/epubcheck", path]).catch((error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr, failed: true }));
    expect("failed" in result ? `${result.stdout}\n${result.stderr}` : "passed").toBe("passed");
  }, 180_000);

  it("zips a static site whose pages work from any folder", async () => {
    const response = await fetch(`${praxis.url}/p/${slug}/${slug}-site.zip`);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toEqual([`${slug}/cover.jpg`, `${slug}/${slug}-en.epub`, `${slug}/${slug}-en.pdf`, `${slug}/${slug}-fr.epub`, `${slug}/${slug}-fr.pdf`, `${slug}/fr.html`, `${slug}/index.html`].sort());
    const en = strFromU8(files[`${slug}/index.html`]);
    const fr = strFromU8(files[`${slug}/fr.html`]);
    expect(en).toContain("Rooting care toolkit");
    expect(fr).toContain("Boîte à outils du soin");
    expect(en).toContain('href="fr.html"');
    expect(fr).toContain('href="index.html"');
    expect(en).toContain(`href="${slug}-en.pdf"`);
    for (const page of [en, fr]) {
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toContain('href="/');
      expect(page).not.toContain("/exit");
    }
  });
});

describe("links into Praxis, versions, unlisted links and taking down", () => {
  it("removes links to Praxis pages from what is published", async () => {
    const linked: Block[] = [...CLEAN_EN.slice(0, 2), { link: { before: "Read ", text: "the thread", href: `http://${host}/community/threads/x`, after: " and " } }, ...CLEAN_EN.slice(2)];
    const { publicationId, versionId } = await propose("linked", [await writeDoc("Linked", linked)], [await writeDoc("Lié", CLEAN_FR)]);
    const hit = (await hitsOf(publicationId)).find((h) => h.kind === "link")!;
    expect((await act(coordinator, publicationId, { intent: "accept", versionId, language: "en", key: hit.key })).status).toBe(200);
    expect((await act(coordinator, publicationId, { intent: "approve", versionId })).status).toBe(200);
    const page = await (await fetch(`${praxis.url}/p/linked`)).text();
    expect(page).toContain("Read the thread and");
    expect(page).not.toContain("/community/threads/x");
  });

  it("publishes a correction as a new version and keeps the old one at its own address", async () => {
    const { publicationId } = await publishClean("corrected");
    const lead1 = await act(lead, publicationId, { intent: "correction", changeNote: "" });
    expect(lead1.status).toBe(400);
    expect((await act(lead, publicationId, { intent: "correction", changeNote: "Fixed a date", refreeze: "" })).status).toBe(200);
    const v2 = await db().publicationVersion.findFirstOrThrow({ where: { publicationId, number: 2 } });
    const coordinatorBrowser = await signedIn(coordinator);
    const body = new URLSearchParams({ versionId: v2.id, titleEn: "Rooting care toolkit, corrected", titleFr: "Boîte à outils du soin, corrigée", summaryEn: v2.summaryEn, summaryFr: v2.summaryFr, authorshipEn: v2.authorshipEn, authorshipFr: v2.authorshipFr, licence: v2.licence, issuedOn: "2026-12-04", htmlEn: v2.htmlEn, htmlFr: v2.htmlFr });
    expect((await post(coordinatorBrowser, `/publications/${publicationId}/edit`, body)).status).toBe(303);
    expect((await act(coordinator, publicationId, { intent: "approve", versionId: v2.id })).status).toBe(200);
    const current = await (await fetch(`${praxis.url}/p/corrected`)).text();
    expect(current).toContain("Rooting care toolkit, corrected");
    expect(current).toContain("What changed: Fixed a date");
    expect(current).toContain('href="/p/corrected/v/1"');
    const old = await (await fetch(`${praxis.url}/p/corrected/v/1`)).text();
    expect(old).toContain("<h1>Rooting care toolkit</h1>");
    expect(old).toContain("You are reading version 1, which was corrected since.");
    expect((await fetch(`${praxis.url}/p/corrected/v/1/corrected-en.pdf`)).status).toBe(200);
    expect((await fetch(`${praxis.url}/p/corrected/v/3`)).status).toBe(404);
  });

  it("serves an unlisted publication only at its link, which can be revoked", async () => {
    const { publicationId } = await publishClean("unlisted-one");
    const made = await act(lead, publicationId, { intent: "visibility", visibility: "unlisted" });
    expect(made.status).toBe(200);
    const key = /\/p\/([a-z0-9]{32})/.exec(await made.text())![1];
    expect((await fetch(`${praxis.url}/p/unlisted-one`)).status).toBe(404);
    const page = await fetch(`${praxis.url}/p/${key}?lng=fr`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toBe("noindex");
    expect(page.headers.getSetCookie()).toEqual([]);
    expect((await fetch(`${praxis.url}/p/${key}/unlisted-one-fr.epub`)).status).toBe(200);
    // A member of the group may follow it but not change how it is shared; outside the group it does not exist.
    expect((await act(amani, publicationId, { intent: "revoke" })).status).toBe(403);
    expect((await act(member(), publicationId, { intent: "revoke" })).status).toBe(404);
    expect((await act(lead, publicationId, { intent: "revoke" })).status).toBe(200);
    expect((await fetch(`${praxis.url}/p/${key}`)).status).toBe(404);
  });

  it("takes every page and download down at once and says so", async () => {
    const { publicationId } = await publishClean("taken-down");
    expect((await fetch(`${praxis.url}/p/taken-down`)).status).toBe(200);
    expect((await act(lead, publicationId, { intent: "unpublish" })).status).toBe(200);
    for (const path of ["/p/taken-down", "/p/taken-down?lng=fr", "/p/taken-down/v/1", "/p/taken-down/taken-down-en.pdf", "/p/taken-down/taken-down-site.zip"]) {
      const response = await fetch(`${praxis.url}${path}`);
      expect(response.status, path).toBe(410);
      expect(response.headers.getSetCookie()).toEqual([]);
      const body = await response.text();
      expect(body).toMatch(path.includes("lng=fr") ? /Cette publication a été retirée/ : /This publication was taken down/);
    }
  });
});

let outsider: TestMember;
function member() {
  return outsider;
}
beforeAll(async () => {
  outsider = await createMember({ group: "practising-accountability" });
});

describe("published minutes as PDF", () => {
  it("downloads in the reader's language or both, with the same generator", async () => {
    const organiser = await actorOf(lead);
    const { id: meetingId } = await createGroupMeeting(groupId, { titleEn: "Care circle", titleFr: "Cercle de soin", startsAt: new Date("2026-11-20T10:00:00Z"), createdById: lead.id });
    const html = { en: "<h2>Decisions</h2><p>We agreed to rest.</p>", fr: "<h2>Décisions</h2><p>Nous avons convenu de nous reposer.</p>" };
    expect((await markTranslationStatus(organiser, { meetingId, kind: "minutes", language: "fr", status: "reviewed" }, html.en, html.fr)).ok).toBe(true);
    const published = await publishMeetingText(organiser, { meetingId, kind: "minutes" }, html);
    expect(published.ok).toBe(true);
    const browser = await signedIn(outsider);
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const textOf = async (query: string) => {
      const response = await browser.get(`/meetings/${meetingId}/minutes/download?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      const pdf = await pdfjs.getDocument({ data: new Uint8Array(await response.arrayBuffer()), useSystemFonts: false, isEvalSupported: false }).promise;
      let text = "";
      for (let n = 1; n <= pdf.numPages; n += 1) for (const item of (await (await pdf.getPage(n)).getTextContent()).items as Array<{ str: string }>) text += `${item.str} `;
      return text.replace(/\s+/g, " ");
    };
    const fr = await textOf("lang=fr&format=pdf");
    expect(fr).toContain("Nous avons convenu de nous reposer.");
    expect(fr).not.toContain("We agreed to rest.");
    const both = await textOf("lang=both&format=pdf");
    expect(both).toContain("We agreed to rest.");
    expect(both).toContain("Nous avons convenu de nous reposer.");
    expect((await fetch(`${praxis.url}/meetings/${meetingId}/minutes/download?format=pdf`, { redirect: "manual" })).status).not.toBe(200);
  });
});
