// WCAG 2.2 A and AA, checked by axe-core on every page of the route table (app/routes.ts, so a
// new page cannot be forgotten), signed out and as each role, in English and French, on a
// phone-sized screen, in the light theme and (for some roles) the dark one. Resource routes
// (files, feeds, downloads, form endpoints) are not pages.
// A page that needs a secret link (an invitation, a share, an application token) is opened
// through the link the demo or the test creates, or named below with the reason it is left out.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import routes from "../../app/routes";
import { screenshot, signIn } from "./support/session";

interface RouteEntry {
  path?: string;
  file: string;
  index?: boolean;
}

/** Pages a role cannot reach by design, or only through a one-time secret (a mail or a token). */
const NOT_CHECKED: Record<string, string> = {
  "invite/:token": "a one-time invitation link; the invitation page is checked signed out with a fresh link in invitations tests",
  "apply/:token": "a one-time applicant link sent by mail",
  "notifications/email/:token": "a one-time link from a notification mail (no session)",
  "share/:token": "a share link created by a member; its page is the library resource's, checked above",
  "*": "the not-found page, checked through an unknown address below",
};

const pageRoutes = (routes as RouteEntry[])
  .filter((route) => /\.tsx$/.test(route.file))
  .map((route) => (route.index ? "" : route.path!))
  .filter((path) => !(path in NOT_CHECKED));

/** The demo's ids, found by following links as a member would. */
async function discoverParams(page: Page): Promise<Record<string, string>> {
  const hrefsOn = async (path: string) => {
    await page.goto(path);
    return page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")?.split(/[?#]/)[0] ?? ""));
  };
  const first = (hrefs: string[], pattern: RegExp) => hrefs.map((href) => pattern.exec(href)).find(Boolean) ?? null;
  const params: Record<string, string> = { slug: "rooting-care" };
  const group = await hrefsOn("/groups/rooting-care");
  params.threadId = first(group, /^\/groups\/rooting-care\/threads\/([a-z0-9]+)$/)?.[1] ?? "";
  const docs = await hrefsOn("/groups/rooting-care/docs");
  params.docId = first(docs, /^\/groups\/rooting-care\/docs\/([^/]+)$/)?.[1] ?? "";
  const community = await hrefsOn("/community");
  params.communityThreadId = first(community, /^\/community\/threads\/([a-z0-9]+)$/)?.[1] ?? "";
  const meetings = await hrefsOn("/meetings");
  params.meetingId = first(meetings, /^\/meetings\/((?!new$)[a-z0-9]+)$/)?.[1] ?? "";
  const library = await hrefsOn("/library");
  params.resourceId = first(library, /^\/library\/((?!new$|settings$|collections$)[a-z0-9]+)$/)?.[1] ?? "";
  const collections = await hrefsOn("/library/collections");
  params.collectionId = first(collections, /^\/library\/collections\/([a-z0-9]+)$/)?.[1] ?? "";
  params.decisionId = first(await hrefsOn("/groups/rooting-care/decisions"), /^\/groups\/rooting-care\/decisions\/((?!new$)[a-z0-9]+)$/)?.[1] ?? "";
  params.communityDecisionId = first(await hrefsOn("/community/decisions"), /^\/community\/decisions\/((?!new$)[a-z0-9]+)$/)?.[1] ?? "";
  params.checkInId = first(await hrefsOn("/mel"), /^\/mel\/checkins\/([a-z0-9]+)$/)?.[1] ?? "";
  params.applicationId = first(await hrefsOn("/applications"), /^\/applications\/((?!settings$)[a-z0-9]+)$/)?.[1] ?? "";
  // The newest first: the demo's publication in review, so its edit page is reachable too.
  params.publicationId = first(await hrefsOn("/publications"), /^\/publications\/((?!new$)[a-z0-9]+)$/)?.[1] ?? "";
  return params;
}

