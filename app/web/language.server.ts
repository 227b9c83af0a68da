// The language a request is answered in, for loaders that prepare translated data themselves.
import { parseCookies } from "~/infra/cookies.server";
import { chooseLanguage, LANGUAGE_COOKIE, type Language } from "~/infra/i18n";

export function requestLanguage(request: Request, member?: { locale: string | null } | null): Language {
  return chooseLanguage({
    memberPreference: member?.locale,
    cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE],
    acceptLanguage: request.headers.get("accept-language"),
  });
}
