// The Praxis application, bundled with the React Router build: HTTP (Express + SSR), Socket.IO
// and the Yjs endpoint, attached to the one http.Server that server/index.ts created.
import { readdirSync } from "node:fs";
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { ServerBuild } from "react-router";
import { disconnectDb, isDatabaseReachable } from "~/infra/db.server";
import { closeRateLimits } from "~/infra/rate-limit.server";
import { env } from "~/infra/env.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "~/infra/i18n";
import { translationBundle, translatorFor } from "~/infra/i18n.server";
import { parseCookies } from "~/infra/cookies.server";
import { guardFormBodies } from "~/infra/form-body.server";
import { NEUTRAL_PAGE_PATH } from "~/infra/quick-exit";
import { describeError, log, redactPath } from "~/infra/log.server";
import { databasePersistence } from "./collab/database-persistence";
import { attachCollab } from "./collab/index";
import { neutralPage } from "./http/neutral-page";
import { offlinePage, serviceWorkerScript } from "./http/offline-page";
import { startJobs } from "./jobs";
import { refuseCrossSiteWrites, securityHeaders } from "./http/security";
import { sessionHeaders } from "./http/session-headers";
import { attachRealtime } from "./realtime/index";
import { islandScripts } from "./http/islands";
import { startInboundMail } from "./mail/inbound";

// Preparing the database runs from the bundle too: one copy of the domain and one Prisma client
// in the process, not a second set compiled by tsx for the start-up alone (about 100 MB).
export { prepareDatabase, seedDemo } from "../prisma/seed";
export { DEMO_ACCOUNTS } from "../prisma/demo/accounts";

export async function hasDemoAccounts(username: string): Promise<boolean> {
  const { db } = await import("~/infra/db.server");
  return (await db().user.count({ where: { username } })) > 0;
}

declare module "react-router" {
  interface AppLoadContext {
    nonce: string;
    clientAddress: string;
    /** Island name → script URL (see app/islands/ and vite.islands.config.ts). */
    islands: Record<string, string>;
  }
}

export interface PraxisOptions {
  httpServer: HttpServer;
  /** Dev only: Vite's connect middlewares, which serve modules and HMR. */
  viteMiddlewares?: express.RequestHandler;
  /** Production: where the built browser assets are. */
  clientDir?: string;
}

function requestLanguage(req: Request) {
  return chooseLanguage({ cookie: parseCookies(req.headers.cookie)[LANGUAGE_COOKIE], acceptLanguage: req.headers["accept-language"] });
}

async function requestLanguageT(req: Request) {
  return translatorFor(requestLanguage(req));
}

function clientErrorStatus(error: unknown): number | null {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return status;
  return error instanceof URIError ? 400 : null;
}

