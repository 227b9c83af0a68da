// The pack key. The server makes one per session and hands it only to that live session
// (GET /offline-pack/key); it is imported as a non-extractable AES-GCM key and its raw bytes are
// kept in this tab's sessionStorage only, so a page reloaded offline in the same tab can still
// read. Nothing at rest (IndexedDB, Cache Storage) can open the pack once the session is gone:
// sign-out, quick exit, revocation and expiry delete the key with the session's row.
import { PACK_KEY_SLOT as SESSION_SLOT } from "~/infra/quick-exit";
import type { Sealed } from "./store";

let cached: Promise<CryptoKey | null> | null = null;

export class SessionGone extends Error {}

interface Slot {
  key: string;
  language: string;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function slot(): Slot | null {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_SLOT) ?? "null") as Slot | null;
  } catch {
    return null;
  }
}

const importKey = (raw: Uint8Array<ArrayBuffer>) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);

/** Online: asks the server (a dead session throws SessionGone). Offline: this tab's copy, if any. */
export function packKey(): Promise<CryptoKey | null> {
  cached ??= (async () => {
    if (navigator.onLine) {
      try {
        const response = await fetch("/offline-pack/key", { credentials: "same-origin", cache: "no-store" });
        if (response.status === 401) {
          forgetKey();
          throw new SessionGone();
        }
        if (response.ok) {
          const body = (await response.json()) as { key: string };
          try {
            sessionStorage.setItem(SESSION_SLOT, JSON.stringify({ key: body.key, language: document.documentElement.lang }));
          } catch {
            // Storage switched off: the key lives in this page's memory only.
          }
          return importKey(fromBase64Url(body.key));
        }
      } catch (error) {
        if (error instanceof SessionGone) throw error;
        // The network failed although the browser thought it was online: fall back to the tab's copy.
      }
    }
    const kept = slot();
    return kept ? importKey(fromBase64Url(kept.key)) : null;
  })();
  cached.catch(() => (cached = null));
  return cached;
}

export function forgetKey(): void {
  cached = null;
  try {
    sessionStorage.removeItem(SESSION_SLOT);
  } catch {
    // Nothing kept.
  }
}

/** The member's language when the key was handed out (the offline page names none). */
export function keptLanguage(): string | null {
  return slot()?.language ?? null;
}

export async function seal(key: CryptoKey, id: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(id) }, key, plain);
  return { id, iv, data, bytes: data.byteLength };
}

/** The value, or null when this key does not open it (another session's pack). */
export async function open<T>(key: CryptoKey, record: Sealed): Promise<T | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv, additionalData: new TextEncoder().encode(record.id) }, key, record.data);
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return null;
  }
}
