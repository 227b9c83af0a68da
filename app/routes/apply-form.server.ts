// What /apply and /apply/<token> share on the server: the public page's data and the form post.
// (Not a route: app/routes.ts lists the routes.)
import { data, redirect } from "react-router";
import {
  checkFormGuards,
  getCurrentCall,
  isCallOpen,
  issueFormStamp,
  listGroupsForApplicants,
  readApplicationValues,
  saveApplication,
  stampToReturn,
} from "~/domain/applications.server";
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

/** Saves or submits; on any refusal answers 400 with every value as typed and a fresh stamp. */
export async function handleApplicationPost(request: Request, clientAddress: string, token: string | null) {
  const form = await request.formData();
  const values = readApplicationValues(form);
  const intent = text(form, "intent") === "submit" ? "submit" : "save-draft";
  const refuse = (error: string | undefined, fieldErrors: Record<string, string> = {}, extra: Record<string, unknown> = {}, status = 400) =>
    data({ values, fieldErrors, error: error ?? null, errorValues: extra, stamp: stampToReturn(text(form, "stamp")) }, { status });

  const guard = checkFormGuards({ address: clientAddress, honeypot: text(form, "website"), stamp: text(form, "stamp"), intent });
  if (guard) return refuse(guard.error, {}, { minutes: Math.ceil((guard.retryAfterSeconds ?? 0) / 60) }, guard.error.endsWith("rateLimited") ? 429 : 400);

  const outcome = await saveApplication({ values, token, intent, language: requestLanguage(request) });
  if (!outcome.ok) return refuse(outcome.error, outcome.fieldErrors);
  return redirect(`/apply/${outcome.token}?${outcome.submitted ? "sent" : "saved"}=1`, { status: 303 });
}
