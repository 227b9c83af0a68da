// An inbound mail, from the SMTP listener to the handler of the object its reply address names.
// In order: parse; drop what must never be answered (bounces, auto-replies, our own mail come
// back); refuse what failed the receiving MTA's DKIM/SPF checks; check the reply token, the
// sender (the member's confirmed address), the member's content-in-mail choice and their rate
// limit; then the handler does the work through the domain verb. Every refusal is logged with
// its reason and the object kind only (never an address or a word of the mail), and answered
// with a short bounce in the member's language (English when no member is known).
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { db } from "~/infra/db.server";
import { env, linkBaseUrl } from "~/infra/env.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { sha256Hex } from "~/infra/ids.server";
import { log } from "~/infra/log.server";
import { isOwnAddress, isOwnMessageId, replyTokenOf, sendMail } from "~/infra/mail.server";
import { createRateLimiter, type RateLimiter } from "~/infra/rate-limit.server";
import { replyHandlerFor } from "./handlers.server";
import type { InboundReply, ReplyMember } from "./reply";
import { replyText } from "./reply-text.server";
import { checkReplyToken } from "./tokens.server";

/** What the SMTP listener answers: accepted (done, refused with a bounce, or dropped), or an SMTP error. */
export type Verdict =
  | { outcome: "done"; kind: string }
  | { outcome: "refused"; reason: string; kind?: string }
  | { outcome: "dropped"; reason: string }
  | { outcome: "rejected"; reason: string; code: number; message: string };

let limiter: RateLimiter | undefined;
function replyLimiter(): RateLimiter {
  limiter ??= createRateLimiter({ name: "mail-replies", limit: env().MAIL_REPLIES_PER_HOUR, windowMs: 60 * 60_000 });
  return limiter;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  for (const group of list) for (const entry of group.value) if (entry.address) return entry.address.trim().toLowerCase();
  return null;
}

function allAddresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.flatMap((entry) => (entry.address ? [entry.address] : [])));
}

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}

/** Why this mail must never be answered (RFC 3834 and common practice), or null. */
function isAutomatic(mail: ParsedMail, envelopeFrom: string | null): string | null {
  if (envelopeFrom === null) return "null-sender"; // a bounce (MAIL FROM:<>)
  const auto = header(mail, "auto-submitted").trim().toLowerCase();
  if (auto && auto !== "no") return "auto-submitted";
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(mail, "precedence").trim())) return "precedence";
  if (mail.headers.has("x-autoreply") || mail.headers.has("x-autorespond")) return "auto-reply";
  const type = header(mail, "content-type").toLowerCase();
  if (type.includes("multipart/report") || type.includes("delivery-status")) return "report";
  if (isOwnMessageId(mail.messageId)) return "own-message";
  const from = firstAddress(mail.from);
  if (!from) return "no-sender";
  if (isOwnAddress(from) || /^(mailer-daemon|postmaster)@/i.test(from)) return "own-or-daemon";
  return null;
}

/**
 * DKIM and SPF as the receiving MTA judged them. Only the topmost Authentication-Results header
 * is the receiving MTA's own: lower ones came with the message and prove nothing.
 */
export function failedAuthentication(mail: ParsedMail): string | null {
  const raw = mail.headerLines.find((line) => line.key === "authentication-results")?.line;
  if (!raw) return null;
  const value = raw.replace(/^[^:]*:/, "").replace(/\r?\n[ \t]+/g, " ").toLowerCase();
  if (/\bdkim\s*=\s*fail\b/.test(value)) return "dkim-fail";
  if (/\bspf\s*=\s*fail\b/.test(value)) return "spf-fail";
  if (/\bdmarc\s*=\s*fail\b/.test(value)) return "dmarc-fail";
  return null;
}

function calendarPart(mail: ParsedMail): { calendar: string | null; others: number; files: InboundReply["files"] } {
  let calendar: string | null = null;
  let others = 0;
  const files: InboundReply["files"] = [];
  for (const attachment of mail.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (type === "text/calendar" || type === "application/ics" || /\.ics$/i.test(attachment.filename ?? "")) calendar ??= attachment.content.toString("utf8");
    // Pictures a mail app puts inline in a signature are not files the member sends.
    else if (!(attachment.related && type.startsWith("image/"))) {
      others++;
      files.push({ fileName: attachment.filename ?? "attachment", bytes: new Uint8Array(attachment.content) });
    }
  }
  return { calendar, others, files };
}

async function translatorFor(language: Language) {
  const { translatorFor: load } = await import("~/infra/i18n.server");
  return load(language);
}

/** A short refusal to the sender: why, and that nothing was posted. Never answered by us again. */
async function bounce(to: string, language: Language, reason: string, original: ParsedMail): Promise<void> {
  const t = await translatorFor(language);
  const lines = [t("mail:bounce.intro"), "", t(reason), "", t("mail:bounce.nothingDone"), "", "—", t("mail:bounce.footer", { link: linkBaseUrl() })];
  await sendMail({
    to,
    subject: t("mail:bounce.subject"),
    text: lines.join("\n"),
    headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
    ...(original.messageId ? { inReplyTo: original.messageId, references: [original.messageId] } : {}),
  });
}

