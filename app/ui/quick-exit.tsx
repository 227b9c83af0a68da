// "Exit this page" (after GOV.UK's component): a warning button at the top of every page that
// stays in view. Without JavaScript it is a plain form posting to /exit; the inline script
// (infra/quick-exit) makes it, and Escape pressed three times, leave at once.
import exitEn from "../../locales/en/exit.json";
import exitFr from "../../locales/fr/exit.json";
import { NEUTRAL_PAGE_PATH, QUICK_EXIT_SCRIPT } from "~/infra/quick-exit";
import type { Language } from "~/infra/i18n";

// Imported directly (not through i18next) so the error page, outside the app, has it too.
const strings = { en: exitEn, fr: exitFr } as const;

export function QuickExit({ language, to, signedOut }: { language: Language; to?: string; signedOut?: boolean }) {
  const s = strings[language];
  return (
    <form
      method="post"
      action="/exit"
      id="quick-exit"
      className="quick-exit"
      data-to={to ?? NEUTRAL_PAGE_PATH}
      data-left1={s.left1}
      data-left2={s.left2}
      data-signed-out={signedOut ? "" : undefined}
    >
      <button type="submit" className="quick-exit__button">
        <span className="visually-hidden">{s.emergency} </span>
        {s.button}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite" />
    </form>
  );
}

/**
 * The script runs once, as the server sent it; the browser bundle leaves its text out (React keeps
 * the server's element as it is while hydrating), so pages that hydrate carry it only once.
 */
export function QuickExitScript({ nonce }: { nonce: string }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: import.meta.env.SSR ? QUICK_EXIT_SCRIPT : "" }} />;
}
