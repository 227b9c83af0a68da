// Discussions against real servers, sockets, databases and an SMTP server: live delivery,
// reconnect catch-up, permissions (forms and crafted socket events), mentions, notifications,
// email (immediate and digest), rest mode, rate limit, and Redis fan-out across two instances.
import { randomBytes } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { createMember, createCoordinator, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { nextEvent } from "../support/realtime";

// A real SMTP server the Praxis process delivers to.
interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    stream.on("end", () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
// Digests run in this process too; configuration is read once, so set it before anything reads it.
process.env.SMTP_URL = smtpUrl;
const redisPrefix = `test-${randomBytes(6).toString("hex")}`;
const redisEnv = { REDIS_URL: "redis://127.0.0.1:6379", REDIS_PREFIX: redisPrefix };

// (No PUBLIC_URL: the test harness finds the port in the "running at http://localhost:<port>" line.)
const praxis = usePraxis({ env: { SMTP_URL: smtpUrl, DIGEST_INTERVAL_SECONDS: "0", ...redisEnv } });
const sockets: Socket[] = [];

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function signedIn(member: { username: string; password: string }, url = praxis.url) {
  const browser = new Browserless(url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function socketFor(browser: Browserless, url = praxis.url): Promise<Socket> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: browser.cookieHeader }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function noEvent(socket: Socket, event: string, filter: (payload: { threadId?: string }) => boolean, ms = 800): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = false;
    const listener = (payload: { threadId?: string }) => {
      if (filter(payload)) seen = true;
    };
    socket.on(event, listener);
    setTimeout(() => {
      socket.off(event, listener);
      resolve(!seen);
    }, ms);
  });
}

async function startThread(browser: Browserless, space: string, title: string, body: string): Promise<string> {
  const response = await browser.post(space, { intent: "new-thread", title, body, language: "en" });
  expect(response.status).toBe(303);
  const location = response.headers.get("location")!;
  return location.split("/threads/")[1];
}

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, (reply: T) => resolve(reply)));
}

