// Library themes and tags are links to the list filtered on them, through the same search as the
// form (so a filter never shows what the reader may not open); and a new resource's type follows
// what was added unless the member picks one, decided by the server when the form is posted as is.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLinkResource, type ResourceDetails } from "~/domain/library.server";
import { actorOf, createCoordinator, createMember, db, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const filesDir = mkdtempSync(join(tmpdir(), "praxis-files-"));
const praxis = usePraxis({ env: { FILES_DIR: filesDir } });
afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

async function signedIn(member: TestMember, language = "en"): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  browser.cookies.set("lng", language);
  return browser;
}

const details = (d: Partial<ResourceDetails> & Pick<ResourceDetails, "title">): ResourceDetails => ({
  description: "", language: "en", type: "article", themes: [], tags: [], visibility: "community", groupSlug: "", isShareable: false, ...d,
});

const titles = (html: string) => [...html.matchAll(/<h3 class="library-card__title"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]).sort();

describe("filtering by a theme or a tag", () => {
  const ids: Record<string, string> = {};
  let careMember: TestMember;
  beforeAll(async () => {
    careMember = await createMember({ group: "rooting-care" });
    const me = await actorOf(careMember);
    const add = async (key: string, d: Parameters<typeof details>[0]) => {
      const result = await addLinkResource(me, details(d), "https://example.org/");
      if (!result.ok) throw new Error(result.error);
      ids[key] = result.value.id;
    };
    await add("open", { title: "Care circle guide", themes: ["rooting-care"], tags: ["collective care", "rest"] });
    await add("group", { title: "Care group notes", themes: ["rooting-care"], tags: ["collective care"], visibility: "group", groupSlug: "rooting-care" });
    await add("sensitive", { title: "Care incident list", themes: ["rooting-care"], tags: ["collective care"], visibility: "sensitive", groupSlug: "rooting-care" });
    await add("other", { title: "Repair after harm", themes: ["practising-accountability"], tags: ["care"] });
    // Characters LIKE would read as wildcards are plain letters in a tag.
    await add("underscore", { title: "Plan template a_b", tags: ["a_b", "50% time"] });
    await add("lookalike", { title: "Plan template axb", tags: ["axb", "500 time"] });
  });

  it("shows each reader only what the policy lets them open, in the count too", async () => {
    const outsider = await signedIn(await createMember({ group: "practising-accountability" }));
    const colleague = await signedIn(await createMember({ group: "rooting-care" }));
    const lead = await signedIn(await createMember({ group: "rooting-care", lead: true }));
    const coordinator = await signedIn(await createCoordinator());
    const tagged = "/library?tag=collective+care";
    const outsiderPage = await (await outsider.get(tagged)).text();
    expect(titles(outsiderPage)).toEqual(["Care circle guide"]);
    expect(outsiderPage).toContain("1 resource<");
    expect(outsiderPage).not.toContain("Care group notes");
    expect(outsiderPage).not.toContain("Care incident list");
    expect(titles(await (await outsider.get("/library?theme=rooting-care")).text())).toEqual(["Care circle guide"]);
    expect(titles(await (await colleague.get(tagged)).text())).toEqual(["Care circle guide", "Care group notes"]);
    // Its author may open the sensitive one, as everywhere else.
    expect(titles(await (await (await signedIn(careMember)).get(tagged)).text())).toHaveLength(3);
    for (const reader of [lead, coordinator]) {
      expect(titles(await (await reader.get(tagged)).text())).toEqual(["Care circle guide", "Care group notes", "Care incident list"]);
    }
    // Filters combine with each other and with words.
    expect(titles(await (await lead.get("/library?tag=collective+care&q=notes")).text())).toEqual(["Care group notes"]);
    expect(titles(await (await outsider.get("/library?tag=collective+care&theme=practising-accountability")).text())).toEqual([]);
  });

  it("matches whole tags, whatever the case, and treats % and _ as letters", async () => {
    const reader = await signedIn(await createMember({ group: "rooting-care" }));
    expect(titles(await (await reader.get("/library?tag=care")).text())).toEqual(["Repair after harm"]);
    expect(titles(await (await reader.get("/library?tag=Collective%20CARE&theme=rooting-care")).text())).toEqual(["Care circle guide", "Care group notes"]);
    expect(titles(await (await reader.get("/library?tag=a_b")).text())).toEqual(["Plan template a_b"]);
    expect(titles(await (await reader.get(`/library?tag=${encodeURIComponent("50% time")}`)).text())).toEqual(["Plan template a_b"]);
    expect(titles(await (await reader.get("/library?tag=nothing-has-this")).text())).toEqual([]);
  });

  it("makes themes and tags links on the list and the resource page, in English and French", async () => {
    for (const language of ["en", "fr"]) {
      const reader = await signedIn(careMember, language);
      const resource = await (await reader.get(`/library/${ids.open}`)).text();
      expect(resource).toContain('href="/library?theme=rooting-care"');
      expect(resource).toContain('href="/library?tag=collective+care"');
      expect(resource).toContain('href="/library?tag=rest"');
      const list = await (await reader.get("/library?tag=rest")).text();
      expect(list).toContain('href="/library?tag=collective+care"');
      expect(list).toContain(language === "fr" ? "Tout afficher" : "Show everything");
      // The filter is in the form too, filled in, so it can be changed or removed without JavaScript.
      expect(list).toMatch(/<input id="library-tag" type="text" maxLength="40" name="tag" value="rest"\/>/);
    }
  });
});

