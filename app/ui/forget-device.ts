// What a device drops when its session has ended elsewhere (revoked, expired, a password change)
// and it learns so over a socket: the editor's offline copies, the reading pack and the key this
// tab held for it, and the own-device flag, as signing out does. A page load learns it from the
// server's Clear-Site-Data instead.
import { OFFLINE_DATABASE_PREFIX, OWN_DEVICE_KEY, PACK_KEY_SLOT } from "~/infra/quick-exit";

/** Tells open pieces of the page (the editor, live discussions) that the session is over. */
export const SESSION_ENDED_EVENT = "praxis:session-ended";

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = window.indexedDB.deleteDatabase(name);
    // A copy still open in this page is deleted as soon as the editor lets go of it.
    request.onsuccess = request.onerror = () => resolve();
  });
}

/** Resolves when every offline copy is gone. `known` names copies to drop where databases() is missing. */
export async function forgetThisDevice(known: string[] = []): Promise<void> {
  try {
    window.localStorage.removeItem(OWN_DEVICE_KEY);
    window.sessionStorage.removeItem(PACK_KEY_SLOT);
  } catch {
    // Storage switched off: there is no flag to drop.
  }
  if (!window.indexedDB) return;
  const listed = window.indexedDB.databases ? (await window.indexedDB.databases()).map((d) => d.name ?? "") : [];
  const names = new Set([...listed, ...known].filter((name) => name.startsWith(OFFLINE_DATABASE_PREFIX)));
  await Promise.all([...names].map(deleteDatabase));
}

export function announceSessionEnded(): void {
  window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
}
