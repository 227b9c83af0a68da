// The outbox: a reply or a new thread written without a connection is kept on this device
// (sealed like the pack), listed where the member can edit or discard it, and sent when the
// connection returns. Each entry carries the form's idempotency key, which the server honours,
// so an entry sent twice (a lost answer, two tabs) posts once.
import { fill, type Templates } from "../strings";
import { open, packKey, seal } from "./key";
import { all, put, remove } from "./store";

export interface OutboxEntry {
  id: string;
  action: string;
  title: string;
  fields: Record<string, string>;
  createdAt: number;
  error?: boolean;
  /** Kept as the form went out online: dropped once the server has answered (the next page). */
  pending?: boolean;
}

let sending: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function onOutboxChange(listener: () => void): void {
  listeners.add(listener);
}

const changed = () => listeners.forEach((listener) => listener());

export async function readOutbox(): Promise<OutboxEntry[]> {
  const key = await packKey().catch(() => null);
  if (!key) return [];
  const entries = await Promise.all((await all("outbox")).map((record) => open<OutboxEntry>(key, record)));
  return entries.filter((entry): entry is OutboxEntry => entry !== null).sort((a, b) => a.createdAt - b.createdAt);
}

export async function keep(entry: OutboxEntry): Promise<void> {
  const key = await packKey();
  if (!key) throw new Error("no key");
  await put("outbox", [await seal(key, entry.id, entry)]);
  changed();
}

export async function discard(id: string): Promise<void> {
  await remove("outbox", [id]);
  changed();
}

/** Sends what waits, oldest first; an entry goes only when the server took it. */
export function sendOutbox(): Promise<void> {
  sending ??= (async () => {
    for (const entry of (await readOutbox()).filter((e) => !e.pending)) {
      if (!navigator.onLine) break;
      let response: Response;
      try {
        response = await fetch(entry.action, { method: "POST", credentials: "same-origin", body: new URLSearchParams(entry.fields) });
      } catch {
        break; // still offline: try again when the connection returns
      }
      const path = new URL(response.url, location.href).pathname;
      if (response.ok && path !== "/login") await discard(entry.id);
      else if (response.status >= 400 && response.status < 500 && response.status !== 429) await keep({ ...entry, error: true });
      else break;
    }
  })().finally(() => (sending = null));
  return sending;
}

/** A page the server answered: what went out online before it (pending) has arrived. */
export async function dropAnswered(): Promise<void> {
  const answered = (await readOutbox()).filter((entry) => entry.pending).map((entry) => entry.id);
  if (answered.length > 0) {
    await remove("outbox", answered);
    changed();
  }
}

/**
 * Forms that post (reply, new thread) keep their text in the outbox before it goes: offline it
 * waits there; online the form is sent as usual and the copy is dropped when the next page comes
 * from the server, so a connection lost on the way (the offline page appears) loses nothing.
 */
export function catchOfflineForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form")) {
    const key = form.querySelector<HTMLInputElement>("input[name=idempotencyKey]");
    if (!key) continue;
    let kept = false;
    form.addEventListener("submit", (event) => {
      if (kept) return;
      event.preventDefault();
      const fields: Record<string, string> = {};
      new FormData(form).forEach((value, name) => {
        if (typeof value === "string") fields[name] = value;
      });
      const title = fields.title || document.querySelector("h1")?.textContent?.trim() || "";
      const online = navigator.onLine;
      const entry = { id: key.value, action: form.action || location.pathname, title, fields, createdAt: Date.now(), pending: online };
      void keep(entry)
        .catch(() => undefined)
        .then(() => {
          if (online) {
            kept = true;
            HTMLFormElement.prototype.submit.call(form);
            return;
          }
          form.reset();
          // A new key for whatever this form sends next.
          key.value = crypto.randomUUID();
        });
    });
  }
  addEventListener("online", () => void sendOutbox());
}

/** The visible outbox: a list with edit and discard, rendered into `host`. */
export function renderOutbox(host: HTMLElement, templates: Templates): void {
  const draw = async () => {
    const entries = await readOutbox();
    host.replaceChildren();
    host.hidden = entries.length === 0;
    if (entries.length === 0) return;
    const heading = document.createElement("h2");
    heading.id = "outbox-heading";
    heading.textContent = fill(templates, "outboxHeading", { count: entries.length });
    const hint = document.createElement("p");
    hint.className = "muted";
    hint.textContent = fill(templates, "outboxHint");
    const list = document.createElement("ul");
    list.className = "stack";
    for (const entry of entries) {
      const item = document.createElement("li");
      item.className = "outbox-entry";
      const title = document.createElement("p");
      title.append(Object.assign(document.createElement("strong"), { textContent: entry.title }));
      const label = document.createElement("label");
      label.htmlFor = `outbox-${entry.id}`;
      label.textContent = fill(templates, "outboxText");
      const text = document.createElement("textarea");
      text.id = `outbox-${entry.id}`;
      text.rows = 3;
      text.value = entry.fields.body ?? "";
      const status = document.createElement("p");
      status.className = entry.error ? "form-error" : "muted";
      status.textContent = fill(templates, entry.error ? "outboxRefused" : "outboxWaiting");
      const save = document.createElement("button");
      save.type = "button";
      save.className = "button";
      save.textContent = fill(templates, "outboxSave");
      save.addEventListener("click", () => void keep({ ...entry, error: false, pending: false, fields: { ...entry.fields, body: text.value } }));
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "button button--danger";
      drop.textContent = fill(templates, "outboxDiscard");
      drop.addEventListener("click", () => void discard(entry.id));
      const row = document.createElement("div");
      row.className = "row";
      row.append(save, drop);
      item.append(title, label, text, status, row);
      list.append(item);
    }
    host.append(heading, hint, list);
  };
  onOutboxChange(() => void draw());
  void draw();
}
