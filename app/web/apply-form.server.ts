// What /apply and /apply/<token> share on the server: the public page's data and the form post.
import { data, redirect } from "react-router";
import { saveApplication, readApplicationValues } from "~/domain/applications/applicant.server";
import { getCurrentCall, isCallOpen, listGroupsForApplicants } from "~/domain/applications/call.server";
import { checkFormGuards, issueFormStamp, stampToReturn } from "~/domain/applications/submission.server";
import type { Refusal } from "~/domain/result";
import { parseCookies } from "~/infra/cookies.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "~/infra/i18n";
import { text } from "~/ui/forms";

export async function publicCallData() {
  const [call, groups] = await Promise.all([getCurrentCall(), listGroupsForApplicants()]);
  return { call, isOpen: isCallOpen(call), groups, stamp: issueFormStamp() };
}

export function requestLanguage(request: Request) {
  return chooseLanguage({ cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE], acceptLanguage: request.headers.get("accept-language") });
}

/** Saves or submits; on any refusal answers its status with every value as typed and a fresh stamp. */
export async function handleApplicationPost(request: Request, clientAddress: string, token: string | null) {
  const form = await request.formData();
  const values = readApplicationValues(form);
  const intent = text(form, "intent") === "submit" ? "submit" : "save-draft";
  const refused = (refusal: Refusal) =>
    data(
      {
        values,
        fieldErrors: refusal.fieldErrors ?? {},
        error: refusal.error as string | null,
        errorValues: (refusal.retryAfterSeconds === undefined ? {} : { minutes: Math.ceil(refusal.retryAfterSeconds / 60) }) as Record<string, unknown>,
        stamp: stampToReturn(text(form, "stamp")),
      },
      { status: refusal.status },
    );

  const guard = await checkFormGuards({ address: clientAddress, honeypot: text(form, "website"), stamp: text(form, "stamp"), intent });
  if (!guard.ok) return refused(guard);

  const saved = await saveApplication(token, { values, intent, language: requestLanguage(request) });
  if (!saved.ok) return refused(saved);
  return redirect(`/apply/${saved.value.token}?${saved.value.submitted ? "sent" : "saved"}=1`, { status: 303 });
}
