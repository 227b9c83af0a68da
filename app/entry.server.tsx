// Server rendering: streams HTML, waits for everything for bots, and passes the request's CSP
// nonce to every script React Router emits.
import { Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { AppLoadContext, EntryContext } from "react-router";
import { isRouteErrorResponse, ServerRouter } from "react-router";
import { resources } from "./infra/i18n.server";
import { ServerResourcesProvider } from "./infra/i18n-react";
import { NonceProvider } from "./ui/nonce";

export const streamTimeout = 5_000;

/**
 * React writes a page in 4 KB pieces, and React Router flushes the compressor after each piece
 * it forwards: a 17 KB thread cost five deflate flushes and five socket writes. This passes on
 * what React wrote within one turn of the event loop as one piece (the whole shell, usually),
 * so a page still streams whatever a Suspense boundary sends later.
 */
function coalescedChunks(): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (pending.length) stream.push(Buffer.concat(pending));
          pending = [];
        });
      }
      done();
    },
    flush(done) {
      done(null, pending.length ? Buffer.concat(pending) : undefined);
      pending = [];
    },
  });
  return stream;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    const nonce = loadContext.nonce;

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerResourcesProvider value={resources}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </ServerResourcesProvider>
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = coalescedChunks();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-cache");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged by handleError below; nothing reaches the page.
          if (shellRendered) console.error(error instanceof Error ? error.message : error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // React Router's own answers to a request it will not serve (a method a page does not take):
  // the visitor sees the translated error page; nothing went wrong here.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level: "error",
    msg: "render error",
    path: new URL(request.url).pathname.replace(/[a-z2-7]{32,}/g, "[token]"),
    error: error instanceof Error ? error.message : String(error),
  });
  process.stderr.write(line + "\n");
}
