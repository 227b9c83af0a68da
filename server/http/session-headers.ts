// Headers that follow from the request's session, set as the answer leaves:
// - a page for a signed-in member is never stored (Back after leaving shows nothing readable);
// - a session cookie that no longer opens a session (revoked from another device, expired, ended
//   by a password change) is cleared, and the device told to drop this site's storage and cache,
//   so its offline document copies and own-device flag go exactly as at sign-out.
import type { NextFunction, Request, Response } from "express";
import { clearedSessionCookie, sessionCookieName } from "~/infra/cookies.server";
import { CLEAR_SESSION_SITE_DATA } from "~/infra/quick-exit";
import { runInRequestScope, type RequestScope } from "~/infra/request-scope.server";

function isPage(req: Request, res: Response): boolean {
  const type = String(res.getHeader("content-type") ?? "");
  // Documents, and the data React Router fetches for a page on client-side navigation.
  return type.startsWith("text/html") || req.path.endsWith(".data");
}

function setsSessionCookie(res: Response): boolean {
  const cookies = res.getHeader("set-cookie");
  const list = Array.isArray(cookies) ? cookies : cookies === undefined ? [] : [String(cookies)];
  return list.some((line) => line.startsWith(`${sessionCookieName()}=`));
}

export function sessionHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    const scope: RequestScope = { readOnly: req.method === "GET" || req.method === "HEAD" };
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      if (scope.session === "valid" && isPage(req, res)) {
        res.setHeader("Cache-Control", "no-store");
      } else if (scope.session === "refused") {
        res.setHeader("Cache-Control", "no-store");
        if (!res.hasHeader("clear-site-data")) res.setHeader("Clear-Site-Data", CLEAR_SESSION_SITE_DATA);
        // Unless this answer already gives a new session (signing in again over a stale cookie).
        if (!setsSessionCookie(res)) res.appendHeader("Set-Cookie", clearedSessionCookie());
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    runInRequestScope(scope, next);
  };
}
