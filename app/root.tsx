// The document: language, navigation, translations and the error page every route falls back to.
import { I18nextProvider } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  redirect,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { setLocale } from "./domain/accounts.server";
import { canReviewApplications } from "./domain/applications/reviewers.server";
import { getViewer } from "./web/auth.server";
import { badgeCount } from "./domain/notifications.server";
import { can, memberGroupIds } from "./domain/permissions";
import * as checkInPolicy from "./domain/policies/checkins";
import { env } from "./infra/env.server";
import { safeRedirectPath } from "./infra/safe-redirect";
import { parseCookies, serializeCookie } from "./infra/cookies.server";
import { chooseLanguage, isSupportedLanguage, LANGUAGE_COOKIE, type Language } from "./infra/i18n";
import { translationBundle } from "./infra/i18n.server";
import { zoneOrUtc } from "./infra/time-zones";
import { useI18nInstance } from "./infra/i18n-react";
import { AppShell } from "./ui/app-shell";
import { PlainLinks } from "./ui/link";
import { useNonce } from "./ui/nonce";
import { QuickExit, QuickExitScript } from "./ui/quick-exit";
import errorsEn from "../locales/en/errors.json";
import errorsFr from "../locales/fr/errors.json";
import stylesheet from "./styles/app.css?url";
import { dataSaverChoice } from "~/domain/offline-pack.server";

const dataSaverState = (value: boolean | null) => (value === null ? "unset" : value ? "on" : "off");


export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const viewer = await getViewer(request);

  // ?lng=fr on any page switches language, remembers it, and returns to the clean address.
  const requested = url.searchParams.get("lng");
  if (requested !== null) {
    url.searchParams.delete("lng");
    const headers = new Headers();
    if (isSupportedLanguage(requested)) {
      headers.append("Set-Cookie", serializeCookie(LANGUAGE_COOKIE, requested, { maxAgeSeconds: 365 * 24 * 3600 }));
      if (viewer) await setLocale(viewer.user.id, requested);
    }
    throw redirect(safeRedirectPath(url.pathname + url.search), { headers });
  }

  const language = chooseLanguage({
    memberPreference: viewer?.user.locale,
    cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE],
    acceptLanguage: request.headers.get("accept-language"),
  });
  const user = viewer?.user;
  return data({
    language,
    translationsScript: translationBundle(language).path,
    // By its current name (rows from before may hold an old alias), UTC when there is none.
    timeZone: zoneOrUtc(user?.timeZone),
    quickExitUrl: env().QUICK_EXIT_URL,
    // The live island (badge, discussions) on every signed-in page; see app/islands/live.ts.
    liveScript: user ? (context.islands.live ?? null) : null,
    serviceWorker: Boolean(context.islands.serviceWorker),
    // Data saver: "on", "off", or "unset" (a device on a slow connection may turn it on).
    dataSaver: user ? dataSaverState(await dataSaverChoice(user.id)) : undefined,
    viewer: user
      ? {
          id: user.id,
          displayName: user.displayName,
          canSeeMel: checkInPolicy.followsAnyCheckIns(user, memberGroupIds(user)),
          canManagePeople: can(user, "people.manage"),
          unreadNotifications: await badgeCount(user),
          canSeeApplications: await canReviewApplications(user),
        }
      : null,
  });
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData(): RootData {
  return useRouteLoaderData("root") as RootData;
}

/**
 * A route that is read, not used, sets `handle = { hydrate: false }` and ships no app bundle
 * (see ui/light-page: it also makes links from hydrated pages load it as a document).
 */
function useShipsJavaScript(): boolean {
  return !useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

/** Whether the live island belongs on this page (a published text sets `live: false`). */
function useWantsLive(): boolean {
  return !useMatches().some((match) => (match.handle as { live?: boolean } | undefined)?.live === false);
}

/** The root loader's choice; on an error page thrown before it ran, the language the error carries. */
function pageLanguage(root: RootData | undefined, error: unknown): Language {
  const told = isRouteErrorResponse(error) ? (error.data as { language?: unknown } | null)?.language : undefined;
  return root?.language ?? (typeof told === "string" && isSupportedLanguage(told) ? told : "en");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const error = useRouteError();
  const nonce = useNonce();
  const shipsJavaScript = useShipsJavaScript();
  const wantsLive = useWantsLive();
  return (
    <html lang={pageLanguage(root, error)} dir="ltr" data-hydrates={shipsJavaScript ? "" : undefined} data-service-worker={root?.serviceWorker ? "" : undefined} data-data-saver={root?.dataSaver}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        {/* With a precedence React manages these as resources, so the module preloads it hoists
            into <head> cannot upset hydration. */}
        <link rel="stylesheet" href={stylesheet} precedence="default" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <Links nonce={nonce} />
      </head>
      <body>
        <PlainLinks.Provider value={!shipsJavaScript}>{children}</PlainLinks.Provider>
        {/* On every page, those that ship no JavaScript too: quick exit and Escape ×3. */}
        <QuickExitScript nonce={nonce} />
        {root?.liveScript && wantsLive ? <script type="module" src={root.liveScript} nonce={nonce} /> : null}
        {shipsJavaScript ? (
          <>
            {root ? <script src={root.translationsScript} nonce={nonce} /> : null}
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

/**
 * The badge's count: the root reads it beside the page's loader, so a page that has just marked
 * notifications read (a thread, a meeting) gives the count after marking as `unreadNotifications`.
 */
function useUnreadAfterPage<T extends { unreadNotifications: number } | null | undefined>(viewer: T): T {
  const matches = useMatches();
  if (!viewer) return viewer;
  for (const match of [...matches].reverse()) {
    const fresher = (match.data as { unreadNotifications?: unknown } | undefined)?.unreadNotifications;
    if (typeof fresher === "number") return { ...viewer, unreadNotifications: fresher };
  }
  return viewer;
}

export default function App({ loaderData }: Route.ComponentProps) {
  const i18n = useI18nInstance(loaderData.language, loaderData.translationsScript);
  const viewer = useUnreadAfterPage(loaderData.viewer);
  return (
    <I18nextProvider i18n={i18n}>
      <AppShell viewer={viewer} language={loaderData.language} quickExitUrl={loaderData.quickExitUrl}>
        <Outlet />
      </AppShell>
    </I18nextProvider>
  );
}

const errorStrings = { en: errorsEn, fr: errorsFr } as const;

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const language = pageLanguage(root, error);
  const strings = errorStrings[language];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind =
    status === 404 ? strings.notFound : status === 403 ? strings.forbidden : status === 415 ? strings.unsupported : status >= 400 && status < 500 ? strings.badRequest : strings.unexpected;
  const { title, body } = kind;
  return (
    <>
    <QuickExit language={language} to={root?.quickExitUrl} />
    <main className="error-page" id="main">
      <p className="error-page__code">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{strings.home}</a>
      </p>
    </main>
    </>
  );
}

export function meta() {
  return [{ title: "Praxis" }];
}

