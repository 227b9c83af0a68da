// The offline reading pack in Chromium: built on a device marked own, read with the network off,
// sealed at rest (no plaintext of a thread's distinctive word in IndexedDB or Cache Storage at
// any time), unreadable after quick exit, revocation or sign-out; and the outbox: a reply
// written offline survives a reload and is sent once when the connection returns.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support/session";

const ANDROID = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

/** Everything this origin keeps in IndexedDB and Cache Storage, as text (bytes decoded too). */
async function rawStorage(page: Page): Promise<{ text: string; records: number }> {
  return page.evaluate(async () => {
    const decoder = new TextDecoder("utf-8", { fatal: false });
    const parts: string[] = [];
    let records = 0;
    const dump = (value: unknown): void => {
      if (value instanceof ArrayBuffer) parts.push(decoder.decode(value), String.fromCharCode(...new Uint8Array(value)));
      else if (ArrayBuffer.isView(value)) dump(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
      else if (value && typeof value === "object") for (const inner of Object.values(value)) dump(inner);
      else parts.push(String(value));
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        records += all.length;
        dump(all);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url, await (await cache.match(request))!.text());
    }
    return { text: parts.join("\n"), records };
  });
}

async function ownPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ userAgent: ANDROID, viewport: { width: 360, height: 780 }, locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, "member.care");
  return { context, page };
}

async function startThread(page: Page, word: string): Promise<string> {
  await page.goto("/groups/rooting-care");
  await page.getByLabel("Title").fill(`Offline ${word}`);
  await page.locator("#new-thread-body").fill(`The meeting place is ${word}.`);
  await page.getByRole("button", { name: "Start thread" }).click();
  await page.waitForURL(/\/threads\//);
  return page.url();
}

async function markOwnAndBuild(page: Page): Promise<void> {
  await page.goto("/settings");
  await page.getByLabel("This is my own device: keep an offline reading pack on it").check();
  await expect(page.locator("#pack-status")).toContainText(/\d+ items?, \d+ KB kept/, { timeout: 20_000 });
  // The service worker holds the offline page (and the pack island it loads).
  await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && (await caches.has("praxis-shell-v1")));
}

test("the pack is read offline, sealed at rest, and unreadable after quick exit, revocation or sign-out", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const ending of ["quick exit", "revoked", "sign-out"] as const) {
    const word = `quokka${ending.replace(/\W/g, "")}${Date.now().toString(36)}`;
    const { context, page } = await ownPhone(browser);
    await startThread(page, word);
    await markOwnAndBuild(page);

    // Kept, but never as plaintext.
    const kept = await rawStorage(page);
    expect(kept.records).toBeGreaterThan(1);
    expect(kept.text).not.toContain(word);

    // Offline: the offline page lists the pack and opens the thread.
    await context.setOffline(true);
    await page.goto("/groups/rooting-care").catch(() => undefined);
    await expect(page.getByRole("heading", { name: "Your offline reading pack" })).toBeVisible();
    await page.getByRole("button", { name: `Offline ${word}` }).click();
    await expect(page.locator(".pack-item")).toContainText(`The meeting place is ${word}.`);
    if (ending === "quick exit") await screenshot(page, "offline-pack-reader");
    expect((await rawStorage(page)).text).not.toContain(word);
    await context.setOffline(false);

    if (ending === "quick exit") {
      await page.goto("/");
      await page.getByRole("button", { name: /Exit this page/ }).click();
      await page.waitForURL((url) => url.pathname === "/search");
    } else if (ending === "sign-out") {
      await page.goto("/");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
    } else {
      // Revoked from a laptop while the phone is offline: the phone cannot be told to wipe.
      await context.setOffline(true);
      const laptopContext = await browser.newContext({ locale: "en-GB" });
      const laptop = await laptopContext.newPage();
      await signIn(laptop, "member.care");
      await laptop.goto("/settings");
      await laptop.locator(".session", { hasText: "Chrome · Android" }).first().getByRole("button", { name: /Sign out/ }).click();
      await expect(laptop.locator(".session", { hasText: "Chrome · Android" })).toHaveCount(0);
      await laptopContext.close();
      // What is left on the phone is ciphertext; a new tab has no key and the server gives none.
      const left = await rawStorage(page);
      expect(left.records).toBeGreaterThan(1);
      expect(left.text).not.toContain(word);
      await context.setOffline(false);
      const tab = await context.newPage();
      await tab.goto("/offline");
      await expect(tab.getByText(/cannot be opened here/)).toBeVisible();
      expect((await tab.request.get("/offline-pack/key")).status()).toBe(401);
      await tab.close();
      await page.goto("/offline");
    }
    expect((await rawStorage(page)).text).not.toContain(word);
    await context.close();
  }
});

test("a reply written offline waits in the outbox, survives a reload, and is sent once", async ({ browser }) => {
  const { context, page } = await ownPhone(browser);
  const thread = await startThread(page, `outbox${Date.now().toString(36)}`);
  await markOwnAndBuild(page);
  await page.goto(thread);
  const text = `Written on the bus ${Date.now().toString(36)}`;

  await context.setOffline(true);
  await page.locator("#reply-body").fill(text);
  await page.getByRole("button", { name: "Post reply" }).click();
  const outbox = page.locator("#outbox");
  await expect(outbox.getByRole("heading", { name: /Outbox: 1 waiting/ })).toBeVisible();
  await expect(outbox.locator("textarea")).toHaveValue(text);
  // Sealed like the pack.
  expect((await rawStorage(page)).text).not.toContain(text);

  // A reload without a connection: the offline page still shows it, editable.
  await page.reload().catch(() => undefined);
  await expect(page.getByRole("heading", { name: /Outbox: 1 waiting/ })).toBeVisible();
  await screenshot(page, "offline-outbox");
  // The offline page is not in the route table: axe checks it here, with the pack and outbox drawn.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // The connection returns: opening any page sends it, once, even if sent again.
  await context.setOffline(false);
  await page.goto(thread);
  await expect(page.locator("#outbox")).toBeHidden({ timeout: 15_000 });
  const again = await context.newPage();
  await again.goto(thread);
  await expect(again.locator(".post", { hasText: text })).toHaveCount(1);

  // Online, a reply goes as a plain form; the copy kept while it travelled is gone once answered.
  const online = `Written at home ${Date.now().toString(36)}`;
  await again.locator("#reply-body").fill(online);
  await again.getByRole("button", { name: "Post reply" }).click();
  await expect(again.locator(".post", { hasText: online })).toHaveCount(1);
  await expect.poll(async () => (await rawStorage(again)).text.length > 0 && (await again.locator("#outbox").isHidden())).toBe(true);
  await again.reload();
  await expect(again.locator("#outbox")).toBeHidden();
  await expect(again.locator(".post", { hasText: online })).toHaveCount(1);
  await context.close();
});