/** The route's address with the demo's ids, or null when this role found none to use. */
function concrete(path: string, params: Record<string, string>): string | null {
  const idFor: Array<[RegExp, string]> = [
    [/^community\/threads\//, "communityThreadId"],
    [/^meetings\//, "meetingId"],
    [/^library\/collections\//, "collectionId"],
    [/^library\//, "resourceId"],
    [/^mel\/checkins\//, "checkInId"],
    [/^applications\//, "applicationId"],
    [/^publications\//, "publicationId"],
  ];
  const id = idFor.find(([pattern]) => pattern.test(path))?.[1];
  const values: Record<string, string | undefined> = {
    slug: params.slug,
    threadId: id === "communityThreadId" ? params.communityThreadId : params.threadId,
    docId: params.docId,
    decisionId: path.startsWith("community/") ? params.communityDecisionId : params.decisionId,
    text: "agenda",
    id: id ? params[id] : undefined,
  };
  let missing = false;
  const url = `/${path}`.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (!value) missing = true;
    return value ?? "";
  });
  return missing ? null : url;
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

// Each role once; together they cover every page in both languages, and the dark theme
// (prefers-color-scheme, its own colours) for a signed-out reader and a member. CI checks the
// four views marked `ci` (every page is reached by one of them: the coordinator sees MEL's and
// the leads' pages, the member sees a member's); AXE_ROLES=all checks all six.
const ALL_ROLES: Array<{ username: string | null; language: "en" | "fr"; dark?: boolean; ci?: boolean }> = [
  { username: null, language: "en", ci: true },
  { username: null, language: "fr", dark: true },
  { username: "member.care", language: "fr", dark: true, ci: true },
  { username: "lead.care", language: "en", ci: true },
  { username: "mel", language: "fr" },
  { username: "coordinator", language: "fr", ci: true },
];
const ROLES = process.env.AXE_ROLES === "all" ? ALL_ROLES : ALL_ROLES.filter((role) => role.ci);

test("every page passes WCAG 2.2 AA checks, signed out and as each role, in English and French, light and dark", async ({ browser }) => {
  test.setTimeout(600_000);
  const checked: string[] = [];
  const failures: string[] = [];
  for (const { username, language, dark } of ROLES) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, colorScheme: dark ? "dark" : "light" });
    const page = await context.newPage();
    if (username) await signIn(page, username);
    await page.goto(`/?lng=${language}`);
    const params = username ? await discoverParams(page) : {};
    // Public publication pages are resource routes (plain HTML, no app): named here by the demo's address.
    const urls = new Set<string>(["/this-page-does-not-exist", "/p/care-budgeting-toolkit", "/p/care-budgeting-toolkit?lng=fr"]);
    for (const path of pageRoutes) {
      const url = concrete(path, params);
      if (url) urls.add(url);
    }
    const redirectsChecked = new Set<string>();
    for (const url of urls) {
      const response = await page.goto(url);
      // Signed out, most pages send to sign-in; a role without access gets the refusal page.
      // Both are pages too, and are checked where they land (a page many routes send to, once).
      const landed = new URL(page.url()).pathname;
      if (landed !== new URL(url, page.url()).pathname) {
        if (redirectsChecked.has(landed)) continue;
        redirectsChecked.add(landed);
      }
      const label = `${username ?? "signed out"} ${language}${dark ? " dark" : ""} ${url}${landed !== url ? ` → ${landed}` : ""} [${response?.status()}]`;
      const found = await violations(page);
      if (dark && (url === "/" || url.includes("/threads/"))) await screenshot(page, `dark-${username ?? "signed-out"}-${url === "/" ? "home" : "thread"}`);
      checked.push(label);
      if (found.length) failures.push(`${label}\n    ${found.join("\n    ")}`);
    }
    // Leave the shared demo accounts in English for the tests that follow.
    if (language === "fr") await page.goto("/?lng=en");
    await context.close();
  }
  console.log(`axe-core WCAG 2.2 AA: ${checked.length} page views checked, ${failures.length} with violations`);
  expect(failures, failures.join("\n")).toEqual([]);
});
