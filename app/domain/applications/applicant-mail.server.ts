// Mail to applicants, in the language they applied in. Sent only when their contact is an email
// address; the status page behind their private link always says the same.
import { db } from "~/infra/db.server";
import { isSupportedLanguage, type Language } from "~/infra/i18n";
import { sendMail } from "~/infra/mail.server";
import { looksLikeEmail } from "./model";

// Loaded on use: the locale bundle exists only in the built app, and plain-Node scripts (the
// seed, tests) load these modules too.
async function translatorFor(language: Language) {
  return (await import("~/infra/i18n.server")).translatorFor(language);
}

/** The applicant's language (English when the stored one is not offered any more) and its translator. */
export async function applicantLanguage(stored: string) {
  const language: Language = isSupportedLanguage(stored) ? stored : "en";
  return { language, t: await translatorFor(language) };
}

export async function groupNameFor(groupId: string | null, language: Language): Promise<string> {
  const group = groupId ? await db().workingGroup.findUnique({ where: { id: groupId }, select: { nameEn: true, nameFr: true } }) : null;
  return group ? (language === "fr" ? group.nameFr : group.nameEn) : "";
}

/** Mails the applicant if their contact is an email address; says whether it did. */
export async function mailApplicant(contact: string, mail: { subject: string; text: string; replyTo?: string }): Promise<boolean> {
  if (!looksLikeEmail(contact)) return false;
  await sendMail({ to: contact.trim(), ...mail });
  return true;
}
