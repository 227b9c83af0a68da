// Taking part by email, against a real Praxis process with its inbound SMTP listener and a real
// SMTP conversation (nodemailer): a reply posted once and seen live, refusals answered by a
// bounce in the member's language (wrong sender, forged, expired, revoked token) with nothing
// posted, quote stripping for Gmail, Outlook and Apple Mail, loops and failed DKIM never
// answered, oversized and malformed mail refused without harm, RSVPs from a calendar REPLY and
// from one word, and mailing-list threading headers.
import { readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindNonVoters } from "~/domain/decisions/decisions.server";
import { sha256Hex } from "~/infra/ids.server";
import { toZonedInputs } from "~/infra/time-zones";
import { createCoordinator, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { mailOutbox, type Mail } from "../support/mail-outbox";
import { usePraxis } from "../support/praxis";
import { connectedSocket, eventually, nextEvent } from "../support/realtime";

const outbox = mailOutbox("mail-in");
const outboxDir = outbox.dir;
const mailEnv = { ...outbox.env, SMTP_INBOUND_PORT: "0", MAIL_INBOUND_MAX_KB: "64", LOG_LEVEL: "info" };
// Digests run in this process too; configuration is read once, so set it before anything reads it.
Object.assign(process.env, mailEnv);
const praxis = usePraxis({ env: mailEnv });
let smtpPort = 0;
const sockets: Array<{ disconnect(): void }> = [];

beforeAll(() => {
  smtpPort = Number(/Praxis receives mail on port (\d+)/.exec(praxis.server.logs.join(""))![1]);
});

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
  outbox.remove();
});

// ---------------------------------------------------------------------------------------------
// The outbox (Praxis writes every mail there: no SMTP_URL) and sending to the listener

const seenFiles = new Set<string>();
/** The next mail (not returned before) to this address that matches. */
async function nextMail(to: string, matches: (mail: Mail) => boolean = () => true, timeoutMs = 8000): Promise<Mail> {
  let found: Mail | null = null;
  await eventually(async () => {
    for (const file of readdirSync(outboxDir).sort()) {
      if (seenFiles.has(file)) continue;
      const mail = await outbox.read(file);
      if (mail.to.includes(to) && matches(mail)) {
        seenFiles.add(file);
        found = mail;
        return;
      }
    }
    throw new Error(`no mail to ${to}`);
  }, timeoutMs);
  return found!;
}

const { mailsTo } = outbox;

function transport() {
  return nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
}

/** Sends a mail to Praxis's listener; resolves with the SMTP error code when it is refused. */
async function sendToPraxis(message: { from: string; to: string; raw?: string; text?: string; subject?: string; headers?: Record<string, string>; inReplyTo?: string; attachments?: Array<{ filename: string; content: string }>; envelopeFrom?: string | false }): Promise<number | null> {
  const { envelopeFrom, raw, ...rest } = message;
  const envelope = { from: envelopeFrom === false ? "" : (envelopeFrom ?? message.from), to: [message.to] };
  try {
    await transport().sendMail(raw ? { envelope, raw } : { ...rest, envelope, subject: rest.subject ?? "Re: Praxis" });
    return null;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode ?? -1;
  }
}

function fixture(name: string, values: Record<string, string>): string {
  const raw = readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), "utf8");
  return raw.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");
}

// ---------------------------------------------------------------------------------------------
// Members with a confirmed address and content in mail, and mail that invites a reply

async function signedIn(member: TestMember) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

interface MailMember {
  member: TestMember;
  browser: Browserless;
  email: string;
}

