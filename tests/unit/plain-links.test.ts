// A light page writes its links as plain anchors: each must lead where React Router's link leads
// and mark the current place the same way (aria-current, the "active" class).
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { Link, NavLink, PlainLinks } from "~/ui/link";

async function markup(path: string, plain: boolean, element: ReactElement): Promise<string> {
  const routes = [{ path: "*", element: createElement(PlainLinks.Provider, { value: plain }, element) }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://praxis.test${path}`));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

/** The page's anchors as a browser follows them: the address resolved, and how each is marked. */
async function render(path: string, plain: boolean, element: ReactElement): Promise<HTMLAnchor[]> {
  const html = await markup(path, plain, element);
  return [...html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map(([, attributes, text]) => {
    const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1] ?? null;
    return { href: new URL(attribute("href")!, `http://praxis.test${path}`).href, current: attribute("aria-current"), active: (attribute("class") ?? "").split(" ").includes("active"), text };
  });
}

interface HTMLAnchor {
  href: string;
  current: string | null;
  active: boolean;
  text: string;
}

const links = () =>
  createElement(
    "nav",
    null,
    createElement(NavLink, { to: "/", end: true }, "home"),
    createElement(NavLink, { to: "/community" }, "community"),
    createElement(NavLink, { to: "/comm" }, "prefix only"),
    createElement(NavLink, { to: "/library", className: "tag" }, "library"),
    createElement(Link, { to: "/groups/care/threads/t1", className: "thread-row__title" }, "thread"),
    createElement(Link, { to: "?page=2" }, "next"),
    createElement(Link, { to: "#post-4" }, "post"),
  );

describe("plain links on light pages", () => {
  for (const path of ["/", "/community", "/community/threads/abc", "/library?tag=care", "/groups/care"]) {
    it(`lead and mark like React Router's at ${path}`, async () => {
      const plain = await render(path, true, links());
      const router = await render(path, false, links());
      expect(plain).toHaveLength(7);
      expect(plain).toEqual(router);
    });
  }

  it("are plain anchors only on light pages", async () => {
    const link = createElement(Link, { to: "/library" }, "x");
    expect(await markup("/", true, link)).toContain('<a href="/library">x</a>');
    expect(await markup("/", false, link)).toContain('data-discover="true"');
  });

  for (const to of ["workplan", "../people", "#post-4"]) {
    it(`leave "${to}" to React Router, which resolves it against the route`, async () => {
      const [plain] = await render("/groups/care/docs?page=2", true, createElement(Link, { to }, "x"));
      const [router] = await render("/groups/care/docs?page=2", false, createElement(Link, { to }, "x"));
      expect(plain).toEqual(router);
    });
  }
});
