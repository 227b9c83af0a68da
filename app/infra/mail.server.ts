// Outgoing mail. With SMTP_URL set, real SMTP through nodemailer; without it, each message is
// written as an .eml file to the outbox folder (and the console says so once), so nothing is
// silently lost on an install that has no mail server yet.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";
import { newId } from "./ids.server";
import { log } from "./log.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe for one-click preference links. */
  headers?: Record<string, string>;
  /** A reply address (see replyAddress), when the mail invites an answer by email. */
  replyTo?: string;
  /** Our own Message-ID (ownMessageId); one is made up when absent, so replies to it are recognised. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** An iCalendar part (text/calendar; method=…) a calendar app can answer. */
  icalEvent?: { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string };
}

// ---------------------------------------------------------------------------------------------
// Addresses and message ids

/** MAIL_FROM's bare address ("praxis@example.org"). */
export function senderAddress(): string {
  const from = env().MAIL_FROM;
  return (/<([^<>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain reply addresses are at: MAIL_REPLY_DOMAIN, else MAIL_FROM's. */
export function replyDomain(): string {
  return (env().MAIL_REPLY_DOMAIN ?? senderAddress().split("@")[1] ?? "localhost").toLowerCase();
}

function replyLocalPart(): string {
  return senderAddress().split("@")[0].split("+")[0];
}

/** `<local>+<token>@<domain>`: the address that carries a reply token. */
export function replyAddress(token: string): string {
  return `${replyLocalPart()}+${token}@${replyDomain()}`;
}

/** The token of a reply address at our domain, or null for any other address. */
export function replyTokenOf(address: string): string | null {
  const match = /^([^@+]+)\+([a-z2-7]{16,64})@([^@]+)$/i.exec(address.trim());
  if (!match) return null;
  if (match[1].toLowerCase() !== replyLocalPart().toLowerCase() || match[3].toLowerCase() !== replyDomain()) return null;
  return match[2].toLowerCase();
}

/** Whether an address is one of ours (the sender, or any reply address), to never answer ourselves. */
export function isOwnAddress(address: string): boolean {
  const bare = address.trim().toLowerCase();
  return bare === senderAddress().toLowerCase() || (bare.startsWith(`${replyLocalPart().toLowerCase()}+`) && bare.endsWith(`@${replyDomain()}`));
}

/** A Message-ID of ours: `<praxis.<tag>@<domain>>`; stable when the tag is (mailing-list threading). */
export function ownMessageId(tag: string = newId()): string {
  return `<praxis.${tag}@${replyDomain()}>`;
}

/** Whether a Message-ID is one we made (a mail of ours come back: a loop). */
export function isOwnMessageId(messageId: string | undefined): boolean {
  if (!messageId) return false;
  const domain = replyDomain().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^<?praxis\\.[^@>\\s]+@${domain}>?$`, "i").test(messageId.trim());
}

let transporter: Transporter | undefined;
let announcedOutbox = false;

function outboxDir(): string {
  return resolve(env().MAIL_OUTBOX_DIR);
}

function fromAddress(): string {
  return env().MAIL_FROM;
}

function message(mail: Mail) {
  return { from: fromAddress(), ...mail, messageId: mail.messageId ?? ownMessageId() };
}

export async function sendMail(mail: Mail): Promise<void> {
  const smtpUrl = env().SMTP_URL;
  if (smtpUrl) {
    transporter ??= nodemailer.createTransport(smtpUrl);
    await transporter.sendMail(message(mail));
    return;
  }
  // Build the same RFC 5322 message nodemailer would send, and keep it.
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await stream.sendMail(message(mail));
  const dir = outboxDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${newId()}.eml`), info.message as Buffer);
  if (!announcedOutbox) {
    announcedOutbox = true;
    log("info", "SMTP_URL is not set: mail is written to the outbox folder instead", { outbox: dir });
    process.stdout.write(`Mail is not sent (no SMTP_URL); messages are saved in ${dir}\n`);
  }
}