async function confirmedMember(options: { locale?: string; group?: string; settings?: Record<string, string> } = {}): Promise<MailMember> {
  const member = await createMember({ group: options.group ?? "rooting-care", locale: options.locale, displayName: `Mailer${randomBytes(3).toString("hex")}` });
  const browser = await signedIn(member);
  const email = `${member.username}@example.org`;
  const saved = await browser.post("/settings", { intent: "notifications", email, emailMode: "immediate", includeContent: "on", quietStart: "", quietEnd: "", ...options.settings });
  expect(saved.status).toBe(200);
  const confirmation = await nextMail(email, (mail) => /\?confirm=/.test(mail.text ?? ""));
  const link = new URL(/(http:\/\/\S+\?confirm=[a-z2-7]+)/.exec(confirmation.text!)![1]);
  const anonymous = new Browserless(praxis.url);
  const page = await anonymous.get(link.pathname + link.search);
  expect(page.status).toBe(200);
  // Opening the link (a scanner may) confirms nothing; the button does.
  expect((await db().notificationSetting.findUniqueOrThrow({ where: { userId: member.id } })).emailConfirmedAt).toBeNull();
  const confirmed = await anonymous.post(link.pathname + link.search, { intent: "confirm-address", code: link.searchParams.get("confirm")! });
  expect(confirmed.status).toBe(200);
  expect((await db().notificationSetting.findUniqueOrThrow({ where: { userId: member.id } })).emailConfirmedAt).not.toBeNull();
  return { member, browser, email };
}

