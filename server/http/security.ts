// HTTP safety: a fresh CSP nonce per request, strict headers, and refusal of cross-site writes.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export function securityHeaders(options: { isDev: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    const connect = ["'self'"];
    // Vite's dev server pushes modules over its own websocket.
    if (options.isDev) connect.push("ws:");
    const policy = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${options.isDev ? " 'unsafe-eval'" : ""}`,
      // The co-editor's carets colour themselves with style attributes; no script can run from CSS.
      `style-src 'self'${options.isDev ? " 'unsafe-inline'" : ` 'nonce-${nonce}'`}`,
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src ${connect.join(" ")}`,
      "media-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "frame-src 'none'",
      "worker-src 'self' blob:",
      "manifest-src 'self'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", policy);
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers send
 * Sec-Fetch-Site (and Origin on POST); programs without them (tests, scripts) are judged by
 * what they do send.
 */
export function refuseCrossSiteWrites(messageFor: (req: Request) => Promise<string>) {
  async function refuse(req: Request, res: Response) {
    res.status(403).type("text/plain; charset=utf-8").send(await messageFor(req));
  }
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return refuse(req, res);
    const origin = req.get("origin");
    if (origin && origin !== "null") {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        return refuse(req, res);
      }
      if (host !== req.get("host")) return refuse(req, res);
    } else if (origin === "null") {
      // Under Referrer-Policy: no-referrer, Chromium sends "Origin: null" on a plain (JavaScript
      // off) form post to our own site. Sec-Fetch-Site, which pages cannot forge, says whether it
      // was really ours; if so, drop the opaque Origin so later checks see a same-site post.
      if (site !== "same-origin") return refuse(req, res);
      delete req.headers.origin;
    }
    next();
  };
}

