// The page the service worker shows when a page cannot be reached: in both languages (it is
// cached once, whatever the member's language), naming no group, person or content. On a
// device its member marked as their own, the pack island lists and opens the offline reading
// pack here, decrypted in the page (nothing of it is in this cached HTML).
import { readFileSync } from "node:fs";
import type { Request, Response } from "express";
import { translatorFor } from "~/infra/i18n.server";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function offlinePage(packScript?: string) {
  return async (_req: Request, res: Response) => {
    const [en, fr] = await Promise.all([translatorFor("en"), translatorFor("fr")]);
    const nonce = res.locals.nonce as string;
    const section = (lang: "en" | "fr", t: typeof en) =>
      `<section lang="${lang}"><h1>${escape(t("offline.title"))}</h1><p>${escape(t("offline.body"))}</p><p><a href="/">${escape(t("offline.retry"))}</a></p></section>`;
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Praxis</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:0;padding:12vh 1rem 2rem;color:#1f1d24;background:#fbfaf7;line-height:1.5}
section,main{max-width:34rem;margin:0 auto 2rem}h1{font-size:1.4rem;margin:0 0 .5rem}h2{font-size:1.15rem}a{color:#3d2c6e}
.pack-meta,.muted{color:#55505e;font-size:.9rem}.link-button{font:inherit;color:#3d2c6e;background:none;border:0;padding:.25rem 0;text-decoration:underline;cursor:pointer;text-align:left}
.button{font:inherit;padding:.4rem .8rem;margin:.25rem .5rem .25rem 0;border:1px solid #3d2c6e;border-radius:4px;background:#fff;color:#3d2c6e}
textarea{width:100%;font:inherit}:focus-visible{outline:3px solid #3d2c6e;outline-offset:2px}article{border-top:1px solid #ddd;padding-top:.5rem}
@media (prefers-color-scheme:dark){body{background:#17151b;color:#eeeaf2}a,.link-button{color:#c9b8ff}.pack-meta,.muted{color:#bdb6c6}.button{background:#17151b;color:#c9b8ff;border-color:#c9b8ff}}</style>
</head><body>${section("en", en)}${section("fr", fr)}<main id="pack-reader" hidden></main>${packScript ? `<script type="module" src="${escape(packScript)}" nonce="${nonce}"></script>` : ""}</body></html>`;
    res.status(200).set("Cache-Control", "no-cache").type("text/html; charset=utf-8").send(html);
  };
}

/** The service worker, from the islands build, served at the root so its scope is the site. */
export function serviceWorkerScript(clientDir: string, builtPath: string | undefined) {
  const body = builtPath ? readFileSync(`${clientDir}${builtPath}`, "utf8") : null;
  return (_req: Request, res: Response) => {
    if (!body) return res.status(404).end();
    res.set("Cache-Control", "no-cache").type("text/javascript; charset=utf-8").send(body);
  };
}
