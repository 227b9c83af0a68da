// The app's links. On a page that ships no JavaScript (ui/light-page) a link is only an address:
// it is written as a plain <a>, which the server renders for a fraction of what React Router's
// Link costs (resolving the path, discovery attributes, click handlers that never run). Pages
// that hydrate keep React Router's links, on the server and in the browser alike.
import { createContext, useContext, type ComponentProps } from "react";
import { Link as RouterLink, NavLink as RouterNavLink, useLocation } from "react-router";

/** True inside a page that ships no JavaScript; the root layout provides it. */
export const PlainLinks = createContext(false);

type LinkProps = ComponentProps<typeof RouterLink>;
type NavLinkProps = ComponentProps<typeof RouterNavLink>;

/**
 * An address the browser resolves as React Router would: absolute, or another query of this page.
 * (A bare "#fragment" is not: React Router drops the page's query from it, the browser keeps it.)
 */
function plainHref(to: LinkProps["to"]): string | null {
  return typeof to === "string" && (to.startsWith("/") || to.startsWith("?")) ? to : null;
}

export function Link(props: LinkProps) {
  const plain = useContext(PlainLinks);
  const href = plain ? plainHref(props.to) : null;
  if (href === null) return <RouterLink {...props} />;
  const { to: _to, discover: _discover, prefetch: _prefetch, reloadDocument: _reload, replace: _replace, state: _state, preventScrollReset: _scroll, relative: _relative, viewTransition: _transition, ...anchor } = props;
  return <a href={href} {...anchor} />;
}

/** A navigation link: aria-current="page" and the "active" class where the reader is, as React Router's. */
export function NavLink(props: NavLinkProps) {
  const plain = useContext(PlainLinks);
  const { pathname } = useLocation();
  const href = plain ? plainHref(props.to) : null;
  const { to: _to, end, caseSensitive: _case, discover: _discover, prefetch: _prefetch, reloadDocument: _reload, replace: _replace, state: _state, preventScrollReset: _scroll, relative: _relative, viewTransition: _transition, className, style, children, "aria-current": current = "page", ...anchor } = props;
  // What depends on the link's state (functions of it) is React Router's to render.
  if (href === null || typeof className === "function" || typeof style === "function" || typeof children === "function") return <RouterNavLink {...props} />;
  const path = href.split(/[?#]/)[0];
  const active = pathname === path || (!end && path !== "/" && pathname.startsWith(path) && pathname.charAt(path.length) === "/");
  return (
    <a href={href} {...anchor} style={style} className={[className, active ? "active" : null].filter(Boolean).join(" ") || undefined} aria-current={active ? current : undefined}>
      {children}
    </a>
  );
}