export async function createPraxis(options: PraxisOptions) {
  const config = env();
  guardFormBodies();
  const isDev = Boolean(options.viteMiddlewares);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/assets/") || req.path.startsWith("/@")) return;
      log("info", "request", {
        method: req.method,
        path: redactPath(req.path),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });

  app.get("/healthz", async (_req, res) => {
    const ok = await isDatabaseReachable();
    res.status(ok ? 200 : 503).set("Cache-Control", "no-store").json({ status: ok ? "ok" : "unavailable" });
  });

  app.use(compression());
  app.use(securityHeaders({ isDev }));
  app.use(refuseCrossSiteWrites(async (req) => (await requestLanguageT(req))("errors.crossSite")));

  // The browser's translations, one immutable file per language and version (see i18n.server).
  app.get("/i18n/:file", (req, res, next) => {
    const match = /^(en|fr)\.([0-9a-f]{12})\.js$/.exec(req.params.file);
    if (!match) return next();
    const bundle = translationBundle(match[1] as "en" | "fr");
    if (bundle.version !== match[2]) return res.redirect(302, bundle.path);
    res.set("Cache-Control", "public, max-age=31536000, immutable").type("text/javascript; charset=utf-8").send(bundle.body);
  });

  // The default quick-exit destination: a blank search page that names nothing.
  app.get(NEUTRAL_PAGE_PATH, neutralPage(requestLanguage));
  // What the service worker shows offline, and the worker itself (production only).
  const islands = islandScripts(options.clientDir);
  app.get("/offline", offlinePage(islands.pack));
  if (options.clientDir) app.get("/sw.js", serviceWorkerScript(options.clientDir, islands.serviceWorker));

  if (options.viteMiddlewares) {
    app.use(options.viteMiddlewares);
  } else if (options.clientDir) {
    // Hashed file names never change: cache them for a year, saving phones the bytes.
    app.use("/assets", express.static(`${options.clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    // The few other public files (favicon, manifest): asked of the disk only for their names, so
    // a page view costs no failed stat.
    const publicEntries = new Set(readdirSync(options.clientDir));
    const publicFiles = express.static(options.clientDir, { maxAge: "1h", index: false });
    app.use((req, res, next) => (publicEntries.has(req.path.split("/")[1] ?? "") ? publicFiles(req, res, next) : next()));
  }

  const build = () => import("virtual:react-router/server-build") as Promise<ServerBuild>;
  app.all(
    "/{*path}",
    sessionHeaders(),
    createRequestHandler({
      build: isDev ? build : await build(),
      mode: isDev ? "development" : "production",
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientAddress: req.ip ?? "unknown", islands }),
    }),
  );

  // Last resort: never a stack trace on the page.
  app.use(async (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Express and its body/path parsers mark what the client got wrong (e.g. a malformed
    // percent-encoded path) with a 4xx status: answer that, not 500.
    const status = clientErrorStatus(error);
    if (!status) log("error", "unhandled error", { path: redactPath(req.path), ...describeError(error) });
    if (res.headersSent) return res.end();
    const t = await requestLanguageT(req);
    res.status(status ?? 500).type("text/plain; charset=utf-8").send(t(status ? "errors.badRequest" : "errors.unexpected"));
  });

  // An upgrade nobody routes would hang open; Vite's HMR has its own in development.
  if (!isDev) {
    options.httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
      const path = req.url ?? "/";
      if (path.startsWith("/yjs/") || path.startsWith("/socket.io/")) return;
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    });
  }

  const realtime = await attachRealtime(options.httpServer, { redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, websocketOnly: config.PRAXIS_PROCESSES > 1 });
  // Held-back mail, digests and applicants' data erasure (see jobs.ts).
  const jobs = startJobs();
  const collab = await attachCollab(options.httpServer, {
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    persistence: databasePersistence(),
    limits: {
      connectionsPerMember: config.COLLAB_CONNECTIONS_PER_MEMBER,
      connectionsPerDocument: config.COLLAB_CONNECTIONS_PER_DOCUMENT,
      messagesPerSecond: config.COLLAB_MESSAGES_PER_SECOND,
      burst: 4 * config.COLLAB_MESSAGES_PER_SECOND,
    },
    versions: { activityMs: config.DOCUMENT_AUTO_VERSION_MINUTES * 60_000 },
  });

  // Replies by email (off unless SMTP_INBOUND_PORT is set); after realtime, so posts fan out.
  const inboundMail =
    config.SMTP_INBOUND_PORT === undefined ? null : await startInboundMail({ port: config.SMTP_INBOUND_PORT, host: config.HOST, maxBytes: config.MAIL_INBOUND_MAX_KB * 1024 });
  if (inboundMail) process.stdout.write(`Praxis receives mail on port ${inboundMail.port}\n`);

  return {
    app,
    realtime,
    collab,
    /** After the HTTP server has drained: inbound mail, jobs, stored document updates, sockets, connections. */
    async close() {
      await inboundMail?.close();
      await jobs.stop();
      await collab.close();
      await realtime.close();
      await closeRateLimits();
      await disconnectDb();
    },
  };
}
