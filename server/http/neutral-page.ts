// The default quick-exit destination: a plain, blank search page. It names nothing (no Praxis
// name, icon, stylesheet or script), asks nothing of another site, and when it is reached it
// also tells the browser to drop whatever this site kept, in case the exit's own answer was lost.
import type { Request, Response } from "express";
import type { Language } from "~/infra/i18n";
import { translatorFor } from "~/infra/i18n.server";
import { CLEAR_ALL_SITE_DATA } from "~/infra/quick-exit";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function neutralPage(languageOf: (req: Request) => Language) {
  return async (req: Request, res: Response) => {
    const lang = languageOf(req);
    const t = await translatorFor(lang);
    const searched = typeof req.query.q === "string" && req.query.q.trim() !== "";
    const nonce = res.locals.nonce as string;
    const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escape(t("exit:neutral.title"))}</title><link rel="icon" href="data:,">
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:0;padding:18vh 1rem 2rem;color:#222;background:#fff}
form{display:flex;gap:.5rem;max-width:36rem;margin:0 auto}input{flex:1;font:inherit;padding:.6rem .9rem;border:1px solid #bbb;border-radius:2rem}
button{font:inherit;padding:.6rem 1rem;border:1px solid #bbb;border-radius:2rem;background:#f5f5f5}p{max-width:36rem;margin:1.5rem auto;color:#555}</style>
</head><body><form role="search" method="get" action=""><input type="search" name="q" aria-label="${escape(t("exit:neutral.label"))}" autocomplete="off">
<button type="submit">${escape(t("exit:neutral.submit"))}</button></form>${searched ? `<p>${escape(t("exit:neutral.noResults"))}</p>` : ""}
</body></html>`;
    res.status(200).set("Cache-Control", "no-store");
    // Arriving from this site (the exit's redirect or script): drop what it kept. A link from
    // elsewhere must not be able to sign anyone out, so it gets the page alone.
    if (req.get("sec-fetch-site") === "same-origin") res.set("Clear-Site-Data", CLEAR_ALL_SITE_DATA);
    res
      .type("text/html; charset=utf-8")
      .send(html);
  };
}
