// Interviews: the coordinator offers a slot in their own zone; it is stored in UTC and reaches
// the applicant by mail (if they gave an address) and on their status page.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { canonicalTimeZone, isValidTimeZone } from "~/infra/time-zones";
import { recordAudit } from "../audit.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse, type Result } from "../result";
import { applicantLanguage, mailApplicant } from "./applicant-mail.server";
import { formatZonedForMail, zonedTimeToUtc } from "./zoned-time";

export const interviewSchema = z.object({
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "applications:interview.timeInvalid"),
  // Stored by its current name, whichever alias the picker sent (Asia/Calcutta → Asia/Kolkata).
  timeZone: z.string().refine(isValidTimeZone, "applications:interview.zoneInvalid").transform((zone) => canonicalTimeZone(zone) ?? zone),
  minutes: z.coerce.number({ message: "applications:interview.minutesInvalid" }).int("applications:interview.minutesInvalid").min(10, "applications:interview.minutesInvalid").max(180, "applications:interview.minutesInvalid"),
  url: z.union([z.literal(""), z.string().trim().url("applications:interview.urlInvalid").max(500, "applications:interview.urlInvalid")]).default(""),
});

/** Offers an interview slot; says whether the applicant was mailed. */
export async function inviteToInterview(actor: Actor, applicationId: string, input: z.infer<typeof interviewSchema>): Promise<Result<{ mailed: boolean }>> {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const row = await db().application.findFirst({ where: { id: applicationId, stage: { not: "draft" }, erasedAt: null }, select: { id: true, reference: true, contact: true, language: true, outcomeSentAt: true, call: { select: { interviewReplyTo: true } } } });
  if (!row) return refuse.notFound("applications:review.notFound");
  if (row.outcomeSentAt) return refuse.conflict("applications:decision.alreadySent");
  const at = zonedTimeToUtc(input.startsAt, input.timeZone);
  if (!at) return refuse.invalid("applications:interview.timeInvalid", "startsAt");
  if (at.getTime() <= Date.now()) return refuse.invalid("applications:interview.inPast", "startsAt");
  await db().application.update({
    where: { id: row.id },
    data: { stage: "interview", interviewAt: at, interviewMinutes: input.minutes, interviewTimeZone: input.timeZone, interviewUrl: input.url, decidedAt: null },
  });
  await recordAudit({ actorId: actor.id, action: "application.interview", objectType: "application", objectId: row.id, data: { at: at.toISOString() } });
  const { language, t } = await applicantLanguage(row.language);
  const mailed = await mailApplicant(row.contact, {
    subject: t("applications:mail.interviewSubject", { reference: row.reference }),
    text: t("applications:mail.interviewBody", {
      reference: row.reference,
      when: formatZonedForMail(at, input.timeZone, language),
      minutes: input.minutes,
      url: input.url || t("applications:mail.linkLater"),
      statusNote: t("applications:mail.statusNote"),
    }),
    // The applicant's answer goes to the person the coordinator named, not to Praxis.
    replyTo: row.call.interviewReplyTo || undefined,
  });
  return ok({ mailed });
}
