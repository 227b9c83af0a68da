// The frame around every page: skip link, brand, primary navigation, language switch, account.
import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState } from "react";
import { Form, useLocation } from "react-router";
import { NavLink } from "~/ui/link";
import type { Language } from "~/infra/i18n";
import { NOTIFICATION_COUNT_EVENT } from "~/islands/live/badge";
import { Icon } from "./icon";
import { QuickExit } from "./quick-exit";

interface ShellViewer {
  displayName: string;
  canSeeMel: boolean;
  canManagePeople: boolean;
  canSeeApplications: boolean;
  unreadNotifications: number;
}

/**
 * The unread-notification count, live through the island (app/islands/live/badge.ts): on light
 * pages it writes the count into every [data-live-badge] itself; on pages that hydrate it sends
 * a window event.
 */
function useUnreadCount(initial: number): number {
  const [count, setCount] = useState(initial);
  useEffect(() => setCount(initial), [initial]);
  useEffect(() => {
    const update = (event: Event) => setCount(Number((event as CustomEvent<number>).detail) || 0);
    window.addEventListener(NOTIFICATION_COUNT_EVENT, update);
    return () => window.removeEventListener(NOTIFICATION_COUNT_EVENT, update);
  }, []);
  return count;
}

function UnreadBadge({ count, testId }: { count: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge--nav" data-live-badge hidden={count <= 0}>
      <span data-testid={testId} data-count>{count}</span>
      <span className="visually-hidden"> {t("nav.unread")}</span>
    </span>
  );
}

/** The link's name starts with what it shows ("Notifications 2 unread"), as WCAG 2.5.3 asks. */
function NotificationsLink({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <NavLink to="/notifications">
      {t("nav.notifications")}
      <UnreadBadge count={count} testId="notification-count" />
    </NavLink>
  );
}

/**
 * The primary navigation is one <details> disclosure: on a phone its summary ("Menu", with the
 * unread badge) opens the full list, natively, with or without JavaScript, by keyboard too; on a
 * wider screen the stylesheet hides the summary and always shows the list (::details-content).
 * A browser without ::details-content keeps the disclosure at every width, still usable.
 */
function MainNav({ viewer }: { viewer: ShellViewer }) {
  const { t } = useTranslation();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const count = useUnreadCount(viewer.unreadNotifications);
  // After an in-app navigation the shell stays; close the menu so the new page is in view.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);
  return (
    <nav className="mainnav" aria-label={t("nav.label")}>
      <details className="mainnav__menu" ref={menu}>
        <summary className="mainnav__toggle">
          <span className="mainnav__burger" aria-hidden="true" />
          {t("nav.menu")}
          <UnreadBadge count={count} testId="menu-notification-count" />
        </summary>
        <ul>
          <li><NavLink to="/" end>{t("nav.home")}</NavLink></li>
          <li><NavLink to="/community">{t("nav.community")}</NavLink></li>
          <li><NavLink to="/library">{t("nav.library")}</NavLink></li>
          <li><NavLink to="/meetings">{t("nav.meetings")}</NavLink></li>
          <li><NavLink to="/publications">{t("nav.publications")}</NavLink></li>
          {viewer.canSeeMel ? <li><NavLink to="/mel">{t("nav.mel")}</NavLink></li> : null}
          {viewer.canManagePeople ? <li><NavLink to="/people">{t("nav.people")}</NavLink></li> : null}
          <li><NotificationsLink count={count} /></li>
          {viewer.canSeeApplications ? <li><NavLink to="/applications">{t("applications:nav")}</NavLink></li> : null}
          <li><NavLink to="/settings">{t("nav.settings")}</NavLink></li>
        </ul>
      </details>
    </nav>
  );
}

export function AppShell({
  viewer,
  language,
  quickExitUrl,
  children,
}: {
  viewer: ShellViewer | null;
  language: Language;
  quickExitUrl: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const switchTo = language === "en" ? "fr" : "en";
  const params = new URLSearchParams(location.search);
  params.set("lng", switchTo);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <QuickExit language={language} to={quickExitUrl} signedOut={!viewer} />
      <header className="topbar">
        <div className="topbar__inner">
          <a className="brand" href="/" aria-label={t("nav.homeLabel")}>
            <Icon name="logo" />
            <span>Praxis</span>
          </a>
          <div className="topbar__tools">
            <a className="lang-switch" href={`${location.pathname}?${params}`} hrefLang={switchTo} lang={switchTo}>
              {t(`language.switchTo.${switchTo}`)}
            </a>
            {viewer ? (
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="button button--quiet">
                  {t("nav.signOut")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        {viewer ? <MainNav viewer={viewer} /> : null}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>{t("footer.privacy")}</p>
      </footer>
    </>
  );
}