async function startThread(browser: Browserless, title: string, body: string): Promise<string> {
  const response = await browser.post("/groups/rooting-care", { intent: "new-thread", title, body, language: "en" });
  expect(response.status).toBe(303);
  return response.headers.get("location")!.split("/threads/")[1].split(/[?#]/)[0];
}

/** Someone mentions the member in a new thread; the immediate mail carries a reply address. */
async function mentioned(target: MailMember): Promise<{ threadId: string; mail: Mail; replyAddress: string }> {
  const author = await createMember({ group: "rooting-care" });
  const threadId = await startThread(await signedIn(author), `Route ${randomBytes(2).toString("hex")}`, `@${target.member.displayName} can you help?`);
  const mail = await nextMail(target.email, (candidate) => Boolean(candidate.replyAddress));
  expect(mail.replyAddress).toMatch(/^praxis\+[a-z2-7]{32}@praxis\.test$/);
  return { threadId, mail, replyAddress: mail.replyAddress! };
}

async function postCount(threadId: string): Promise<number> {
  return db().post.count({ where: { threadId } });
}

// ---------------------------------------------------------------------------------------------

describe("replying to a thread by email", () => {
  it("posts the reply once, as the member, rendered like a web reply, and live readers see it", async () => {
    const target = await confirmedMember();
    const { threadId, mail, replyAddress } = await mentioned(target);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");

    const reader = await signedIn(await createMember({ group: "rooting-care" }));
    const socket = await connectedSocket(praxis.url, reader.cookieHeader);
    sockets.push(socket);
    const arrived = nextEvent<{ threadId: string; post: { html: string; author: { displayName: string } } }>(socket, "discussion:post", (event) => event.threadId === threadId);

    const raw = fixture("gmail-reply.eml", { FROM: target.email, TO: replyAddress, IN_REPLY_TO: mail.messageId ?? "" });
    expect(await sendToPraxis({ from: target.email, to: replyAddress, raw })).toBeNull();
    const event = await arrived;
    expect(event.post.author.displayName).toBe(target.member.displayName);
    // The mail server delivers it again (it was unsure the first time): posted once all the same.
    expect(await sendToPraxis({ from: target.email, to: replyAddress, raw })).toBeNull();
    // Delivered again after its receipt was forgotten (as when handling failed after the post was
    // made, and the listener asked for a retry): the post is still made once.
    const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)![1];
    const token = /\+([a-z2-7]+)@/.exec(replyAddress)![1];
    expect((await db().inboundMailReceipt.deleteMany({ where: { id: sha256Hex(`${token}\n${messageId}`) } })).count).toBe(1);
    expect(await sendToPraxis({ from: target.email, to: replyAddress, raw })).toBeNull();
    // The same Markdown subset as the web; the quoted history is gone.
    expect(event.post.html).toBe("<p>Thanks, I can bring the <em>budget notes</em> on Friday.</p>");
    const posts = await db().post.findMany({ where: { threadId, authorId: target.member.id } });
    expect(posts).toHaveLength(1);
    expect(posts[0].bodySource).not.toMatch(/wrote:|mentioned/);
    // It answers the post that mentioned them.
    expect(posts[0].parentId).toBe((await db().post.findFirstOrThrow({ where: { threadId, seq: 0 } })).id);
  });

  it("strips Outlook's and Apple Mail's quoted history", async () => {
    const target = await confirmedMember();
    for (const [name, expected] of [
      ["outlook-reply.eml", /^Agreed, let us meet the partners first\./],
      ["apple-reply.eml", /^Oui, je m’en occupe demain\.$/],
    ] as const) {
      const { threadId, mail, replyAddress } = await mentioned(target);
      expect(await sendToPraxis({ from: target.email, to: replyAddress, raw: fixture(name, { FROM: target.email, TO: replyAddress, IN_REPLY_TO: mail.messageId ?? "" }) })).toBeNull();
      await eventually(async () => expect(await postCount(threadId)).toBe(2));
      const post = await db().post.findFirstOrThrow({ where: { threadId, authorId: target.member.id } });
      expect(post.bodySource).toMatch(expected);
      expect(post.bodySource).not.toMatch(/From: Praxis|a écrit|iPhone|mentionn/);
    }
  });
});

describe("refusals", () => {
  it("refuses a reply from another address, a forged, an expired or a revoked token with a bounce, and posts nothing", async () => {
    const target = await confirmedMember();
    const { threadId, mail, replyAddress } = await mentioned(target);
    const before = await postCount(threadId);

    // Another address: the bounce goes to that sender, saying why.
    expect(await sendToPraxis({ from: "someone.else@example.net", to: replyAddress, text: "I am not them" })).toBeNull();
    const wrong = await nextMail("someone.else@example.net");
    expect(wrong.subject).toBe("Praxis: your email was not posted");
    expect(wrong.text).toContain("did not come from the email address confirmed");
    expect(wrong.headers.get("auto-submitted")).toBe("auto-replied");
    expect(wrong.replyAddress).toBeNull();

    // A token nobody was given.
    const forged = `praxis+${"a".repeat(32)}@praxis.test`;
    expect(await sendToPraxis({ from: target.email, to: forged, text: "forged" })).toBeNull();
    expect((await nextMail(target.email, (m) => /not posted/.test(m.subject ?? ""))).text).toContain("not a Praxis reply address");

    // An expired one.
    const expiring = await mentioned(target);
    await db().mailReplyToken.updateMany({ where: { userId: target.member.id, objectId: { not: "" }, createdAt: { gte: new Date(Date.now() - 60_000) } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sendToPraxis({ from: target.email, to: expiring.replyAddress, text: "too late" })).toBeNull();
    expect((await nextMail(target.email, (m) => /not posted/.test(m.subject ?? ""))).text).toContain("has expired");

    // Revoked from settings.
    const revoking = await mentioned(target);
    expect((await target.browser.post("/settings", { intent: "stop-reply-addresses" })).status).toBe(200);
    expect(await sendToPraxis({ from: target.email, to: revoking.replyAddress, text: "after revoking" })).toBeNull();
    expect((await nextMail(target.email, (m) => /not posted/.test(m.subject ?? ""))).text).toContain("was turned off");

    expect(await postCount(threadId)).toBe(before);
    expect(await postCount(expiring.threadId)).toBe(1);
    expect(await postCount(revoking.threadId)).toBe(1);
    expect(mail.messageId).toMatch(/^<praxis\.[a-z2-7]+@praxis\.test>$/);
    // The log names the reasons, never an address.
    const logs = praxis.server.logs.join("");
    for (const reason of ["wrongSender", "unknownAddress", "expired", "revoked"]) expect(logs).toContain(`"msg":"inbound mail refused","reason":"mail:refusals.${reason}"`);
    expect(logs).not.toContain("someone.else@example.net");
    expect(logs).not.toContain(target.email);
  });

  it("bounces in the member's language (French)", async () => {
    const target = await confirmedMember({ locale: "fr" });
    const { threadId, replyAddress } = await mentioned(target);
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "Voici", attachments: [{ filename: "plan.txt", content: "secret" }] })).toBeNull();
    const bounce = await nextMail(target.email, (m) => /pas été publié/.test(m.subject ?? ""));
    expect(bounce.subject).toBe("Praxis : votre e-mail n’a pas été publié");
    expect(bounce.text).toContain("Les pièces jointes ne peuvent pas être publiées");
    expect(await postCount(threadId)).toBe(1);
  });

  it("puts attached files into the library for the thread's group when the member allows it", async () => {
    const { PDFDocument } = await import("pdf-lib");
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText("Budget notes");
    pdf.setAuthor("Amani Real Name");
    const bytes = Buffer.from(await pdf.save());
    const target = await confirmedMember({ settings: { mailAttachmentsToLibrary: "on" } });
    const { threadId, replyAddress } = await mentioned(target);
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "Here are the notes", attachments: [{ filename: "budget_notes.pdf", content: bytes.toString("base64"), encoding: "base64" } as never] })).toBeNull();
    await eventually(async () => expect(await postCount(threadId)).toBe(2));
    const resource = await db().libraryResource.findFirstOrThrow({ where: { addedById: target.member.id } });
    expect(resource).toMatchObject({ visibility: "group", groupId: await groupIdFor("rooting-care"), isShareable: false, fileMime: "application/pdf", title: "budget notes" });
    const post = await db().post.findFirstOrThrow({ where: { threadId, authorId: target.member.id } });
    expect(post.bodyHtml).toContain(`/library/${resource.id}`);
    expect(post.bodySource.startsWith("Here are the notes")).toBe(true);
  }, 60_000); // the upload is cleaned in a worker thread, as any upload is

  it("refuses replies from members who did not opt in to content in mail", async () => {
    const target = await confirmedMember();
    const { threadId, replyAddress } = await mentioned(target);
    // Turning content off revokes the addresses already sent.
    await target.browser.post("/settings", { intent: "notifications", email: target.email, emailMode: "immediate", quietStart: "", quietEnd: "" });
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "still here" })).toBeNull();
    expect((await nextMail(target.email, (m) => /not posted/.test(m.subject ?? ""))).text).toContain("turned off");
    expect(await postCount(threadId)).toBe(1);
  });

  it("never answers auto-replies, bounces or its own mail, and refuses failed DKIM in the conversation", async () => {
    const target = await confirmedMember();
    const { threadId, mail, replyAddress } = await mentioned(target);
    const bouncesBefore = (await mailsTo(target.email)).length;
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "I am away", headers: { "Auto-Submitted": "auto-replied" } })).toBeNull();
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "Undeliverable", envelopeFrom: false })).toBeNull();
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "echo", headers: { "Message-ID": mail.messageId! } })).toBeNull();
    expect(await sendToPraxis({ from: "praxis@praxis.test", to: replyAddress, text: "ourselves" })).toBeNull();
    // The receiving MTA's verdict (the topmost Authentication-Results) is honoured.
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "forged", headers: { "Authentication-Results": "mx.praxis.test; dkim=fail header.d=example.org; spf=pass" } })).toBe(550);
    // Nothing for other mailboxes.
    expect(await sendToPraxis({ from: target.email, to: "coordinator@praxis.test", text: "hello" })).toBe(550);
    // A real reply afterwards still works, so the listener is fine.
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "Real answer" })).toBeNull();
    await eventually(async () => expect(await postCount(threadId)).toBe(2));
    expect((await mailsTo(target.email)).length).toBe(bouncesBefore);
    expect((await mailsTo("praxis@praxis.test")).length).toBe(0);
  });

  it("refuses an oversized or malformed message without harm to the process", async () => {
    const target = await confirmedMember();
    const { threadId, replyAddress } = await mentioned(target);
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "x".repeat(200 * 1024) })).toBe(552);
    const garbage = `From: ${target.email}\r\nTo: ${replyAddress}\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n\u0000\u0001--\r\n${randomBytes(2048).toString("binary")}`;
    expect([null, 550]).toContain(await sendToPraxis({ from: target.email, to: replyAddress, raw: garbage }));
    expect(await postCount(threadId)).toBe(1);
    expect((await fetch(`${praxis.url}/healthz`)).status).toBe(200);
    expect(praxis.server.process.exitCode).toBeNull();
  });
});