function refusedLog(reason: string, kind?: string) {
  log("info", "inbound mail refused", { reason, ...(kind ? { kind } : {}) });
}

async function refuseWithBounce(mail: ParsedMail, language: Language, reason: string, kind?: string): Promise<Verdict> {
  refusedLog(reason, kind);
  const to = firstAddress(mail.from);
  if (to) await bounce(to, language, reason, mail);
  return { outcome: "refused", reason, ...(kind ? { kind } : {}) };
}

/** Records a receipt; false when it was already there (a second delivery of the same mail). */
async function recordReceipt(id: string): Promise<boolean> {
  if (await db().inboundMailReceipt.findUnique({ where: { id }, select: { id: true } })) return false;
  try {
    await db().inboundMailReceipt.create({ data: { id } });
    return true;
  } catch (error) {
    // Two deliveries at once: the unique id lets one through.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

function languageOf(locale: string | null | undefined): Language {
  return isSupportedLanguage(locale) ? locale : "en";
}

export async function receiveMail(raw: Buffer, envelope: { from: string | null; to: string[] }): Promise<Verdict> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true });
  } catch {
    log("info", "inbound mail rejected", { reason: "malformed" });
    return { outcome: "rejected", reason: "malformed", code: 550, message: "5.6.0 Message could not be read" };
  }
  const automatic = isAutomatic(mail, envelope.from);
  if (automatic) {
    log("info", "inbound mail dropped", { reason: automatic });
    return { outcome: "dropped", reason: automatic };
  }
  const failed = failedAuthentication(mail);
  if (failed) {
    // Answering a forged sender would mail someone who never wrote: refuse in the conversation.
    log("info", "inbound mail rejected", { reason: failed });
    return { outcome: "rejected", reason: failed, code: 550, message: "5.7.1 Sender authentication failed" };
  }

  const token = [...envelope.to, ...allAddresses(mail.to), ...allAddresses(mail.cc)].map(replyTokenOf).find((value): value is string => Boolean(value));
  if (!token) return refuseWithBounce(mail, "en", "mail:refusals.unknownAddress");
  const checked = await checkReplyToken(token);
  if (!checked.ok) {
    if (checked.reason === "unknown") return refuseWithBounce(mail, "en", "mail:refusals.unknownAddress");
    const owner = await db().user.findUnique({ where: { id: checked.userId }, select: { locale: true } });
    return refuseWithBounce(mail, languageOf(owner?.locale), `mail:refusals.${checked.reason}`);
  }
  const { kind, objectId, userId } = checked.token;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, displayName: true, locale: true, deactivatedAt: true, memberships: { select: { groupId: true, role: true } } },
  });
  if (!user || user.deactivatedAt) return refuseWithBounce(mail, "en", "mail:refusals.unknownAddress", kind);
  const language = languageOf(user.locale);
  const settings = await db().notificationSetting.findUnique({ where: { userId }, select: { email: true, emailConfirmedAt: true, includeContent: true, mailAttachmentsToLibrary: true } });
  const sender = firstAddress(mail.from);
  if (!settings?.email || !settings.emailConfirmedAt || !sender || sender !== settings.email.trim().toLowerCase()) {
    return refuseWithBounce(mail, language, "mail:refusals.wrongSender", kind);
  }
  const handler = replyHandlerFor(kind);
  if (!handler) return refuseWithBounce(mail, language, "mail:refusals.unknownAddress", kind);
  if (handler.needsContentInMail && !settings.includeContent) return refuseWithBounce(mail, language, "mail:refusals.contentOff", kind);
  const verdict = await replyLimiter().hit([`mail:${userId}`]);
  if (!verdict.allowed) return refuseWithBounce(mail, language, "mail:refusals.tooMany", kind);

  // A mail server retries a delivery it is unsure of: the same message acts once.
  const receipt = mail.messageId ? sha256Hex(`${token}\n${mail.messageId}`) : null;
  if (receipt && !(await recordReceipt(receipt))) {
    log("info", "inbound mail dropped", { reason: "duplicate", kind });
    return { outcome: "dropped", reason: "duplicate" };
  }

  const { calendar, others, files } = calendarPart(mail);
  const reply: InboundReply = { text: replyText(mail.text ?? ""), calendar, attachmentCount: others, files, attachmentsToLibrary: settings.mailAttachmentsToLibrary, key: receipt };
  const member: ReplyMember = { id: user.id, role: user.role, memberships: user.memberships, displayName: user.displayName, locale: user.locale };
  let outcome;
  try {
    outcome = await handler.handle(member, objectId, reply);
  } catch (error) {
    // Not done: the retry the listener asks for (451) must be able to act.
    if (receipt) await db().inboundMailReceipt.deleteMany({ where: { id: receipt } });
    throw error;
  }
  if (!outcome.ok) return refuseWithBounce(mail, language, outcome.error, kind);
  log("info", "inbound mail done", { kind });
  return { outcome: "done", kind };
}
