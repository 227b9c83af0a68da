// The library against a real server and database: uploads (with JavaScript off: multipart form
// posts), cleaning, downloads, visibility, share links and full-text search in both languages.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import exifr from "exifr";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLinkResource, type ResourceDetails } from "~/domain/library.server";
import { createCoordinator, createMember, db, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const filesDir = mkdtempSync(join(tmpdir(), "praxis-files-"));
const praxis = usePraxis({ env: { FILES_DIR: filesDir } });
afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

const baseFields = { kind: "file", title: "A resource", description: "", language: "en", type: "report", tags: "", visibility: "community", groupSlug: "" };

/** A multipart form post, as a browser without JavaScript sends it. */
async function upload(browser: Browserless, file: { name: string; bytes: Uint8Array } | null, fields: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...baseFields, ...fields })) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  form.append("file", file ? new Blob([new Uint8Array(file.bytes)]) : new Blob([]), file?.name ?? "");
  return fetch(new URL("/library/new", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader, ...headers } });
}

async function uploadOk(browser: Browserless, file: { name: string; bytes: Uint8Array }, fields: Record<string, string | string[]> = {}): Promise<string> {
  const response = await upload(browser, file, fields);
  if (response.status !== 303) throw new Error(`upload answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.headers.get("location")!.split("/").pop()!;
}

async function makePdf(lines: string[], author = "Jane Activist"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setAuthor(author);
  doc.setCreator("Secret Laptop Word");
  doc.setProducer("Secret Producer");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 760 - i * 18, size: 12, font }));
  return doc.save();
}

/** Every stored file (not the temporary folder). */
function storedFiles(): string[] {
  return readdirSync(filesDir, { recursive: true, encoding: "utf8" })
    .filter((path) => !path.startsWith("tmp") && statSync(join(filesDir, path)).isFile());
}

function tmpLeftovers(): string[] {
  try {
    return readdirSync(join(filesDir, "tmp"));
  } catch {
    return [];
  }
}

const linkDetails = (d: Partial<ResourceDetails> & Pick<ResourceDetails, "title">): ResourceDetails => ({
  description: "", language: "en", type: "article", themes: [], tags: [], visibility: "community", groupSlug: "", isShareable: false, ...d,
});

async function actor(member: TestMember) {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

let uploader: TestMember;
beforeAll(async () => {
  uploader = await createMember({ group: "rooting-care" });
});

describe("uploading and downloading", () => {
  it("offers the interface language as a new resource's language", async () => {
    const browser = await signedIn(uploader);
    browser.cookies.set("lng", "fr");
    const fr = await (await browser.get("/library/new")).text();
    expect(fr).toMatch(/<option value="fr" selected="">/);
    browser.cookies.set("lng", "en");
    const en = await (await browser.get("/library/new")).text();
    expect(en).toMatch(/<option value="en" selected="">/);
  });

  it("gives back exactly the stored bytes, with type, download name and nosniff", async () => {
    const browser = await signedIn(uploader);
    // Audio is stored as uploaded (nothing to rewrite), so the round trip is byte for byte.
    const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(2000, 7)]);
    const id = await uploadOk(browser, { name: "entrevue été.wav", bytes: wav }, { title: "Interview recording", type: "podcast", keepFileName: "on" });
    const response = await browser.get(`/library/${id}/file`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.compare(bytes, wav)).toBe(0);
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''entrevue%20%C3%A9t%C3%A9.wav");
    // Stored outside the database under its content hash.
    const row = await db().libraryResource.findUniqueOrThrow({ where: { id } });
    expect(row.fileHash).toBe(sha256(wav));
    expect(storedFiles()).toContain(join(row.fileHash!.slice(0, 2), row.fileHash!));
    // A second request with the ETag costs no bytes.
    const again = await browser.get(`/library/${id}/file`, { "if-none-match": response.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("removes author, creator and producer from PDFs and still indexes their text", async () => {
    const browser = await signedIn(uploader);
    const pdf = await makePdf(["Quarterly notes on solidarity budgets", "zanzibarite is a word found only inside this file"]);
    const id = await uploadOk(browser, { name: "notes.pdf", bytes: pdf }, { title: "Solidarity budgets" });
    const response = await browser.get(`/library/${id}/file`);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    // The name the uploader's file had is not kept unless asked: a neutral one from the title.
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="solidarity-budgets.pdf"/);
    expect(JSON.stringify(await db().libraryResource.findUniqueOrThrow({ where: { id } }))).not.toContain("notes.pdf");
    const downloaded = new Uint8Array(await response.arrayBuffer());
    const row = await db().libraryResource.findUniqueOrThrow({ where: { id } });
    expect(sha256(downloaded)).toBe(row.fileHash);
    const cleaned = await PDFDocument.load(downloaded, { updateMetadata: false });
    expect(cleaned.getAuthor()).toBeUndefined();
    expect(cleaned.getCreator()).toBeUndefined();
    expect(cleaned.getProducer()).toBeUndefined();
    expect(Buffer.from(downloaded).includes("Jane Activist")).toBe(false);
    const found = await (await browser.get("/library?q=zanzibarite")).text();
    expect(found).toContain("Solidarity budgets");
    expect(found).toContain("<mark>zanzibarite</mark>");
  });

  it("strips location and camera details from photos (read back with exifr)", async () => {
    const original = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
      .jpeg()
      .withExif({ IFD0: { Make: "Canon", Model: "EOS Secret", Artist: "Someone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 17/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "36/1 49/1 0/1" } })
      .toBuffer();
    // The test means something only if the original really carries them.
    expect((await exifr.parse(original, { gps: true }))?.latitude).toBeCloseTo(1.283, 2);
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "march.jpg", bytes: original }, { title: "Photo from the march" });
    const response = await browser.get(`/library/${id}/file`);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const stored = Buffer.from(await response.arrayBuffer());
    const exif = await exifr.parse(stored, { gps: true, tiff: true, xmp: true, iptc: true }).catch(() => undefined);
    expect(exif?.latitude).toBeUndefined();
    expect(exif?.Make).toBeUndefined();
    expect(exif?.Model).toBeUndefined();
    expect(exif?.Artist).toBeUndefined();
    expect((await sharp(stored).metadata()).width).toBe(64);
  });

  it("clears author fields of office documents, says what it could not clean, and indexes the text", async () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      "docProps/core.xml": strToU8('<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Plan</dc:title><dc:creator>Jane Activist</dc:creator><cp:lastModifiedBy>Jane A.</cp:lastModifiedBy></cp:coreProperties>'),
      "docProps/app.xml": strToU8("<Properties><Company>Secret Org</Company><Application>Word</Application></Properties>"),
      "word/document.xml": strToU8('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Plan de sécurité numérique quokkabulaire</w:t></w:r></w:p></w:body></w:document>'),
      "word/comments.xml": strToU8('<w:comments xmlns:w="w"><w:comment w:author="Jane Activist"><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:comment></w:comments>'),
    });
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "plan.docx", bytes: docx }, { title: "Security plan", language: "fr" });
    const response = await browser.get(`/library/${id}/file`);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(entries["docProps/core.xml"])).not.toContain("Jane");
    expect(strFromU8(entries["docProps/core.xml"])).toContain("<dc:title>Plan</dc:title>");
    expect(strFromU8(entries["docProps/app.xml"])).not.toContain("Secret Org");
    const page = await (await browser.get(`/library/${id}`)).text();
    expect(page).toContain("Names on comments and tracked changes inside the document remain.");
    expect(await (await browser.get("/library?q=quokkabulaire")).text()).toContain("Security plan");
  });
});

describe("removing", () => {
  it("deletes the resource, its index entry and its stored file", async () => {
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "d.pdf", bytes: await makePdf(["vanishingword appears here"]) }, { title: "To be removed" });
    const { fileHash } = await db().libraryResource.findUniqueOrThrow({ where: { id } });
    expect(await (await browser.get("/library?q=vanishingword")).text()).toContain("1 resource for");
    const stranger = await signedIn(await createMember({ group: "rooting-care" }));
    expect((await stranger.post(`/library/${id}`, { intent: "delete" })).status).toBe(403);
    const response = await browser.post(`/library/${id}`, { intent: "delete" });
    expect(response.status).toBe(303);
    expect(await db().libraryResource.count({ where: { id } })).toBe(0);
    expect(await (await browser.get("/library?q=vanishingword")).text()).toContain("0 resources for");
    expect(storedFiles()).not.toContain(join(fileHash!.slice(0, 2), fileHash!));
    expect((await browser.get(`/library/${id}/file`)).status).toBe(404);
  });
});

describe("refusing bad files", () => {
  it("refuses a program, whatever its name, with a translated error and stores nothing", async () => {
    const browser = await signedIn(uploader);
    const before = storedFiles().length;
    const count = await db().libraryResource.count();
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(3000, 1)]);
    const english = await upload(browser, { name: "report.pdf", bytes: exe }, { title: "Totally a report" }, { "accept-language": "en" });
    expect(english.status).toBe(400);
    const html = await english.text();
    expect(html).toContain("Programs cannot be uploaded to the library.");
    expect(html).toContain('value="Totally a report"');
    const french = await upload(browser, { name: "rapport.pdf", bytes: exe }, {}, { "accept-language": "fr" });
    expect(await french.text()).toContain("Les programmes ne peuvent pas être déposés");
    const elf = await upload(browser, { name: "tool.jpg", bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]) });
    expect(elf.status).toBe(400);
    expect(storedFiles().length).toBe(before);
    expect(tmpLeftovers()).toEqual([]);
    expect(await db().libraryResource.count()).toBe(count);
  });

  it("refuses broken files and unknown types", async () => {
    const browser = await signedIn(uploader);
    const broken = await upload(browser, { name: "x.pdf", bytes: Buffer.from("%PDF-1.7\nthis is not really a pdf at all") });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("This file seems damaged");
    const brokenJpeg = await upload(browser, { name: "x.jpg", bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(50, 3)]) });
    expect(brokenJpeg.status).toBe(400);
    const html = await upload(browser, { name: "page.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>") });
    expect(await html.text()).toContain("This kind of file is not accepted");
    const missing = await upload(browser, null);
    expect(await missing.text()).toContain("Choose a file to upload.");
    expect(tmpLeftovers()).toEqual([]);
  });

  it("refuses a file over the coordinator's limit, and only a coordinator may change it", async () => {
    const browser = await signedIn(uploader);
    expect((await browser.post("/library/settings", { maxUploadMb: "1" })).status).toBe(403);
    const coordinator = await signedIn(await createCoordinator());
    const tooBig = await coordinator.post("/library/settings", { maxUploadMb: "5000" });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain("between 1 and 200");
    expect((await coordinator.post("/library/settings", { maxUploadMb: "1" })).status).toBe(200);
    try {
      const before = storedFiles().length;
      const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVE"), Buffer.alloc(1024 * 1024 + 10, 1)]);
      const response = await upload(browser, { name: "long.wav", bytes: wav }, { title: "Long interview" }, { "accept-language": "fr" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("dépasse la taille maximale");
      expect(storedFiles().length).toBe(before);
      expect(tmpLeftovers()).toEqual([]);
    } finally {
      await coordinator.post("/library/settings", { maxUploadMb: "25" });
    }
  });
});

describe("who may open what", () => {
  it("never serves a file without a session", async () => {
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "a.pdf", bytes: await makePdf(["members only"]) });
    const anonymous = new Browserless(praxis.url);
    const response = await anonymous.get(`/library/${id}/file`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
    expect((await anonymous.get(`/library/${id}`)).status).toBe(302);
    expect((await anonymous.get("/library?q=members")).status).toBe(302);
  });

  it("keeps group-only and sensitive resources from those who may not open them, in search too", async () => {
    const careLead = await createMember({ group: "rooting-care", lead: true });
    const careMember = await createMember({ group: "rooting-care" });
    const otherMember = await createMember({ group: "practising-accountability" });
    const coordinator = await createCoordinator();
    const author = await signedIn(careMember);
    const groupOnly = await uploadOk(author, { name: "g.pdf", bytes: await makePdf(["xylocarpe group notes"]) }, { title: "Group notes xylocarpe", visibility: "group", groupSlug: "rooting-care" });
    const sensitive = await uploadOk(author, { name: "s.pdf", bytes: await makePdf(["xylocarpe incident list"]) }, { title: "Incidents xylocarpe", visibility: "sensitive", groupSlug: "rooting-care" });

    const outsider = await signedIn(otherMember);
    for (const id of [groupOnly, sensitive]) {
      expect((await outsider.get(`/library/${id}`)).status).toBe(404);
      expect((await outsider.get(`/library/${id}/file`)).status).toBe(404);
    }
    const outsiderSearch = await (await outsider.get("/library?q=xylocarpe")).text();
    expect(outsiderSearch).toContain("0 resources for");
    expect(outsiderSearch).not.toContain("xylocarpe group notes");

    const colleague = await signedIn(careMember === careMember ? await createMember({ group: "rooting-care" }) : careMember);
    expect((await colleague.get(`/library/${groupOnly}/file`)).status).toBe(200);
    expect((await colleague.get(`/library/${sensitive}/file`)).status).toBe(404);
    expect(await (await colleague.get("/library?q=xylocarpe")).text()).toContain("1 resource for");

    for (const reader of [careLead, coordinator]) {
      const browser = await signedIn(reader);
      expect((await browser.get(`/library/${sensitive}/file`)).status).toBe(200);
      expect(await (await browser.get("/library?q=xylocarpe")).text()).toContain("2 resources for");
    }
    expect((await author.get(`/library/${sensitive}/file`)).status).toBe(200);
  });

  it("serves a shareable resource through a share link until it is revoked", async () => {
    const browser = await signedIn(uploader);
    const pdf = await makePdf(["public toolkit"]);
    const id = await uploadOk(browser, { name: "toolkit.pdf", bytes: pdf }, { title: "Public toolkit", isShareable: "yes" });
    const created = await browser.post(`/library/${id}`, { intent: "share" });
    expect(created.status).toBe(200);
    const shareUrl = /(http:\/\/[^<\s"]+\/share\/[a-z2-7]+)/.exec(await created.text())![1];
    const token = shareUrl.split("/").pop()!;
    // Only the hash of the token is stored.
    expect(await db().libraryShareLink.count({ where: { tokenHash: token } })).toBe(0);

    const outsider = new Browserless(praxis.url);
    const page = await outsider.get(`/share/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Public toolkit");
    const file = await outsider.get(`/share/${token}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    const row = await db().libraryResource.findUniqueOrThrow({ where: { id } });
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(row.fileHash);

    // Someone else cannot revoke it; the uploader can.
    const link = await db().libraryShareLink.findFirstOrThrow({ where: { resourceId: id } });
    const stranger = await signedIn(await createMember({ group: "rooting-care" }));
    expect((await stranger.post(`/library/${id}`, { intent: "revoke-share", linkId: link.id })).status).toBe(403);
    expect((await outsider.get(`/share/${token}/file`)).status).toBe(200);
    expect((await browser.post(`/library/${id}`, { intent: "revoke-share", linkId: link.id })).status).toBe(200);
    expect((await outsider.get(`/share/${token}`)).status).toBe(404);
    expect((await outsider.get(`/share/${token}/file`)).status).toBe(404);
    expect((await outsider.get(`/share/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/file`)).status).toBe(404);
  });

  it("lets the uploader narrow who can open a resource; unticking 'safe to share' revokes its links", async () => {
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "e.pdf", bytes: await makePdf(["editable"]) }, { title: "Editable", isShareable: "yes" });
    const token = /\/share\/([a-z2-7]+)/.exec(await (await browser.post(`/library/${id}`, { intent: "share" })).text())![1];
    const outsider = await signedIn(await createMember({ group: "strengthening-collaboration" }));
    expect((await outsider.get(`/library/${id}`)).status).toBe(200);
    expect((await outsider.get(`/library/${id}/edit`)).status).toBe(403);
    expect((await outsider.post(`/library/${id}/edit`, { ...baseFields, title: "Hijacked" })).status).toBe(403);

    const bad = await browser.post(`/library/${id}/edit`, { ...baseFields, title: "Editable", visibility: "group", groupSlug: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose the working group it belongs to.");
    const saved = await browser.post(`/library/${id}/edit`, { ...baseFields, title: "Editable, now group only", visibility: "group", groupSlug: "rooting-care" });
    expect(saved.status).toBe(303);
    expect((await outsider.get(`/library/${id}`)).status).toBe(404);
    expect(await (await outsider.get("/library?q=editable")).text()).toContain("0 resources for");
    expect((await new Browserless(praxis.url).get(`/share/${token}/file`)).status).toBe(404);
    expect(await db().libraryShareLink.count({ where: { resourceId: id, revokedAt: null } })).toBe(0);
  });

  it("refuses share links for resources not marked safe to share", async () => {
    const browser = await signedIn(uploader);
    const id = await uploadOk(browser, { name: "i.pdf", bytes: await makePdf(["internal"]) }, { title: "Internal" });
    const response = await browser.post(`/library/${id}`, { intent: "share" });
    expect(response.status).toBe(409);
    expect(await db().libraryShareLink.count({ where: { resourceId: id } })).toBe(0);
  });
});

describe("search", () => {
  let reader: Browserless;
  beforeAll(async () => {
    const member = await createMember({ group: "practising-accountability" });
    const me = await actor(member);
    const add = (d: Parameters<typeof linkDetails>[0]) => addLinkResource(me, linkDetails(d), "https://example.org/");
    await add({ title: "Équité salariale dans les organisations", description: "Comment parler d'équité et de transparence des salaires.", language: "fr", tags: ["salaires"] });
    await add({ title: "Pay equity and transparency", description: "Why open salaries build trust among staff.", language: "en", type: "guide" });
    await add({ title: "Self-care on the frontline", description: "Short practices for rest; mentions equity once near the end.", language: "en", tags: ["rest"] });
    await add({ title: "Rotating facilitation", description: "A guide to sharing facilitation roles in meetings.", language: "en", type: "guide", tags: ["equity"] });
    reader = await signedIn(member);
  });

  const titles = (html: string) => [...html.matchAll(/<h3 class="library-card__title"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

  it("folds accents both ways: “equite” finds “équité”, “équité” finds “equite”", async () => {
    const html = await (await reader.get("/library?q=equite")).text();
    expect(titles(html)).toContain("Équité salariale dans les organisations");
    expect(html).toContain("<mark>équité</mark>");
    const reverse = await (await reader.get(`/library?q=${encodeURIComponent("ÉQUITÉ salariale")}`)).text();
    expect(titles(reverse)[0]).toBe("Équité salariale dans les organisations");
  });

  it("ranks a title match above a tag match above a passing mention", async () => {
    const found = titles(await (await reader.get("/library?q=equity")).text());
    expect(found).toEqual(["Pay equity and transparency", "Rotating facilitation", "Self-care on the frontline"]);
  });

  it("matches the start of words and needs every word", async () => {
    expect(titles(await (await reader.get("/library?q=transpar")).text())).toEqual(expect.arrayContaining(["Pay equity and transparency", "Équité salariale dans les organisations"]));
    expect(titles(await (await reader.get("/library?q=pay%20salaires")).text())).toEqual([]);
  });

  it("filters by type and language and sorts by title", async () => {
    const guides = titles(await (await reader.get("/library?q=equity&type=guide&sort=title")).text());
    expect(guides).toEqual(["Pay equity and transparency", "Rotating facilitation"]);
    const french = titles(await (await reader.get("/library?q=equite&language=en")).text());
    expect(french).not.toContain("Équité salariale dans les organisations");
  });

  it("treats search syntax as plain words", async () => {
    const response = await reader.get(`/library?q=${encodeURIComponent('equity" OR * NEAR( -')}`);
    expect(response.status).toBe(200);
  });
});

describe("reflections", () => {
  it("are the discussion thread of the resource, open to reply without JavaScript", async () => {
    const author = await signedIn(await createMember({ group: "rooting-care" }));
    const id = await uploadOk(author, { name: "r.pdf", bytes: await makePdf(["collective care budgets"]) }, { title: "Care budgets study" });
    // A member of another group may reflect on a community resource.
    const reader = await signedIn(await createMember({ group: "strengthening-collaboration" }));
    const posted = await reader.post(`/library/${id}`, { intent: "reply", body: "This informs our **second** question.", language: "en" });
    expect(posted.status).toBe(303);
    const page = await (await author.get(`/library/${id}`)).text();
    expect(page).toContain("<strong>second</strong>");
  });

  it("stay with their resource: a sensitive resource's reflections cannot be reached elsewhere", async () => {
    const careMember = await createMember({ group: "rooting-care" });
    const author = await signedIn(careMember);
    const id = await uploadOk(author, { name: "s.pdf", bytes: await makePdf(["names of people at risk"]) }, { title: "Sensitive list", visibility: "sensitive", groupSlug: "rooting-care" });
    expect((await author.post(`/library/${id}`, { intent: "reply", body: "Handle with care.", language: "en" })).status).toBe(303);
    const thread = await db().thread.findFirstOrThrow({ where: { subjectType: "resource", subjectId: id } });
    const colleague = await signedIn(await createMember({ group: "rooting-care" }));
    expect((await colleague.get(`/library/${id}`)).status).toBe(404);
    for (const path of [`/community/threads/${thread.id}`, `/groups/rooting-care/threads/${thread.id}`]) {
      // Either refused outright, or sent to the resource's own page, which refuses them.
      for (const response of [await colleague.get(path), await colleague.post(path, { intent: "reply", body: "sneaking in", language: "en" })]) {
        expect(response.status, path).not.toBe(200);
        if (response.status === 302) expect(response.headers.get("location")).toBe(`/library/${id}`);
        else expect(response.status, path).toBe(404);
      }
    }
    expect(await db().post.count({ where: { threadId: thread.id, bodySource: "sneaking in" } })).toBe(0);
  });
});