describe("RSVP by email", () => {
  it("sets RSVPs from a calendar REPLY and from a one-word reply", async () => {
    const [first, second] = [await confirmedMember(), await confirmedMember({ locale: "fr" })];
    const lead = await createMember({ group: "rooting-care", lead: true });
    const date = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    const scheduled = await (await signedIn(lead)).post("/meetings/new", {
      kind: "group", groupId: await groupIdFor("rooting-care"), audience: "group", titleEn: "Care circle", titleFr: "Cercle de soin", date, time: "14:00",
      timeZone: "Africa/Nairobi", durationMinutes: "60", callUrl: "", repeat: "none", occurrences: "1", rotate1: "", rotate2: "", acknowledgeNight: "yes", intent: "save",
    });
    expect(scheduled.status).toBe(303);
    const meetingId = scheduled.headers.get("location")!.match(/\/meetings\/([a-z0-9]+)/)![1];

    const invitation = await nextMail(first.email, (mail) => /invitation/.test(mail.subject ?? ""));
    expect(invitation.subject).toBe("Praxis: invitation — Care circle");
    // Unfolded (RFC 5545 folds lines at 75 octets).
    const ics = (invitation.attachments.find((a) => a.contentType === "text/calendar")?.content.toString("utf8") ?? "").replace(/\r?\n[ \t]/g, "");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toMatch(/ORGANIZER;CN=Praxis:mailto:praxis\+[a-z2-7]{32}@praxis\.test/);
    expect(ics).toContain(`RSVP=TRUE:mailto:${first.email}`);
    const uid = /UID:(\S+)/.exec(ics)![1];
    const calendarReply = fixture("calendar-reply.eml", { FROM: first.email, TO: invitation.replyAddress!, UID: uid, PARTSTAT: "ACCEPTED", TITLE: "Care circle" });
    expect(await sendToPraxis({ from: first.email, to: invitation.replyAddress!, raw: calendarReply })).toBeNull();

    const frenchInvitation = await nextMail(second.email, (mail) => /invitation/.test(mail.subject ?? ""));
    expect(frenchInvitation.subject).toBe("Praxis : invitation — Cercle de soin");
    expect(await sendToPraxis({ from: second.email, to: frenchInvitation.replyAddress!, text: "Non\n\nLe jeu. 3 déc. 2026 à 09:00, Praxis <praxis@praxis.test> a écrit :\n> Vous êtes invité·e" })).toBeNull();

    await eventually(async () => {
      const answers = await db().meetingAttendance.findMany({ where: { meetingId }, select: { userId: true, rsvp: true } });
      expect(answers).toEqual(expect.arrayContaining([{ userId: first.member.id, rsvp: "yes" }, { userId: second.member.id, rsvp: "no" }]));
    });

    // Both were understood: no bounce. A reply Praxis cannot read as an answer is bounced, and the answer stays.
    expect((await mailsTo(first.email)).some((mail) => /not posted/.test(mail.subject ?? ""))).toBe(false);
    const tokenAddress = (await mailsTo(first.email)).find((mail) => /invitation/.test(mail.subject ?? ""))!.replyAddress!;
    expect(await sendToPraxis({ from: first.email, to: tokenAddress, text: "Let me check my week and come back to you" })).toBeNull();
    expect((await nextMail(first.email, (m) => /not posted/.test(m.subject ?? ""))).text).toContain("could not tell your answer");
    expect((await db().meetingAttendance.findFirstOrThrow({ where: { meetingId, userId: first.member.id } })).rsvp).toBe("yes");
  });
});

