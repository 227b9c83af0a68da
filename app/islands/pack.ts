// The pack island: the offline reading pack on a device its member marked as their own. Loaded
// on the settings page and the offline page, and by the live island on other pages when this
// device is marked own (see live.ts). It keeps the pack sealed in IndexedDB (pack/key.ts), keeps
// it fresh with deltas (pack/sync.ts), reads it offline (pack/reader.ts) and holds what was
// written offline until the connection returns (pack/outbox.ts).
import { forgetThisDevice } from "~/ui/forget-device";
import { SessionGone } from "./pack/key";
import { catchOfflineForms, dropAnswered, renderOutbox, sendOutbox } from "./pack/outbox";
import { wireReader } from "./pack/reader";
import { isOwnDevice, wireSettings } from "./pack/settings";
import { packLanguage, packTemplates } from "./pack/strings";
import { readMeta, refreshPack } from "./pack/sync";
import { packKey } from "./pack/key";

/** A pack older than this is refreshed when a page is opened online (with the data saver: hours). */
const STALE_MS = 10 * 60 * 1000;
const STALE_DATA_SAVER_MS = 6 * 60 * 60 * 1000;

async function keepFresh(): Promise<void> {
  const key = await packKey();
  if (!key) return;
  const meta = await readMeta(key);
  const stale = document.documentElement.dataset.dataSaver === "on" ? STALE_DATA_SAVER_MS : STALE_MS;
  if (!meta || Date.now() - meta.refreshedAt > stale) await refreshPack();
}

function outboxNearForms(templates: ReturnType<typeof packTemplates>): void {
  const form = document.querySelector<HTMLFormElement>("form input[name=idempotencyKey]")?.form;
  if (!form) return;
  const host = document.createElement("section");
  host.className = "panel";
  host.id = "outbox";
  host.setAttribute("aria-labelledby", "outbox-heading");
  host.hidden = true;
  form.closest("section")?.before(host);
  renderOutbox(host, templates);
}

export function startPack(): void {
  const templates = packTemplates();
  const settings = document.getElementById("pack-settings");
  if (settings) wireSettings(settings, templates);
  const reader = document.getElementById("pack-reader");
  if (reader) void wireReader(reader, templates, packLanguage());
  if (!isOwnDevice() || reader) return;
  catchOfflineForms();
  outboxNearForms(templates);
  if (!navigator.onLine) return;
  // This page came from the server: a form sent from the previous one was answered.
  void dropAnswered()
    .then(sendOutbox)
    .then(keepFresh)
    .catch((error: unknown) => {
      // The session is gone: nothing this device kept may stay.
      if (error instanceof SessionGone) void forgetThisDevice();
    });
}

startPack();
