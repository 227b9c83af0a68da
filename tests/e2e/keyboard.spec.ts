// Keyboard-only journeys: after a short set-up (a new group lead with an authenticator app, made
// the usual way), everything a member does is done with keyboard.press and keyboard.type only,
// never a click: sign in with the second factor, read and reply to a thread with a mention,
// co-edit a document (toolbar reachable, focus never trapped) whose headings, lists and table
// cells reach the accessibility tree, add a milestone and a budget line through the plain forms,
// schedule a meeting and answer it, add to the library, and apply through the call. Every step
// checks that the focused control shows a visible focus, and that a form post puts focus on its
// answer (the message, the error summary, the new post).
import * as OTPAuth from "otpauth";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test, type FileChooser, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const PASSWORD = "a long keyboard passphrase";

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 120, back = false } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 5_000 })) return expectVisibleFocus(page);
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  const where = await page.evaluate(() => `${document.activeElement?.outerHTML.slice(0, 200)} on ${location.pathname}`);
  throw new Error(`Tab never reached ${target}; focus is on ${where}`);
}

/** The focused element shows a focus indicator (an outline or a ring) a sighted keyboard user sees. */
async function expectVisibleFocus(page: Page) {
  const indicator = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing focused";
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== "none";
    return outline || ring ? "" : `no visible focus on <${el.tagName.toLowerCase()} class="${el.className}">`;
  });
  expect(indicator).toBe("");
}

const focused = (page: Page) => page.locator(":focus");