describe("mailing-list mode", () => {
  it("mails every post of the member's groups as its own mail, threaded, and a reply lands under the post", async () => {
    const listener = await confirmedMember({ settings: { mailingList: "on", emailMode: "daily" } });
    const author = await signedIn(await createMember({ group: "rooting-care" }));
    const threadId = await startThread(author, "Harvest plans", "Who brings *seeds*?");
    const opening = await nextMail(listener.email, (mail) => /Harvest plans/.test(mail.subject ?? ""));
    const openingPost = await db().post.findFirstOrThrow({ where: { threadId, seq: 0 } });
    expect(opening.subject).toBe("[Rooting care] Harvest plans");
    expect(opening.messageId).toBe(`<praxis.post.${openingPost.id}@praxis.test>`);
    expect(opening.inReplyTo).toBeUndefined();
    expect(opening.text).toContain("Who brings *seeds*?");
    expect(opening.headerLines.find((line) => line.key === "list-id")?.line).toMatch(/<rooting-care\.praxis\.test>/);

    expect((await author.post(`/groups/rooting-care/threads/${threadId}`, { intent: "reply", body: "I do" })).status).toBe(303);
    const reply = await nextMail(listener.email, (mail) => /Re: \[Rooting care\] Harvest plans/.test(mail.subject ?? ""));
    const replyPost = await db().post.findFirstOrThrow({ where: { threadId, seq: 1 } });
    expect(reply.messageId).toBe(`<praxis.post.${replyPost.id}@praxis.test>`);
    expect(reply.inReplyTo).toBe(opening.messageId);
    expect(reply.references).toEqual(opening.messageId);

    // Another group's posts are not the listener's to receive (a member of that group gets them).
    const elsewhere = await confirmedMember({ group: "practising-accountability", settings: { mailingList: "on", emailMode: "daily" } });
    const other = await signedIn(await createMember({ group: "practising-accountability" }));
    const otherThread = await other.post("/groups/practising-accountability", { intent: "new-thread", title: "Elsewhere", body: "not for you", language: "en" });
    expect(otherThread.status).toBe(303);
    await nextMail(elsewhere.email, (mail) => /Elsewhere/.test(mail.subject ?? ""));

    expect(await sendToPraxis({ from: listener.email, to: reply.replyAddress!, text: "Me too", inReplyTo: reply.messageId })).toBeNull();
    await eventually(async () => expect(await postCount(threadId)).toBe(3));
    const answer = await db().post.findFirstOrThrow({ where: { threadId, authorId: listener.member.id } });
    expect(answer.parentId).toBe(replyPost.id);
    expect((await mailsTo(listener.email)).some((mail) => /Elsewhere/.test(mail.subject ?? ""))).toBe(false);
  });
});

