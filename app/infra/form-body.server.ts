// Reading a form is reading the client's bytes: a body that is not a form (no content type,
// text/plain, JSON) or a broken one (multipart cut short, no boundary, a part without its
// Content-Disposition) is the client's mistake and answers 415/400 with the translated error
// page, never 500. Installed once for the server, so every route action's request.formData()
// (and request.clone().formData()) is covered without each route having to remember.

import { parseCookies } from "./cookies.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "./i18n";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The Response a route throws for a body it cannot read as a form. The ErrorBoundary renders it;
 * it carries the reader's language because the root loader does not run after a failed action.
 */
export function unreadableForm(request: Request): Response {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const language = chooseLanguage({ cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE], acceptLanguage: request.headers.get("accept-language") });
  return FORM_TYPES.includes(type)
    ? Response.json({ language }, { status: 400, statusText: "Bad Request" })
    : Response.json({ language }, { status: 415, statusText: "Unsupported Media Type" });
}

let installed = false;

export function guardFormBodies() {
  if (installed) return;
  installed = true;
  const formData = Request.prototype.formData;
  // formData() only ever fails on the body itself, so its failure is always a client error.
  Request.prototype.formData = async function guardedFormData(this: Request) {
    const type = (this.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!FORM_TYPES.includes(type)) throw unreadableForm(this);
    try {
      return await formData.call(this);
    } catch {
      throw unreadableForm(this);
    }
  } as typeof Request.prototype.formData;
}
