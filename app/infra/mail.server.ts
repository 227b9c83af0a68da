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
}

let transporter: Transporter | undefined;
let announcedOutbox = false;

function outboxDir(): string {
  return resolve(env().MAIL_OUTBOX_DIR);
}

function fromAddress(): string {
  return env().MAIL_FROM;
}

export async function sendMail(mail: Mail): Promise<void> {
  const smtpUrl = env().SMTP_URL;
  if (smtpUrl) {
    transporter ??= nodemailer.createTransport(smtpUrl);
    await transporter.sendMail({ from: fromAddress(), ...mail });
    return;
  }
  // Build the same RFC 5322 message nodemailer would send, and keep it.
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await stream.sendMail({ from: fromAddress(), ...mail });
  const dir = outboxDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${newId()}.eml`), info.message as Buffer);
  if (!announcedOutbox) {
    announcedOutbox = true;
    log("info", "SMTP_URL is not set: mail is written to the outbox folder instead", { outbox: dir });
    process.stdout.write(`Mail is not sent (no SMTP_URL); messages are saved in ${dir}\n`);
  }
}