describe("digests", () => {
  it("carry a reply address when the member opted in, and a reply to one posts in its thread", async () => {
    const { runDigests } = await import("~/domain/notifications.server");
    const reader = await confirmedMember({ group: "strengthening-collaboration", settings: { emailMode: "daily" } });
    await db().notificationSetting.update({ where: { userId: reader.member.id }, data: { lastDigestAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    const author = await signedIn(await createMember({ group: "strengthening-collaboration" }));
    const started = await author.post("/groups/strengthening-collaboration", { intent: "new-thread", title: "Partners map", body: "Who do we know?", language: "en" });
    const threadId = started.headers.get("location")!.split("/threads/")[1].split(/[?#]/)[0];

    await runDigests(new Date());
    const digest = await nextMail(reader.email, (mail) => /digest/.test(mail.subject ?? ""));
    expect(digest.text).toContain("Partners map");
    expect(digest.replyAddress).toMatch(/^praxis\+[a-z2-7]{32}@praxis\.test$/);
    expect(await sendToPraxis({ from: reader.email, to: digest.replyAddress!, text: "The **regional** network" })).toBeNull();
    await eventually(async () => expect(await postCount(threadId)).toBe(2));
    expect((await db().post.findFirstOrThrow({ where: { threadId, seq: 1 } })).bodyHtml).toBe("<p>The <strong>regional</strong> network</p>");
  });
});

describe("voting by email", () => {
  it("reads the numbered ballot of a reminder, requires a reason to block, counts the vote once and confirms it", async () => {
    const target = await confirmedMember();
    const proposer = await signedIn(await createMember({ group: "rooting-care" }));
    const { date, time } = toZonedInputs(new Date(Date.now() + 2 * 24 * 3600_000), "UTC");
    const created = await proposer.post("/groups/rooting-care/decisions/new", {
      kind: "proposal", titleEn: "Adopt the care budget", titleFr: "Adopter le budget du soin", textEn: "As drafted.", textFr: "Tel que rédigé.",
      closesDate: date, closesTime: time, voters: "group", quorumKind: "", quorumValue: "",
    });
    expect(created.status).toBe(303);
    const decisionId = /\/decisions\/([a-z0-9]+)$/.exec(created.headers.get("location")!)![1];
    const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id: decisionId } });
    // The reminder job runs in this process too (same database and outbox).
    await remindNonVoters(new Date(closesAt.getTime() - 12 * 3600_000));
    const reminder = await nextMail(target.email, (mail) => Boolean(mail.replyAddress) && /Adopt the care budget/.test(mail.text ?? ""));
    expect(reminder.text).toMatch(/1\. Agree[\s\S]*4\. Block/);
    const replyAddress = reminder.replyAddress!;

    // Blocking without a reason: refused with a bounce saying why, nothing recorded.
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "Block" })).toBeNull();
    const bounce = await nextMail(target.email, (mail) => /not posted|did not act/.test(`${mail.subject} ${mail.text}`));
    expect(bounce.text).toContain("Say why you block.");
    expect(await db().decisionVote.count({ where: { decisionId, userId: target.member.id } })).toBe(0);

    // A number the ballot does not have: not understood.
    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "7" })).toBeNull();
    expect((await nextMail(target.email, (mail) => /did not act/.test(mail.text ?? ""))).text).toContain("could not read a vote");

    expect(await sendToPraxis({ from: target.email, to: replyAddress, text: "4 It names a member who is at risk.\n\nSent from my phone" })).toBeNull();
    const confirmation = await nextMail(target.email, (mail) => /vote was counted/.test(mail.subject ?? ""));
    expect(confirmation.text).not.toContain("Block");
    const vote = await db().decisionVote.findUniqueOrThrow({ where: { decisionId_userId: { decisionId, userId: target.member.id } } });
    expect(JSON.parse(vote.choice)).toMatchObject({ position: "block" });
    expect(vote.reason).toContain("It names a member who is at risk.");
  });
});

