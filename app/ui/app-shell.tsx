// The frame around every page: skip link, brand, primary navigation, language switch, account.
import { useTranslation } from "react-i18next";
import { useEffect, useState } from "react";
import { Form, NavLink, useLocation } from "react-router";
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
 * pages it writes the count here itself; on pages that hydrate it sends a window event. The
 * link's name starts with what it shows ("Notifications 2 unread"), as WCAG 2.5.3 asks.
 */
function NotificationsLink({ initial }: { initial: number }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(initial);
  useEffect(() => setCount(initial), [initial]);
  useEffect(() => {
    const update = (event: Event) => setCount(Number((event as CustomEvent<number>).detail) || 0);
    window.addEventListener(NOTIFICATION_COUNT_EVENT, update);
    return () => window.removeEventListener(NOTIFICATION_COUNT_EVENT, update);
  }, []);
  return (
    <NavLink to="/notifications">
      {t("nav.notifications")}
      <span className="badge badge--nav" data-live-badge hidden={count <= 0}>
        <span data-testid="notification-count" data-count>{count}</span>
        <span className="visually-hidden"> {t("nav.unread")}</span>
      </span>
    </NavLink>
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
        {viewer ? (
          <nav className="mainnav" aria-label={t("nav.label")}>
            <ul>
              <li><NavLink to="/" end>{t("nav.home")}</NavLink></li>
              <li><NavLink to="/community">{t("nav.community")}</NavLink></li>
              <li><NavLink to="/library">{t("nav.library")}</NavLink></li>
              <li><NavLink to="/meetings">{t("nav.meetings")}</NavLink></li>
              <li><NavLink to="/publications">{t("nav.publications")}</NavLink></li>
              {viewer.canSeeMel ? <li><NavLink to="/mel">{t("nav.mel")}</NavLink></li> : null}
              {viewer.canManagePeople ? <li><NavLink to="/people">{t("nav.people")}</NavLink></li> : null}
              <li><NotificationsLink initial={viewer.unreadNotifications} /></li>
              {viewer.canSeeApplications ? <li><NavLink to="/applications">{t("applications:nav")}</NavLink></li> : null}
              <li><NavLink to="/settings">{t("nav.settings")}</NavLink></li>
            </ul>
          </nav>
        ) : null}
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
