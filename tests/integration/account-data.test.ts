// A member's own data against a real server and database: the export zip (opened here), and
// erasing an account in both modes — locked at once, undone within 7 days, made final by the
// job, after which no table (the library's search index included) holds anything of the member.
// The clock is the job's argument: nothing sleeps.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASURE_UNDO_MS, finaliseDueErasures, undoErasure } from "~/domain/account-erasure.server";
import { paragraph } from "~/domain/document-content.server";
import { changeDocument, createFreeDocument, noteContributor } from "~/domain/documents.server";
import { createThread, replyToThread } from "~/domain/discussions.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { databaseKind } from "~/infra/database-url";
import { actorOf, createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { eventually } from "../support/realtime";

const filesDir = mkdtempSync(join(tmpdir(), "praxis-files-"));
const praxis = usePraxis({ env: { FILES_DIR: filesDir } });
afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

const word = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`.replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]);

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function upload(browser: Browserless, fields: Record<string, string>, name: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  for (const [key, value] of Object.entries({ kind: "file", description: "", language: "en", type: "report", tags: "", groupSlug: "", ...fields })) form.append(key, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(new URL("/library/new", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
  if (response.status !== 303) throw new Error(`upload answered ${response.status}`);
  return response.headers.get("location")!.split("/").pop()!;
}

const wav = (fill: number) => Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(1500, fill)]);

interface Traces {
  member: TestMember;
  postWord: string;
  groupResourceWord: string;
  communityResourceId: string;
  groupResourceId: string;
  threadId: string;
  otherReplyWord: string;
  documentWord: string;
  freeDocumentId: string;
}

/** A member with a bit of everything Praxis keeps about someone. */
async function busyMember(): Promise<Traces> {
  const member = await createMember({ group: "rooting-care" });
  const other = await createMember({ group: "rooting-care" });
  const groupId = await groupIdFor("rooting-care");
  const actor = { ...(await actorOf(member)), displayName: member.displayName, locale: "en" };
  const otherActor = { ...(await actorOf(other)), displayName: other.displayName, locale: "en" };
  const postWord = word("post");
  const thread = await createThread(actor, { groupId, title: "A thread of mine", body: `My words ${postWord}` });
  if (!thread.ok) throw new Error(thread.error);
  const otherReplyWord = word("reply");
  await replyToThread(otherActor, { threadId: thread.value.threadId, body: `Someone else ${otherReplyWord}` });
  await replyToThread(actor, { threadId: thread.value.threadId, body: `Me again ${postWord}` });

  const documentWord = word("doc");
  const free = await createFreeDocument(actor, groupId, "Our notes");
  if (!free.ok) throw new Error(free.error);
  await changeDocument(free.value.documentId, (doc) => doc.getXmlFragment("default").insert(0, [paragraph(`Notes ${documentWord}`)]));
  await noteContributor(free.value.documentId, member.id);
  await db().documentComment.create({ data: { id: word("c"), documentId: free.value.documentId, body: `A comment ${postWord}`, authorId: member.id } });

  const meetingId = word("m");
  await db().meeting.create({ data: { id: meetingId, kind: "group", groupId, titleEn: "Monthly call", titleFr: "Appel mensuel", startsAt: new Date("2026-11-10T10:00:00Z"), durationMinutes: 60, organiserTimeZone: "UTC", audience: "group", createdById: member.id } });
  await db().meetingAttendance.create({ data: { meetingId, userId: member.id, rsvp: "yes", attended: true } });
  await db().honorariumPayment.create({ data: { userId: member.id, month: "2026-10", amountCents: 10_000, paidAt: new Date("2026-11-01T00:00:00Z"), paidById: member.id } });
  await db().expense.create({ data: { id: word("e"), groupId, budgetLineId: "line", amountCents: 4_200, spentOn: new Date("2026-11-05T00:00:00Z"), description: "Train tickets to the workshop", recordedById: member.id } });
  await db().notificationSetting.create({ data: { userId: member.id, email: `${member.username}@example.org`, preferenceToken: word("t") } });
  // An enrolment not yet confirmed (a confirmed one would ask the tests for codes at sign-in).
  await db().totpFactor.create({ data: { userId: member.id, secret: "JBSWY3DPEHPK3PXP" } });
  await db().recoveryCode.create({ data: { id: word("r"), userId: member.id, codeHash: "hash" } });
  await db().auditEvent.create({ data: { id: word("a"), actorId: member.id, action: "password.changed", objectType: "user", objectId: member.id, data: JSON.stringify({ userId: member.id }) } });

  const browser = await signedIn(member);
  const groupResourceWord = word("grp");
  const groupResourceId = await upload(browser, { title: `Group notes ${groupResourceWord}`, visibility: "group", groupSlug: "rooting-care" }, `${member.username} private.wav`, wav(1));
  const communityResourceId = await upload(browser, { title: "Shared recording", visibility: "community" }, "interview.wav", wav(2));
  return { member, postWord, groupResourceWord, communityResourceId, groupResourceId, threadId: thread.value.threadId, otherReplyWord, documentWord, freeDocumentId: free.value.id };
}

/** Every row of every table, as text (Bytes too), with the model it came from. */
async function everyRow(): Promise<Array<{ model: string; text: string }>> {
  const rows: Array<{ model: string; text: string }> = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db() as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model[0].toLowerCase() + model.slice(1)];
    for (const row of await delegate.findMany()) {
      rows.push({ model, text: JSON.stringify(row, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value)) });
    }
  }
  return rows;
}

async function searchIndexHas(resourceId: string): Promise<boolean> {
  const postgres = databaseKind(praxis.database.url) === "postgresql";
  const rows = postgres
    ? await db().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "library_search" WHERE "resource_id" = $1`, resourceId)
    : await db().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "library_search_key" WHERE "resource_id" = ?`, resourceId);
  return rows.length > 0;
}

let coordinator: TestMember;
beforeAll(async () => {
  coordinator = await createCoordinator();
});

describe("exporting one's own data", () => {
  it("prepares a zip in the background with everything the member authored or owns, downloadable once", async () => {
    const traces = await busyMember();
    const browser = await signedIn(traces.member);
    await addPasskey(traces.member);
    expect((await browser.post("/settings", { intent: "export" })).status).toBe(200);
    let page = "";
    await eventually(async () => {
      page = await (await browser.get("/settings")).text();
      expect(page).toContain("Your export is ready.");
    }, 20_000);
    const link = /href="(\/settings\/export\/[^"]+)"/.exec(page)![1];
    // Sealed in the file store (on disk here): the zip's entry names are not readable there.
    const { fileHash } = await db().dataExport.findFirstOrThrow({ where: { userId: traces.member.id } });
    const sealedPath = join(filesDir, fileHash!.slice(0, 2), fileHash!);
    expect(readFileSync(sealedPath).includes(Buffer.from("posts.json"))).toBe(false);
    const response = await browser.get(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="praxis-export-\d{4}-\d\d-\d\d\.zip"/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = (name: string) => strFromU8(files[name]);

    const profile = JSON.parse(text("profile.json"));
    expect(profile.account).toMatchObject({ username: traces.member.username, displayName: traces.member.displayName });
    expect(profile.memberships).toEqual([expect.objectContaining({ group: "rooting-care" })]);
    expect(profile.notificationSettings.email).toBe(`${traces.member.username}@example.org`);
    expect(profile.secondFactor).toEqual({ authenticatorApp: false, recoveryCodesLeft: 1, passkeys: [expect.objectContaining({ name: "Work phone" })] });
    expect(text("profile.json")).not.toContain("JBSWY3DPEHPK3PXP");

    const posts = JSON.parse(text("posts.json"));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ bodySource: `My words ${traces.postWord}`, thread: { title: "A thread of mine", space: "rooting-care", startedByYou: true } });
    // Nothing another member wrote, even in the member's own thread.
    expect(Object.values(files).map((bytes) => strFromU8(bytes, true)).join("\n")).not.toContain(traces.otherReplyWord);
    expect(JSON.parse(text("comments.json")).documents[0].body).toBe(`A comment ${traces.postWord}`);

    const documentHtml = text(`documents/doc-${traces.freeDocumentId.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.html`);
    expect(documentHtml).toContain("<title>Our notes</title>");
    expect(documentHtml).toContain(`<p>Notes ${traces.documentWord}</p>`);

    expect(JSON.parse(text("meetings.json"))).toEqual([expect.objectContaining({ rsvp: "yes", attended: true, meeting: expect.objectContaining({ titleEn: "Monthly call" }) })]);
    expect(JSON.parse(text("honoraria.json")).payments).toEqual([expect.objectContaining({ month: "2026-10", amountCents: 10_000 })]);
    expect(JSON.parse(text("expenses.json"))).toEqual([expect.objectContaining({ description: "Train tickets to the workshop", amountCents: 4_200, group: "rooting-care" })]);
    const library = JSON.parse(text("library.json")) as Array<{ id: string; title: string; file: string }>;
    const shared = library.find((r) => r.id === traces.communityResourceId)!;
    // Stored under the neutral name (the uploader did not ask to keep "interview.wav").
    expect(shared.file).toBe(`files/library/${traces.communityResourceId}-shared-recording.wav`);
    expect(Buffer.compare(Buffer.from(files[shared.file]), wav(2))).toBe(0);

    // Once only, then the file is gone.
    expect((await browser.get(link)).status).toBe(404);
    await eventually(() => expect(existsSync(sealedPath)).toBe(false));
    expect(await (await browser.get("/settings")).text()).toContain("Your last export was downloaded and deleted.");
    // Nobody else can take someone's export.
    const thief = await signedIn(coordinator);
    expect((await thief.get(link)).status).toBe(404);
  });

  it("is refused after 24 hours, and says so in French", async () => {
    const member = await createMember({ locale: "fr" });
    const browser = await signedIn(member);
    await browser.post("/settings", { intent: "export" });
    await eventually(async () => expect((await db().dataExport.findFirstOrThrow({ where: { userId: member.id } })).status).toBe("ready"), 20_000);
    const row = await db().dataExport.findFirstOrThrow({ where: { userId: member.id } });
    await db().dataExport.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await browser.get(`/settings/export/${row.id}`)).status).toBe(404);
    expect(await (await browser.get("/settings", { "accept-language": "fr" })).text()).toContain("Votre dernier export a expiré et a été supprimé.");
  });
});

/** A passkey, added once signed in (with it, signing in would ask for it). */
async function addPasskey(member: TestMember): Promise<void> {
  await db().passkey.create({ data: { id: word("pk"), userId: member.id, credentialId: word("cred"), publicKey: new Uint8Array([1, 2, 3]), name: "Work phone" } });
}

async function erase(member: TestMember, mode: "remove" | "keep", language = "en"): Promise<{ browser: Browserless; code: string; page: string }> {
  const browser = await signedIn(member);
  await addPasskey(member);
  const response = await browser.post("/account/erase", { mode, password: member.password, confirm: "on" }, { "accept-language": language });
  const page = await response.text();
  expect(response.status).toBe(200);
  expect(response.headers.get("clear-site-data")).toBeTruthy();
  const code = /data-testid="undo-code">([a-z2-7]+)</.exec(page)![1];
  return { browser, code, page };
}

describe("erasing one's own account", () => {
  it("refuses a wrong password and an unconfirmed request, in the member's language", async () => {
    const member = await createMember();
    const browser = await signedIn(member);
    const wrong = await browser.post("/account/erase", { mode: "remove", password: "not my password", confirm: "on" }, { "accept-language": "fr" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Ce n’est pas votre mot de passe.");
    const unticked = await browser.post("/account/erase", { mode: "remove", password: member.password });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain("Tick the box to confirm.");
    expect(await db().accountErasure.count({ where: { userId: member.id } })).toBe(0);
  });

  it("locks the account and deletes sessions, factors, email and notification settings at once; the undo code restores it within 7 days", async () => {
    const traces = await busyMember();
    const { member } = traces;
    const { browser, code, page } = await erase(member, "remove", "fr");
    expect(page).toContain("Votre compte est verrouillé");
    const requestedAt = (await db().accountErasure.findUniqueOrThrow({ where: { userId: member.id } })).requestedAt;
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().totpFactor.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().passkey.count({ where: { userId: member.id } })).toBe(0);
    expect(await db().notificationSetting.count({ where: { userId: member.id } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).displayName).toBe("");
    // The old cookie and the password both stop working.
    expect((await browser.get("/settings")).status).toBe(302);
    expect((await new Browserless(praxis.url).post("/login", { username: member.username, password: member.password })).status).not.toBe(303);
    // Removed from view at once: the thread shows a former member, without the words.
    const reader = await signedIn(coordinator);
    const thread = await (await reader.get(`/groups/rooting-care/threads/${traces.threadId}`)).text();
    expect(thread).not.toContain(traces.postWord);
    expect(thread).not.toContain(member.displayName);

    // Six days later the job leaves it alone, and the code brings everything back.
    const sixDays = new Date(requestedAt.getTime() + 6 * 24 * 3600 * 1000);
    expect(await finaliseDueErasures(sixDays)).toBe(0);
    expect((await undoErasure("wrong-code-aaaaaaaaaaaa", "test", sixDays)).ok).toBe(false);
    expect((await undoErasure(code, "test", sixDays)).ok).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id } })).displayName).toBe(member.displayName);
    expect(await db().post.count({ where: { authorId: member.id, deletedAt: null } })).toBe(2);
    await signedIn(member);
    // A code works once.
    expect((await undoErasure(code, "test", sixDays)).ok).toBe(false);
  });

  it("undoes through the page without JavaScript, but not after 7 days", async () => {
    const member = await createMember();
    const { code } = await erase(member, "keep");
    const page = await new Browserless(praxis.url).post("/account/undo", { code: "aaaaaaaaaaaaaaaaaaaa" }, { "accept-language": "fr" });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("Ce code ne fonctionne pas");
    const late = new Date(Date.now() + ERASURE_UNDO_MS + 60_000);
    expect((await undoErasure(code, "test", late)).ok).toBe(false);
    const done = await new Browserless(praxis.url).post("/account/undo", { code });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Your account is back");
    await signedIn(member);
  });

  for (const mode of ["remove", "keep"] as const) {
    it(`is made final by the job after 7 days ("${mode}" posts): nothing of the member is left in any table`, async () => {
      const traces = await busyMember();
      const { member } = traces;
      const email = `${member.username}@example.org`;
      const { code } = await erase(member, mode);
      const before = await db().accountErasure.findUniqueOrThrow({ where: { userId: member.id } });
      expect(await searchIndexHas(traces.groupResourceId)).toBe(true);

      expect(await finaliseDueErasures(new Date(before.finalAfter.getTime() + 1000))).toBeGreaterThanOrEqual(1);

      const traceOf = [member.id, member.username, member.displayName, email, traces.groupResourceWord];
      if (mode === "remove") traceOf.push(traces.postWord);
      const leftovers = (await everyRow()).filter((row) => traceOf.some((trace) => row.text.includes(trace)));
      expect(leftovers).toEqual([]);
      expect(await searchIndexHas(traces.groupResourceId)).toBe(false);
      expect(await db().libraryResource.count({ where: { id: traces.groupResourceId } })).toBe(0);

      // What the others need stays, attributed to a former member with no link to the account.
      const shared = await db().libraryResource.findUniqueOrThrow({ where: { id: traces.communityResourceId }, select: { addedBy: { select: { isFormerMember: true, displayName: true } } } });
      expect(shared.addedBy).toEqual({ isFormerMember: true, displayName: "" });
      const replies = await db().post.findMany({ where: { threadId: traces.threadId }, orderBy: { seq: "asc" }, select: { bodySource: true, deletedAt: true } });
      expect(replies.map((p) => p.bodySource.includes(traces.otherReplyWord))).toEqual([false, true, false]);
      if (mode === "keep") expect(replies[0].bodySource).toBe(`My words ${traces.postWord}`);
      else expect(replies[0]).toEqual({ bodySource: "", deletedAt: expect.any(Date) });
      expect(await db().expense.count({ where: { description: "Train tickets to the workshop" } })).toBeGreaterThanOrEqual(1);
      const reader = await signedIn(coordinator);
      const thread = await (await reader.get(`/groups/rooting-care/threads/${traces.threadId}`)).text();
      expect(thread).toContain("Former member");
      expect(thread).toContain(traces.otherReplyWord);

      // The coordinator sees that it happened, not whose or what.
      const people = await (await reader.get("/people")).text();
      expect(people).toContain("An account erasure became final");
      expect(people).not.toContain(member.displayName);
      expect((await db().user.findMany({ where: { isFormerMember: true } })).every((u) => u.passwordHash === "" && u.deactivatedAt)).toBe(true);
      // Too late to undo, and the former member cannot sign in.
      expect((await undoErasure(code, "test")).ok).toBe(false);
      expect((await new Browserless(praxis.url).post("/login", { username: member.username, password: member.password })).status).not.toBe(303);
      expect(existsSync(filesDir)).toBe(true);
    });
  }
});