describe("mail from someone whose access changed since it was sent", () => {
  it("refuses a reply and a vote from a member who has left the group, and a reply from a closed account: bounced, nothing posted or counted", async () => {
    const leaver = await confirmedMember();
    const closing = await confirmedMember();
    const [{ threadId, replyAddress }, closed] = await Promise.all([mentioned(leaver), mentioned(closing)]);
    const proposer = await signedIn(await createMember({ group: "rooting-care" }));
    const { date, time } = toZonedInputs(new Date(Date.now() + 2 * 24 * 3600_000), "UTC");
    const created = await proposer.post("/groups/rooting-care/decisions/new", {
      kind: "proposal", titleEn: "Meet in person", titleFr: "Se réunir en personne", textEn: "", textFr: "", closesDate: date, closesTime: time, voters: "group", quorumKind: "", quorumValue: "",
    });
    expect(created.status).toBe(303);
    const decisionId = /\/decisions\/([a-z0-9]+)$/.exec(created.headers.get("location")!)![1];
    const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id: decisionId } });
    await remindNonVoters(new Date(closesAt.getTime() - 12 * 3600_000));
    const reminder = await nextMail(leaver.email, (mail) => Boolean(mail.replyAddress) && /Meet in person/.test(mail.text ?? ""));

    // The coordinator takes the member out of the group and closes the other account, through the people page.
    const coordinator = await signedIn(await createCoordinator());
    const groupId = await groupIdFor("rooting-care");
    expect((await coordinator.post("/people", { intent: "set-group-role", userId: leaver.member.id, groupId, role: "none" })).status).toBe(200);
    expect((await coordinator.post("/people", { intent: "deactivate", userId: closing.member.id })).status).toBe(200);
    const before = await postCount(threadId);

    expect(await sendToPraxis({ from: leaver.email, to: replyAddress, text: "Still here?" })).toBeNull();
    expect((await nextMail(leaver.email, (mail) => /not posted/.test(mail.subject ?? ""))).text).toContain("You can read this space but not post in it");
    expect(await sendToPraxis({ from: leaver.email, to: reminder.replyAddress!, text: "1" })).toBeNull();
    expect((await nextMail(leaver.email, (mail) => /not posted/.test(mail.subject ?? ""))).text).toContain("You may not vote on this decision.");
    expect(await sendToPraxis({ from: closing.email, to: closed.replyAddress, text: "From a closed account" })).toBeNull();
    expect((await nextMail(closing.email, (mail) => /not posted/.test(mail.subject ?? ""))).text).toContain("not a Praxis reply address");

    expect(await postCount(threadId)).toBe(before);
    expect(await postCount(closed.threadId)).toBe(1);
    expect(await db().decisionVoter.count({ where: { decisionId } })).toBe(0);
    // Voting on the page is refused the same way: the mail took no door the page does not.
    expect((await leaver.browser.post(`/groups/rooting-care/decisions/${decisionId}`, { intent: "vote", position: "agree", reason: "" })).status).toBe(403);
  });
});

