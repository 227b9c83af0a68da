// The service worker: installable, and honest when offline. It keeps the hashed static assets
// (cached for good, they never change) and one offline page naming nothing; it never keeps a
// page a member read, because a seized phone must not hold the group's words in its caches.
// What a member's own device keeps to read offline is the pack (pack island): sealed in
// IndexedDB, opened by the offline page with the session's key, never in these caches.
// Quick exit, sign-out elsewhere and revocation clear it all (Clear-Site-Data "storage").
// Typed by hand: the webworker library cannot share this project's DOM typings.

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const CACHE = "praxis-shell-v1";
const OFFLINE_PATH = "/offline";

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        await cache.add(OFFLINE_PATH);
        // The pack island the offline page loads, and the chunks it imports, must be here offline.
        const page = await (await cache.match(OFFLINE_PATH))?.text();
        const scripts = [...(page ?? "").matchAll(/src="(\/assets\/islands\/[^"]+\.js)"/g)].map((m) => m[1]);
        for (const script of scripts) {
          const response = await fetch(script);
          if (!response.ok) continue;
          const body = await response.clone().text();
          await cache.put(script, response);
          const imported = [...body.matchAll(/["'](\.\/[\w.-]+\.js)["']/g)].map((m) => new URL(m[1], new URL(script, worker.location.origin)).pathname);
          await Promise.all(imported.map((path) => cache.add(path).catch(() => undefined)));
        }
      })
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

const isStatic = (url: URL) => url.pathname.startsWith("/assets/") || url.pathname.startsWith("/i18n/");

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  // A form sent as the connection drops: the offline page (whose outbox holds the text on an
  // own device) rather than the browser's error.
  if (request.method === "POST" && request.mode === "navigate") {
    event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE_PATH)) ?? Response.error()));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE_PATH)) ?? Response.error()));
  } else if (isStatic(url)) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
