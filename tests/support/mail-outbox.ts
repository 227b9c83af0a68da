// The mail outbox of a test server (no SMTP_URL: Praxis writes every mail as a file there), read
// back with mailparser, so tests check the mail a member would really receive.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { eventually } from "./realtime";

export type Mail = ParsedMail & { file: string; to: string[]; replyAddress: string | null };

export function mailOutbox(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `praxis-${name}-`));
  const env = { MAIL_OUTBOX_DIR: dir, MAIL_FROM: "Praxis <praxis@praxis.test>", DIGEST_INTERVAL_SECONDS: "0" };

  async function read(file: string): Promise<Mail> {
    const parsed = await simpleParser(readFileSync(join(dir, file)));
    const list = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    return Object.assign(parsed, {
      file,
      to: list.flatMap((group) => group.value.map((entry) => entry.address ?? "")),
      replyAddress: parsed.replyTo?.value[0]?.address ?? null,
    });
  }

  /** Every mail sent to this address so far, oldest first. */
  async function mailsTo(address: string): Promise<Mail[]> {
    const all = await Promise.all(readdirSync(dir).sort().map(read));
    return all.filter((mail) => mail.to.includes(address));
  }

  /** Waits for a mail to this address that matches. */
  async function mailTo(address: string, matches: (mail: Mail) => boolean, timeoutMs = 8000): Promise<Mail> {
    let found: Mail | undefined;
    await eventually(async () => {
      found = (await mailsTo(address)).find(matches);
      if (!found) throw new Error(`no matching mail to ${address}`);
    }, timeoutMs);
    return found!;
  }

  return { dir, env, read, mailsTo, mailTo, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
