// Light pages: rendered on the server, complete with links and plain forms, shipping no app
// bundle (only the small live island, see app/islands/). A route becomes one with
//   export const handle = lightPage;
//   export const clientLoader = loadAsDocument;
// The second line matters when a page that does hydrate links to it: the router would render
// it in the browser, where its live parts (wired by the island on page load) would be missing,
// so the browser loads it as a fresh document instead.

export const lightPage = { hydrate: false } as const;

/** A light page with nothing live on it (a published text): not even the island is loaded. */
export const staticPage = { hydrate: false, live: false } as const;

export function loadAsDocument({ request }: { request: Request }): Promise<never> {
  window.location.assign(request.url);
  // The browser is leaving; the router waits for the new document rather than rendering.
  return new Promise<never>(() => {});
}