test("keyboard only: sign in with a code, discuss, co-edit, plan, meet, share and apply", async ({ browser }) => {
  // Nine journeys in one: about 30 s on a quiet machine, several times that on a loaded one.
  test.setTimeout(240_000);

  // --- Set-up (not the journey): a new lead of Rooting care with an authenticator app.
  const setup = await browser.newContext();
  const admin = await setup.newPage();
  await signIn(admin, "coordinator");
  await admin.goto("/people?lng=en");
  await admin.getByLabel("Role", { exact: true }).selectOption("lead");
  await admin.getByLabel("Working group").selectOption({ label: "Rooting care" });
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  const link = new URL(await admin.getByLabel("Invitation link").inputValue()).pathname;
  await admin.goto(link);
  await setup.clearCookies();
  await admin.goto(link);
  await admin.getByLabel("Display name").fill("Kit");
  await admin.getByLabel("Username").fill("kit.keys");
  await admin.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await admin.getByLabel("Password again").fill(PASSWORD);
  await admin.getByRole("button", { name: "Create my account" }).click();
  await admin.waitForURL((url) => !url.pathname.startsWith("/invite"));
  await admin.goto("/settings");
  await admin.getByLabel("Your password, to set it up").fill(PASSWORD);
  await admin.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await admin.locator(".secret-key code").textContent())!.replace(/\s/g, "");
  await admin.getByLabel("Code from the app").fill(codeFor(secret));
  await admin.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(admin.getByText("Two-step sign-in is on.")).toBeVisible();
  await setup.close();

  // An applicant opens the call now (the form refuses one sent within seconds of opening it).
  const applicantContext = await browser.newContext();
  const applicant = await applicantContext.newPage();
  await applicant.goto("/apply?lng=en");

  const context = await browser.newContext();
  const page = await context.newPage();
  const { keyboard } = page;

  // --- Sign in: username, password, then the code from the app.
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await keyboard.type("kit.keys");
  await keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press("Enter");
  const code = page.getByLabel("Code", { exact: true });
  await expect(code).toBeVisible();
  await tabTo(page, code);
  // The next step's code: the one used to turn it on cannot be used twice.
  await keyboard.type(codeFor(secret, 1));
  await keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The skip link is the first stop and leads to the content.
  await keyboard.press("Tab");
  await expect(focused(page)).toHaveClass(/skip-link/);
  await expectVisibleFocus(page);

  // --- Read a thread of the group and reply, mentioning someone.
  await page.goto("/groups/rooting-care");
  await tabTo(page, page.locator('a[href^="/groups/rooting-care/threads/"]').first());
  await keyboard.press("Enter");
  await page.waitForURL(/\/threads\//);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel("Your reply"));
  await keyboard.type("Thank you @Nil");
  const suggestion = page.getByRole("button", { name: "@Nilo" });
  await expect(suggestion).toBeVisible();
  await tabTo(page, suggestion);
  await keyboard.press("Enter");
  await expect(page.getByLabel("Your reply")).toBeFocused();
  await keyboard.type("for the notes, typed without a mouse.");
  await tabTo(page, page.getByRole("button", { name: "Post reply" }));
  await keyboard.press("Enter");
  await page.waitForURL(/#post-/);
  // Focus lands on the new post.
  await expect(focused(page)).toContainText("for the notes, typed without a mouse.");
  await expect(focused(page).getByRole("link", { name: "@Nilo" }).or(focused(page).getByText("@Nilo"))).toBeVisible();

  // --- Co-edit a new document: reach the toolbar, write a heading, a list and a table, leave.
  await page.goto("/groups/rooting-care");
  await tabTo(page, page.locator("#new-document-title"));
  await keyboard.type("Keyboard notes");
  await keyboard.press("Enter");
  await page.waitForURL(/\/docs\/doc\./);
  const bold = page.getByRole("button", { name: "Bold" });
  await expect(bold).toBeVisible();
  await tabTo(page, bold);
  // Arrow keys move along the toolbar; Tab goes on into the text.
  await keyboard.press("ArrowRight");
  await expect(page.getByRole("button", { name: "Italic" })).toBeFocused();
  const text = page.locator(".ProseMirror");
  await tabTo(page, text);
  await keyboard.type("## Plan");
  await keyboard.press("Enter");
  await keyboard.type("- first step");
  await keyboard.press("Enter");
  await keyboard.type("second step");
  await keyboard.press("Enter");
  await keyboard.press("Enter");
  await keyboard.type("A table follows.");
  // Tab leaves the text: focus is not trapped.
  await keyboard.press("Tab");
  await expect(text).not.toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Table" }), { back: true });
  await keyboard.press("Enter");
  await expect(text).toBeFocused();
  await keyboard.type("Who");
  await keyboard.press("Tab");
  await keyboard.type("When");
  // Inside a table Tab moves between cells; Escape leaves the editor all the same.
  await expect(text).toBeFocused();
  await keyboard.press("Escape");
  await expect(text).not.toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  // What assistive technology gets: the heading, the list items, the table cells.
  const tree = await page.getByRole("textbox", { name: "Keyboard notes" }).ariaSnapshot();
  expect(tree).toContain('heading "Plan" [level=2]');
  expect(tree).toMatch(/listitem:[\s\S]*first step/);
  expect(tree).toMatch(/listitem:[\s\S]*second step/);
  expect(tree).toMatch(/(columnheader|cell) "Who"/);
  expect(tree).toMatch(/(columnheader|cell) "When"/);

  // --- A milestone and a budget line through the plain forms beside the editor.
  await page.goto("/groups/rooting-care/docs/workplan");
  await tabTo(page, page.getByRole("link", { name: "Milestones and budget as plain forms" }));
  await keyboard.press("Enter");
  await page.waitForURL(/\/items$/);
  await tabTo(page, page.locator("#ms-new-title"));
  await keyboard.type("Keyboard check-in");
  await tabTo(page, page.getByRole("button", { name: "Add a milestone" }));
  await keyboard.press("Enter");
  await expect(focused(page)).toHaveText("Milestone added.");
  await tabTo(page, page.locator("#bl-new-item"));
  await keyboard.type("Keyboard snacks");
  await tabTo(page, page.locator("#bl-new-amount"));
  await keyboard.type("25,50");
  await keyboard.press("Enter");
  await expect(focused(page)).toHaveText("Budget line added.");
  // Reorder, then tidy up (the demo workplan is shared with other tests).
  await tabTo(page, page.getByRole("button", { name: "Move up: Keyboard check-in" }));
  await keyboard.press("Enter");
  await expect(focused(page)).toHaveText("Milestone moved.");
  for (const [name, done] of [["Remove: Keyboard check-in", "Milestone removed."], ["Remove: Keyboard snacks", "Budget line removed."]]) {
    await tabTo(page, page.getByRole("button", { name }));
    await keyboard.press("Enter");
    await expect(focused(page)).toHaveText(done);
  }

  // --- Schedule a meeting of the group (the form's defaults are a good time), then answer it.
  await page.goto("/meetings/new");
  await tabTo(page, page.getByLabel("Title in English"));
  await keyboard.type("Keyboard circle");
  await tabTo(page, page.getByLabel("Title in French"));
  await keyboard.type("Cercle au clavier");
  await tabTo(page, page.getByRole("button", { name: "Schedule" }));
  await keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard circle");
  await tabTo(page, page.getByRole("button", { name: "Maybe" }));
  await keyboard.press("Enter");
  await expect(focused(page)).toHaveText("Your answer is saved.");
  await expect(page.getByRole("button", { name: "Maybe" })).toHaveAttribute("aria-pressed", "true");

  // --- Add a file to the library: the file chooser opens from the keyboard.
  await page.goto("/library/new");
  const fileInput = page.getByLabel("File", { exact: true });
  // A person whose Space went unanswered (the page still settling on a loaded machine) presses
  // it again: so does the test, re-finding the field first, until the chooser opens.
  let chooser: FileChooser | undefined;
  await expect(async () => {
    await tabTo(page, fileInput);
    const opened = page.waitForEvent("filechooser", { timeout: 5_000 });
    await keyboard.press("Space");
    chooser = await opened;
  }).toPass({ timeout: 45_000 });
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText("Notes from the keyboard circle.", { x: 40, y: 760, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  await chooser!.setFiles({ name: "circle.pdf", mimeType: "application/pdf", buffer: Buffer.from(await pdf.save()) });
  await tabTo(page, page.getByLabel("Title"));
  await keyboard.type("Keyboard circle notes");
  await tabTo(page, page.getByLabel("Short description"));
  await keyboard.type("Written and shared without a mouse.");
  await tabTo(page, page.getByRole("button", { name: "Add to the library" }));
  await keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard circle notes", { timeout: 30_000 });
  await context.close();

  // --- Apply through the call: sending it empty puts focus on the list of problems.
  const key = applicant.keyboard;
  await tabTo(applicant, applicant.getByRole("button", { name: "Send application" }), { max: 200 });
  await key.press("Enter");
  const summary = applicant.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expectVisibleFocus(applicant);
  // Its first link leads to the first answer missing.
  await key.press("Tab");
  await key.press("Enter");
  await expect(applicant.getByLabel("Name or pseudonym")).toBeFocused();
  await key.type("Keyboard applicant");
  const answers: Array<[Locator, string | null]> = [
    [applicant.getByLabel("A way to contact you"), "Signal: @keys"],
    [applicant.getByLabel("Country", { exact: true }), "Kenya"],
    [applicant.locator('input[name="region"]').first(), null],
    [applicant.getByLabel("Relevant experience"), "Five years of peer support."],
    [applicant.getByLabel("Motivation statement"), "To learn with others."],
    [applicant.getByLabel("Your learning goals and your plan to reach them"), "Run a care circle each month."],
    [applicant.locator('input[name="preferredGroupId"]').first(), null],
    [applicant.locator('input[name="workingLanguages"]').first(), null],
    [applicant.locator('input[name="capacity"]').first(), null],
    [applicant.locator('input[name="notAdvisoryMember"]').first(), null],
    [applicant.locator('input[name="notAllianceStaff"]').first(), null],
    [applicant.locator('input[name="notPreviousCop"]').first(), null],
  ];
  for (const [field, typed] of answers) {
    await tabTo(applicant, field);
    if (typed === null) await key.press("Space");
    else await key.type(typed);
  }
  await tabTo(applicant, applicant.getByRole("button", { name: "Send application" }));
  await key.press("Enter");
  await expect(focused(applicant)).toContainText(/application (has been|was) sent/i);
  await applicantContext.close();
});

test("key pages reflow at 320 px (400 % zoom) and 640 px (200 %) without sideways scrolling, with targets of at least 24 px", async ({ browser }) => {
  const problems: string[] = [];
  for (const width of [320, 640]) {
    const context = await browser.newContext({ viewport: { width, height: 720 } });
    const page = await context.newPage();
    const visit = async (path: string) => {
      await page.goto(path);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`scrolls sideways (${document.documentElement.scrollWidth} px)`);
        for (const el of document.querySelectorAll<HTMLElement>("button, select, input:not([type=hidden]), textarea, summary")) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
          if (el.closest(".trap, .visually-hidden")) continue;
          if (box.width < 24 || box.height < 24) out.push(`small target ${el.tagName.toLowerCase()} ${el.getAttribute("name") ?? el.textContent?.trim().slice(0, 30)} (${Math.round(box.width)}×${Math.round(box.height)})`);
        }
        return out;
      });
      problems.push(...found.map((problem) => `${width} px ${path}: ${problem}`));
    };
    await visit("/apply");
    await signIn(page, "lead.care");
    for (const path of ["/", "/groups/rooting-care", "/groups/rooting-care/docs/workplan", "/groups/rooting-care/docs/workplan/items", "/meetings", "/library"]) await visit(path);
    await context.close();
  }
  expect(problems).toEqual([]);
});