describe("threads and replies without JavaScript", () => {
  it("starts a thread and replies with plain form posts; bodies are rendered and sanitised", async () => {
    const author = await createMember({ group: "rooting-care" });
    const browser = await signedIn(author);
    const threadId = await startThread(browser, "/groups/rooting-care", "Care rotas", "Who takes **Thursday**? <script>alert(1)</script> see https://example.org/a");
    const page = await browser.get(`/groups/rooting-care/threads/${threadId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<strong>Thursday</strong>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer nofollow">');

    const reply = await browser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "I can take it.\n\n- soup\n- *rest*", language: "fr" });
    expect(reply.status).toBe(303);
    const postId = reply.headers.get("location")!.split("#post-")[1];
    const stored = await db().post.findUniqueOrThrow({ where: { id: postId } });
    expect(stored.bodyHtml).toBe("<p>I can take it.</p><ul><li>soup</li><li><em>rest</em></li></ul>");
    expect(stored.language).toBe("fr");
    expect((await db().thread.findUniqueOrThrow({ where: { id: threadId } })).replyCount).toBe(1);
  });

  it("refuses bad input with a translated message, keeps the text, stores nothing", async () => {
    const author = await createMember({ group: "rooting-care" });
    const browser = await signedIn(author);
    const before = await db().thread.count();
    const empty = await browser.post("/community", { intent: "new-thread", title: "Hello", body: "   " }, { "accept-language": "en" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Write something before posting.");
    const badLink = await browser.post("/community", { intent: "new-thread", title: "Keep this title", body: "[x](javascript:alert(1))" }, { "accept-language": "fr" });
    expect(badLink.status).toBe(400);
    const html = await badLink.text();
    expect(html).toContain("Les liens doivent commencer par");
    expect(html).toContain('value="Keep this title"');
    const tooLong = await browser.post("/community", { intent: "new-thread", title: "Long", body: "a".repeat(20_001) });
    expect(tooLong.status).toBe(400);
    const control = await browser.post("/community", { intent: "new-thread", title: "Ctl", body: "bad \u0007 bell" });
    expect(control.status).toBe(400);
    expect(await db().thread.count()).toBe(before);
  });

  it("keeps a thread of 2,000 replies fast to open by paging top-level replies", async () => {
    const author = await createMember({ group: "rooting-care" });
    const browser = await signedIn(author);
    const threadId = await startThread(browser, "/community", "A long one", "Start");
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `bulk${threadId}${i}`.slice(0, 40), threadId, seq: i + 1, authorId: author.id, bodySource: `reply ${i + 1}`, bodyHtml: `<p>reply ${i + 1}</p>` }));
    await db().post.createMany({ data: rows });
    await db().thread.update({ where: { id: threadId }, data: { lastSeq: 2000, replyCount: 2000 } });
    // The bulk insert can outlast the server's keep-alive: start on a fresh connection.
    await browser.get("/healthz").catch(() => undefined);
    const started = Date.now();
    const response = await browser.get(`/community/threads/${threadId}?page=67`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(html).toContain("reply 1981");
    expect(html).not.toContain("reply 1950<");
    expect(html).toContain('aria-current="page"');
    // The first page: the opening post, then exactly the first 30 replies.
    const first = await (await browser.get(`/community/threads/${threadId}?page=1`)).text();
    expect(first).toContain("<p>Start</p>");
    expect(first).toContain("reply 1<");
    expect(first).toContain("reply 30<");
    expect(first).not.toContain("reply 31<");
  });
});

describe("permissions", () => {
  it("lets a member read another group's space but not post there, by form or crafted socket event", async () => {
    const lead = await createMember({ group: "practising-accountability", lead: true });
    const outsider = await createMember({ group: "rooting-care" });
    const leadBrowser = await signedIn(lead);
    const threadId = await startThread(leadBrowser, "/groups/practising-accountability", "Accountability check-in", "How are we doing?");
    const browser = await signedIn(outsider);

    expect((await browser.get(`/groups/practising-accountability/threads/${threadId}`)).status).toBe(200);
    const form = await browser.post(`/groups/practising-accountability/threads/${threadId}`, { intent: "reply", body: "sneaky" }, { "accept-language": "en" });
    expect(form.status).toBe(403);
    expect(await form.text()).toContain("You can read this space but not post in it");
    const newThread = await browser.post("/groups/practising-accountability", { intent: "new-thread", title: "Mine now", body: "x" });
    expect(newThread.status).toBe(403);
    // Posting through the outsider's own group address does not help: the thread's space decides.
    const viaOwn = await browser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "sneaky" });
    expect([302, 303]).toContain(viaOwn.status);

    const socket = await socketFor(browser);
    const crafted = await emit<{ ok: boolean; error?: string }>(socket, "thread:reply", { threadId, body: "crafted" });
    expect(crafted).toEqual({ ok: false, error: "discussions:errors.cannotPost" });
    expect(await db().post.count({ where: { threadId, authorId: outsider.id } })).toBe(0);

    // Moderation is for the space's leads and coordinators only.
    const pin = await browser.post(`/groups/practising-accountability/threads/${threadId}`, { intent: "pin" });
    expect(pin.status).toBe(403);
    expect((await db().thread.findUniqueOrThrow({ where: { id: threadId } })).pinnedAt).toBeNull();
    expect((await leadBrowser.post(`/groups/practising-accountability/threads/${threadId}`, { intent: "lock" })).status).toBe(303);
    const leadReply = await leadBrowser.post(`/groups/practising-accountability/threads/${threadId}`, { intent: "reply", body: "after lock" });
    expect(leadReply.status).toBe(409);
  });

  it("refuses sockets without a session, and joins other spaces' rooms only for real groups", async () => {
    const anonymous = connect(praxis.url, { transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(anonymous);
    const error = await new Promise<Error>((resolve) => anonymous.once("connect_error", resolve));
    expect(error.message).toBe("unauthorized");

    const member = await createMember({ group: "rooting-care" });
    const socket = await socketFor(await signedIn(member));
    const other = await groupIdFor("strengthening-collaboration");
    expect(await emit(socket, "space:watch", other)).toEqual({ ok: true });
    expect(await emit(socket, "space:watch", "user:someone")).toEqual({ ok: false });
    expect(await emit(socket, "space:watch", "doesnotexist")).toEqual({ ok: false });
  });

  it("lets only the author edit (keeping the earlier version for moderators) and delete (leaving a tombstone)", async () => {
    const author = await createMember({ group: "rooting-care" });
    const other = await createMember({ group: "rooting-care" });
    const lead = await createMember({ group: "rooting-care", lead: true });
    const browser = await signedIn(author);
    const threadId = await startThread(browser, "/groups/rooting-care", "Editing", "first text");
    const opening = await db().post.findFirstOrThrow({ where: { threadId, seq: 0 } });
    const path = `/groups/rooting-care/threads/${threadId}`;
    expect((await (await signedIn(other)).post(path, { intent: "edit", postId: opening.id, body: "hijack" })).status).toBe(403);
    expect((await browser.post(path, { intent: "edit", postId: opening.id, body: "second text" })).status).toBe(303);
    const leadPage = await (await (await signedIn(lead)).get(path)).text();
    expect(leadPage).toContain("second text");
    expect(leadPage).toContain("first text"); // earlier version, for moderators
    const memberPage = await (await (await signedIn(other)).get(path)).text();
    expect(memberPage).toContain("edited");
    expect(memberPage).not.toContain("first text");
    expect((await browser.post(path, { intent: "delete", postId: opening.id })).status).toBe(303);
    const after = await (await browser.get(path)).text();
    expect(after).toContain("This post was deleted by its author.");
    expect(after).not.toContain("second text");
  });
});

describe("live delivery", () => {
  it("delivers a reply to a reader of the space at once, and catches up after a reconnect", async () => {
    const poster = await createMember({ group: "strengthening-collaboration" });
    const reader = await createMember({ group: "rooting-care" });
    const posterBrowser = await signedIn(poster);
    const readerBrowser = await signedIn(reader);
    const threadId = await startThread(posterBrowser, "/community", "Plenary agenda", "Ideas?");

    const socket = await socketFor(readerBrowser);
    const arrived = nextEvent<{ threadId: string; post: { html: string; seq: number; author: { displayName: string } } }>(socket, "discussion:post", (e) => e.threadId === threadId);
    await posterBrowser.post(`/community/threads/${threadId}`, { intent: "reply", body: "Budget first" });
    const event = await arrived;
    expect(event.post.html).toBe("<p>Budget first</p>");
    expect(event.post.seq).toBe(1);
    expect(event.post.author.displayName).toBe(poster.displayName);

    // Offline for a while: two replies are posted; on reconnect the client asks what it missed.
    socket.disconnect();
    await posterBrowser.post(`/community/threads/${threadId}`, { intent: "reply", body: "Then travel" });
    await posterBrowser.post(`/community/threads/${threadId}`, { intent: "reply", body: "Then care" });
    const again = await socketFor(readerBrowser);
    const caught = await emit<{ ok: boolean; posts: Array<{ seq: number; html: string }> }>(again, "thread:catchup", { threadId, afterSeq: 1 });
    expect(caught.ok).toBe(true);
    expect(caught.posts.map((p) => [p.seq, p.html])).toEqual([
      [2, "<p>Then travel</p>"],
      [3, "<p>Then care</p>"],
    ]);

    // Replying over the socket goes through the same path (and reaches the other readers).
    const posterSocket = await socketFor(posterBrowser);
    const viaSocket = nextEvent<{ post: { html: string }; threadId: string }>(again, "discussion:post", (e) => e.threadId === threadId);
    const ack = await emit<{ ok: boolean; seq?: number }>(posterSocket, "thread:reply", { threadId, body: "From the *socket*" });
    expect(ack).toMatchObject({ ok: true, seq: 4 });
    expect((await viaSocket).post.html).toBe("<p>From the <em>socket</em></p>");
  });

  it("sends other groups' events only to sockets that asked to watch that space", async () => {
    const poster = await createMember({ group: "practising-accountability" });
    const reader = await createMember({ group: "rooting-care" });
    const threadId = await startThread(await signedIn(poster), "/groups/practising-accountability", "Group only", "hello");
    const socket = await socketFor(await signedIn(reader));
    const silent = noEvent(socket, "discussion:post", (e) => e.threadId === threadId);
    await (await signedIn(poster)).post(`/groups/practising-accountability/threads/${threadId}`, { intent: "reply", body: "one" });
    expect(await silent).toBe(true);
    expect(await emit(socket, "space:watch", await groupIdFor("practising-accountability"))).toEqual({ ok: true });
    const arrived = nextEvent(socket, "discussion:post", (e: { threadId: string }) => e.threadId === threadId);
    await (await signedIn(poster)).post(`/groups/practising-accountability/threads/${threadId}`, { intent: "reply", body: "two" });
    await arrived;
  });

  it("shows who is typing to the others in the space", async () => {
    const typist = await createMember({ group: "rooting-care", displayName: `Typist ${randomBytes(2).toString("hex")}` });
    const reader = await createMember({ group: "rooting-care" });
    const typistBrowser = await signedIn(typist);
    const threadId = await startThread(typistBrowser, "/groups/rooting-care", "Typing", "x");
    const readerSocket = await socketFor(await signedIn(reader));
    const typistSocket = await socketFor(typistBrowser);
    const seen = nextEvent<{ displayName: string; threadId: string }>(readerSocket, "discussion:typing", (e) => e.threadId === threadId);
    typistSocket.emit("thread:typing", { threadId });
    expect((await seen).displayName).toBe(typist.displayName);
  });

  it("reaches a reader connected to another instance through Redis", async () => {
    const second = await praxis.startAnother(redisEnv);
    const poster = await createMember({ group: "rooting-care" });
    const reader = await createMember({ group: "rooting-care" });
    const posterBrowser = await signedIn(poster);
    const threadId = await startThread(posterBrowser, "/groups/rooting-care", "Across instances", "hello");
    const readerSocket = await socketFor(await signedIn(reader, second.url), second.url);
    const arrived = nextEvent<{ post: { html: string }; threadId: string }>(readerSocket, "discussion:post", (e) => e.threadId === threadId);
    await posterBrowser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "through redis" });
    expect((await arrived).post.html).toBe("<p>through redis</p>");
  });
});

describe("unread state", () => {
  it("counts unread threads per space and posts per thread, per member across devices", async () => {
    const poster = await createMember({ group: "rooting-care" });
    const reader = await createMember({ group: "rooting-care" });
    const posterBrowser = await signedIn(poster);
    const threadId = await startThread(posterBrowser, "/groups/rooting-care", `Unread ${randomBytes(3).toString("hex")}`, "x");
    const phone = await signedIn(reader);
    await phone.get(`/groups/rooting-care/threads/${threadId}`);
    await posterBrowser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "a" });
    await posterBrowser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "b" });
    const laptop = await signedIn(reader);
    const list = await (await laptop.get("/groups/rooting-care")).text();
    expect(list).toContain(`data-testid="thread-unread-${threadId}" data-count="2">2 new`);
    await laptop.get(`/groups/rooting-care/threads/${threadId}`);
    const after = await (await phone.get("/groups/rooting-care")).text();
    expect(after).not.toContain(`thread-unread-${threadId}`);
  });

  it("pages a space's threads 30 at a time and names the last page from the threads there", async () => {
    const groupId = await groupIdFor("practising-accountability");
    const author = await createMember({ group: "practising-accountability" });
    const tag = randomBytes(3).toString("hex");
    const listed = () => db().thread.count({ where: { groupId, subjectType: null, hiddenAt: null, pinnedAt: null } });
    // Older than anything else there, so the last one made is the last thread of the last page.
    const old = new Date(Date.UTC(2001, 0, 1));
    await db().thread.createMany({ data: Array.from({ length: 61 }, (_, i) => ({ id: `paged-${tag}-${i}`, groupId, title: `Paged ${tag} ${i}`, authorId: author.id, lastPostAt: new Date(old.getTime() - i * 60_000) })) });
    const pages = Math.ceil((await listed()) / 30);
    const browser = await signedIn(author);
    const page = async (n: number) => (await browser.get(`/groups/practising-accountability?page=${n}`)).text();
    expect(await page(1)).toContain(`Page 1 of ${pages}`);
    const last = await page(pages);
    expect(last).toContain(`Page ${pages} of ${pages}`);
    expect(last).toContain(`Paged ${tag} 60<`);
    expect(await page(pages + 1)).toContain(`of ${pages}<`);
  });

  it("counts a space's unread threads for a member: all until read, none once read to the last post, never hidden or subject threads", async () => {
    const groupId = await groupIdFor("rooting-care");
    const poster = await createMember({ group: "rooting-care" });
    const posterBrowser = await signedIn(poster);
    const tag = randomBytes(3).toString("hex");
    const read = await startThread(posterBrowser, "/groups/rooting-care", `Counted ${tag}`, "x");
    const hidden = await startThread(posterBrowser, "/groups/rooting-care", `Hidden ${tag}`, "x");
    await db().thread.update({ where: { id: hidden }, data: { hiddenAt: new Date() } });
    // A reflection thread filed under the group: it belongs to its resource, never to the space's count.
    await db().thread.create({ data: { id: `subject-${tag}`, groupId, subjectType: "resource", subjectId: `resource-${tag}`, title: `Reflections ${tag}`, lastSeq: 1, replyCount: 1 } });
    const listed = () => db().thread.count({ where: { groupId, subjectType: null, hiddenAt: null } });
    const badge = async (browser: Browserless) => {
      const html = await (await browser.get("/groups/rooting-care")).text();
      const found = new RegExp(`data-testid="space-unread-${groupId}" data-count="(\\d+)"`).exec(html);
      return found ? Number(found[1]) : 0;
    };

    // Someone from another group has read nothing here yet: every listed thread is unread.
    const reader = await signedIn(await createMember({ group: "practising-accountability" }));
    expect(await badge(reader)).toBe(await listed());
    await reader.get(`/groups/rooting-care/threads/${read}`);
    expect(await badge(reader)).toBe((await listed()) - 1);
    await posterBrowser.post(`/groups/rooting-care/threads/${read}`, { intent: "reply", body: "one more" });
    expect(await badge(reader)).toBe(await listed());
    await db().thread.delete({ where: { id: `subject-${tag}` } });
  });
});

describe("mentions and notifications", () => {
  it("notifies a mentioned member at once (live badge), keeps it listed until read", async () => {
    const mentioned = await createMember({ group: "rooting-care", displayName: `Zuri${randomBytes(2).toString("hex")}` });
    const author = await createMember({ group: "rooting-care" });
    const mentionedBrowser = await signedIn(mentioned);
    const socket = await socketFor(mentionedBrowser);
    const live = nextEvent<{ unread: number; kind: string }>(socket, "notification:new");
    const authorBrowser = await signedIn(author);
    const threadId = await startThread(authorBrowser, "/community", "Mentions", `Hello @${mentioned.displayName.toLowerCase()}, and @Nobody`);
    const event = await live;
    expect(event.kind).toBe("mention");
    expect(event.unread).toBe(1);
    const opening = await db().post.findFirstOrThrow({ where: { threadId, seq: 0 } });
    expect(opening.bodyHtml).toContain(`<span class="mention">@${mentioned.displayName}</span>`);
    expect(opening.bodyHtml).toContain("@Nobody");

    const list = await (await mentionedBrowser.get("/notifications")).text();
    expect(list).toContain(`${author.displayName} mentioned you`);
    expect(list).toMatch(/data-testid="notification-count"[^>]*>1</);
    await mentionedBrowser.get(`/community/threads/${threadId}`);
    expect(await db().notification.count({ where: { userId: mentioned.id, readAt: null } })).toBe(0);
  });

  it("notifies the author of the post replied to, and nests a reply to a reply one level deep", async () => {
    const first = await createMember({ group: "rooting-care" });
    const second = await createMember({ group: "rooting-care" });
    const third = await createMember({ group: "rooting-care" });
    const threadId = await startThread(await signedIn(first), "/community", "Nesting", "top");
    const path = `/community/threads/${threadId}`;
    const top = (await (await signedIn(second)).post(path, { intent: "reply", body: "level one" })).headers.get("location")!.split("#post-")[1];
    const deeper = (await (await signedIn(third)).post(path, { intent: "reply", body: "level two", parentId: top })).headers.get("location")!.split("#post-")[1];
    const deepest = (await (await signedIn(first)).post(path, { intent: "reply", body: "level three", parentId: deeper })).headers.get("location")!.split("#post-")[1];
    const rows = await db().post.findMany({ where: { id: { in: [deeper, deepest] } } });
    expect(rows.every((row) => row.branchId === top)).toBe(true);
    expect(await db().notification.count({ where: { userId: second.id, kind: "reply" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: third.id, kind: "reply" } })).toBe(1);
    const html = await (await (await signedIn(second)).get(path)).text();
    expect(html).toContain(`replying to ${third.displayName}`);
  });
});

describe("email", () => {
  it("mails immediately with no content by default, in the member's language, with a one-click preference link", async () => {
    const member = await createMember({ group: "rooting-care", displayName: `Ama${randomBytes(2).toString("hex")}`, locale: "fr" });
    const browser = await signedIn(member);
    const email = `${member.username}@example.org`;
    const saved = await browser.post("/settings", { intent: "notifications", email, emailMode: "immediate", quietStart: "", quietEnd: "" });
    expect(saved.status).toBe(200);
    const author = await createMember({ group: "rooting-care" });
    await startThread(await signedIn(author), "/community", "Secret plans for the march", `@${member.displayName} see the route`);
    const mail = await waitForMail(email);
    expect(mail.raw).toContain("Subject: Praxis : une chose demande votre attention");
    expect(mail.raw).toContain("Communaut"); // where (quoted-printable may split the accent)
    expect(mail.raw).not.toContain("Secret plans");
    expect(mail.raw).not.toContain("see the route");
    expect(mail.raw).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:[1-9]\d*\/notifications\/email\/[a-z2-7]{32}>/);
    expect(mail.raw).not.toMatch(/<img|\.gif|utm_/i);

    const token = /notifications\/email\/([a-z2-7]{32})/.exec(mail.raw)![1];
    const anonymous = new Browserless(praxis.url);
    expect((await anonymous.get(`/notifications/email/${token}`)).status).toBe(200);
    const oneClick = await anonymous.post(`/notifications/email/${token}`, { "List-Unsubscribe": "One-Click" });
    expect(oneClick.status).toBe(200);
    expect((await db().notificationSetting.findUniqueOrThrow({ where: { userId: member.id } })).emailMode).toBe("none");
    expect((await anonymous.get("/notifications/email/notarealtokennotarealtokennotareal")).status).toBe(404);
  });

  it("sends a digest of the member's spaces with counts, and titles only when they opted in", async () => {
    const { runDigests } = await import("~/domain/notifications.server");
    const quiet = await createMember({ group: "rooting-care" });
    const curious = await createMember({ group: "rooting-care" });
    for (const [member, includeContent] of [[quiet, false], [curious, true]] as const) {
      const browser = await signedIn(member);
      await browser.post("/settings", { intent: "notifications", email: `${member.username}@example.org`, emailMode: "daily", quietStart: "", quietEnd: "", ...(includeContent ? { includeContent: "on" } : {}) });
      await db().notificationSetting.update({ where: { userId: member.id }, data: { lastDigestAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    }
    const author = await createMember({ group: "rooting-care" });
    const authorBrowser = await signedIn(author);
    const threadId = await startThread(authorBrowser, "/groups/rooting-care", "Digest-worthy topic", "body text here");
    await authorBrowser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "second" });
    // Another group's space is not followed by these members.
    await startThread(await signedIn(await createMember({ group: "practising-accountability" })), "/groups/practising-accountability", "Not followed", "x");

    await runDigests(new Date());
    const quietMail = await waitForMail(`${quiet.username}@example.org`);
    expect(quietMail.raw).toContain("Subject: Praxis: your daily digest");
    expect(quietMail.raw).toMatch(/Rooting care: \d+ new threads?, \d+ new repl/);
    expect(quietMail.raw).not.toContain("Digest-worthy topic");
    expect(quietMail.raw).not.toContain("Not followed");
    const curiousMail = await waitForMail(`${curious.username}@example.org`);
    expect(curiousMail.raw).toContain("Digest-worthy topic");
    // Claimed: running again right away sends nothing more.
    expect(await runDigests(new Date())).toBe(0);
  });
});

describe("digests and a sensitive resource's reflections", () => {
  it("never name, count or announce a reflection the member may not open", async () => {
    const { runDigests } = await import("~/domain/notifications.server");
    const { addLinkResource } = await import("~/domain/library.server");
    const { actorOf } = await import("../factories");
    const reader = await createMember({ group: "rooting-care" });
    const browser = await signedIn(reader);
    await browser.post("/settings", { intent: "notifications", email: `${reader.username}@example.org`, emailMode: "daily", quietStart: "", quietEnd: "", includeContent: "on" });
    await db().notificationSetting.update({ where: { userId: reader.id }, data: { lastDigestAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    const lead = await createMember({ group: "rooting-care", lead: true });
    const resource = await addLinkResource(
      await actorOf(lead),
      { title: "Leads-only safety plan", description: "", language: "en", type: "report", themes: [], tags: [], visibility: "sensitive", groupSlug: "rooting-care", isShareable: false },
      "https://example.org/plan",
    );
    if (!resource.ok) throw new Error(resource.error);
    const leadBrowser = await signedIn(lead);
    expect((await leadBrowser.post(`/library/${resource.value.id}`, { intent: "reply", body: `Careful here, @[${reader.displayName}]`, language: "en" })).status).toBe(303);
    // Something the reader may see, so a digest is due and its content can be checked.
    await startThread(leadBrowser, "/groups/rooting-care", "Open planning thread", "for everyone in the group");

    await runDigests(new Date());
    const mail = await waitForMail(`${reader.username}@example.org`);
    expect(mail.raw).toContain("Open planning thread");
    expect(mail.raw).not.toContain("Leads-only safety plan");
    expect(mail.raw).not.toMatch(/unread notification/i);
  });
});

describe("rest mode", () => {
  it("pauses live notifications and email, and shows a resting mark instead of suggesting the member", async () => {
    const resting = await createMember({ group: "rooting-care", displayName: `Restful${randomBytes(2).toString("hex")}` });
    const browser = await signedIn(resting);
    await browser.post("/settings", { intent: "notifications", email: `${resting.username}@example.org`, emailMode: "immediate", quietStart: "", quietEnd: "" });
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    expect((await browser.post("/settings", { intent: "rest", restUntil: until })).status).toBe(200);
    expect((await browser.post("/settings", { intent: "rest", restUntil: "2001-01-01" }, { "accept-language": "en" })).status).toBe(400);

    const socket = await socketFor(browser);
    const silent = noEvent(socket, "notification:new", () => true, 1000);
    const author = await createMember({ group: "rooting-care" });
    const authorBrowser = await signedIn(author);
    const threadId = await startThread(authorBrowser, "/groups/rooting-care", "While resting", `@${resting.displayName} when you are back`);
    expect(await silent).toBe(true);
    expect(await db().notification.count({ where: { userId: resting.id, kind: { not: "sign-in" } } })).toBe(1); // waiting for their return
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox.some((mail) => mail.to.includes(`${resting.username}@example.org`))).toBe(false);

    const suggestions = await (await authorBrowser.get(`/discussions/mentions?q=${resting.displayName.slice(0, 6)}`)).json();
    expect(suggestions.suggestions.map((s: { displayName: string }) => s.displayName)).not.toContain(resting.displayName);
    await authorBrowser.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "x" });
    const page = await (await authorBrowser.get(`/groups/rooting-care/threads/${threadId}`)).text();
    expect(page).toContain("resting");
  });
});

describe("rate limit", () => {
  it("stops a flood of posts with a clear message and keeps the typed text", async () => {
    const member = await createMember({ group: "rooting-care" });
    const browser = await signedIn(member);
    const threadId = await startThread(browser, "/community", "Flood", "x");
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) last = await browser.post(`/community/threads/${threadId}`, { intent: "reply", body: `reply number ${i}` }, { "accept-language": "en" });
    expect(last!.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain("You are posting very quickly");
    expect(html).toContain("reply number 9");
    expect(await db().post.count({ where: { threadId } })).toBe(10);
  });
});

describe("subject threads", () => {
  it("gives each subject exactly one thread, created on first use", async () => {
    const { ensureSubjectThread } = await import("~/domain/discussions.server");
    const subjectId = randomBytes(6).toString("hex");
    const [a, b] = await Promise.all([
      ensureSubjectThread({ subjectType: "resource", subjectId, title: "Reflections" }),
      ensureSubjectThread({ subjectType: "resource", subjectId, title: "Reflections" }),
    ]);
    expect(a.threadId).toBe(b.threadId);
    expect(await db().thread.count({ where: { subjectType: "resource", subjectId } })).toBe(1);
    const coordinator = await createCoordinator();
    const list = await (await (await signedIn(coordinator)).get("/community")).text();
    expect(list).not.toContain(a.threadId);
  });
});

async function waitForMail(to: string, timeoutMs = 5000): Promise<Received> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const found = inbox.find((mail) => mail.to.includes(to));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to}`);
}