describe("a new resource's type", () => {
  let uploader: TestMember;
  beforeAll(async () => {
    uploader = await createMember({ group: "rooting-care" });
  });

  const fields = { title: "A resource", description: "", language: "en", tags: "", visibility: "community", groupSlug: "" };

  async function post(browser: Browserless, body: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...fields, ...body })) form.append(name, value);
    form.append("file", file ? new Blob([new Uint8Array(file.bytes)]) : new Blob([]), file?.name ?? "");
    return fetch(new URL("/library/new", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
  }

  async function typeOf(response: Response): Promise<string> {
    if (response.status !== 303) throw new Error(`answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const id = response.headers.get("location")!.split("/").pop()!;
    return (await db().libraryResource.findUniqueOrThrow({ where: { id }, select: { type: true } })).type;
  }

  const photo = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#3a6" } }).png().toBuffer();
  const pdf = async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    return doc.save();
  };
  const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(200, 7)]);

  it("is offered as 'from what is added' by default", async () => {
    for (const [language, label] of [["en", "From what is added"], ["fr", "Selon ce qui est ajouté"]] as const) {
      const html = await (await (await signedIn(uploader, language)).get("/library/new")).text();
      expect(html).toMatch(new RegExp(`<option value="from-content" selected="">${label}`));
    }
  });

  it("follows the content when left as offered: a photo is an image, a PDF a report, a sound a podcast, a link an article", async () => {
    const browser = await signedIn(uploader);
    // The name says PDF; the bytes are a photo, and the bytes decide.
    expect(await typeOf(await post(browser, { kind: "file", type: "from-content" }, { name: "report.pdf", bytes: await photo() }))).toBe("image");
    expect(await typeOf(await post(browser, { kind: "file", type: "from-content" }, { name: "notes.pdf", bytes: await pdf() }))).toBe("report");
    expect(await typeOf(await post(browser, { kind: "file", type: "from-content" }, { name: "talk.wav", bytes: wav }))).toBe("podcast");
    expect(await typeOf(await post(browser, { kind: "link", url: "https://example.org/piece", type: "from-content" }))).toBe("article");
  });

  it("keeps the member's own choice", async () => {
    const browser = await signedIn(uploader);
    expect(await typeOf(await post(browser, { kind: "file", type: "toolkit" }, { name: "photo.png", bytes: await photo() }))).toBe("toolkit");
    expect(await typeOf(await post(browser, { kind: "link", url: "https://example.org/clip", type: "video" }))).toBe("video");
  });

  it("keeps 'from what is added' chosen when the form comes back with an error", async () => {
    const browser = await signedIn(uploader);
    const response = await post(browser, { kind: "file", type: "from-content", title: "" }, { name: "photo.png", bytes: await photo() });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/<option value="from-content" selected="">/);
  });
});

describe("the group page's note", () => {
  it("does not tell someone who may take part that they can only read", async () => {
    const coordinator = await signedIn(await createCoordinator());
    const html = await (await coordinator.get("/groups/rooting-care")).text();
    // The coordinator sees the forms to start a thread and a document…
    expect(html).toContain('value="new-thread"');
    expect(html).toContain('id="new-document-title"');
    // …so the page says they may take part, not that they may read.
    expect(html).toContain("you can still take part in its work below");
    expect(html).not.toContain("You can read this group");
  });
});
