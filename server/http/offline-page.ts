// The page the service worker shows when a page cannot be reached: in both languages (it is
// cached once, whatever the member's language), naming no group, person or content.
import { readFileSync } from "node:fs";
import type { Request, Response } from "express";
import { translatorFor } from "~/infra/i18n.server";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function offlinePage() {
  return async (_req: Request, res: Response) => {
    const [en, fr] = await Promise.all([translatorFor("en"), translatorFor("fr")]);
    const nonce = res.locals.nonce as string;
    const section = (lang: "en" | "fr", t: typeof en) =>
      `<section lang="${lang}"><h1>${escape(t("offline.title"))}</h1><p>${escape(t("offline.body"))}</p><p><a href="/">${escape(t("offline.retry"))}</a></p></section>`;
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Praxis</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:0;padding:12vh 1rem 2rem;color:#1f1d24;background:#fbfaf7;line-height:1.5}
section{max-width:34rem;margin:0 auto 2rem}h1{font-size:1.4rem;margin:0 0 .5rem}a{color:#3d2c6e}</style>
</head><body>${section("en", en)}${section("fr", fr)}</body></html>`;
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
