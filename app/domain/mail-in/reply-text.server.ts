// What a member wrote in a reply, without the quoted history and signature their mail app adds:
// email-reply-parser (a maintained port of GitHub's parser, with Gmail, Outlook and Apple Mail
// quote headers in English, French and other languages) does the stripping.
import EmailReplyParser from "email-reply-parser";
import type { Rsvp } from "../meetings";

const parser = new EmailReplyParser();

/** The new text of a reply: quoted history, "Sent from my phone" lines and signatures removed. */
export function replyText(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ");
  const visible = parser.parseReply(normalised);
  return visible
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const ANSWERS: Record<string, Rsvp> = {
  yes: "yes", y: "yes", oui: "yes", accept: "yes", accepte: "yes", ok: "yes",
  no: "no", n: "no", non: "no", decline: "no",
  maybe: "maybe", "peut-être": "maybe", "peut-etre": "maybe", peutetre: "maybe", tentative: "maybe",
};

/** A one-word answer ("yes", "oui", "no", "non", "maybe", "peut-être") as an RSVP; null for anything longer. */
export function oneWordRsvp(text: string): Rsvp | null {
  const words = text.trim().toLowerCase().replace(/[.!,;:]+$/u, "").split(/\s+/u).filter(Boolean);
  if (words.length !== 1) return null;
  return ANSWERS[words[0].normalize("NFC")] ?? null;
}