describe("a vote by email when the confirmation cannot be sent", () => {
  it("still counts the ballot once and accepts the mail, so the sender's retry is a duplicate and not a second ballot", async () => {
    const target = await confirmedMember();
    const proposer = await signedIn(await createMember({ group: "rooting-care" }));
    const { date, time } = toZonedInputs(new Date(Date.now() + 2 * 24 * 3600_000), "UTC");
    const created = await proposer.post("/groups/rooting-care/decisions/new", {
      kind: "poll", pollType: "single", isAnonymous: "on", option0En: "Online", option0Fr: "En ligne", option1En: "In person", option1Fr: "En personne",
      titleEn: "Where we meet", titleFr: "Où nous réunir", textEn: "", textFr: "", closesDate: date, closesTime: time, voters: "group", quorumKind: "", quorumValue: "",
    });
    expect(created.status).toBe(303);
    const decisionId = /\/decisions\/([a-z0-9]+)$/.exec(created.headers.get("location")!)![1];
    const { closesAt } = await db().decision.findUniqueOrThrow({ where: { id: decisionId } });
    await remindNonVoters(new Date(closesAt.getTime() - 12 * 3600_000));
    const reminder = await nextMail(target.email, (mail) => Boolean(mail.replyAddress) && /Where we meet/.test(mail.text ?? ""));

    // An instance whose outgoing mail server refuses every connection.
    const cut = await praxis.startAnother({ SMTP_URL: "smtp://127.0.0.1:1" });
    const port = Number(/Praxis receives mail on port (\d+)/.exec(cut.logs.join(""))![1]);
    const raw = [`From: ${target.email}`, `To: ${reminder.replyAddress}`, "Subject: Re: Where we meet", `Message-ID: <ballot.${randomBytes(4).toString("hex")}@example.org>`, "Content-Type: text/plain; charset=utf-8", "", "2", ""].join("\r\n");
    const deliver = async () => {
      try {
        await nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }).sendMail({ envelope: { from: target.email, to: [reminder.replyAddress!] }, raw });
        return null;
      } catch (error) {
        return (error as { responseCode?: number }).responseCode ?? -1;
      }
    };
    expect(await deliver()).toBeNull();
    // The sending server delivers again (as it would after a 451): the same message acts once.
    expect(await deliver()).toBeNull();
    expect(await db().decisionVoter.count({ where: { decisionId } })).toBe(1);
    expect((await db().decisionTally.findMany({ where: { decisionId } })).reduce((sum, row) => sum + row.count, 0)).toBe(1);
    const logs = cut.logs.join("");
    expect(logs).toContain('"msg":"vote confirmation not sent"');
    expect(logs).toContain('"msg":"inbound mail dropped","reason":"duplicate"');
  });
});

describe("shutdown", () => {
  it("stops receiving mail with the server and exits cleanly", async () => {
    await praxis.server.stop();
    expect(praxis.server.process.exitCode).toBe(0);
    expect(await sendToPraxis({ from: "a@example.org", to: `praxis+${"b".repeat(32)}@praxis.test`, text: "anyone?" })).not.toBeNull();
  });
});
