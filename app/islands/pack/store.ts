// The pack's IndexedDB database: every record is AES-GCM ciphertext under the session's pack key
// (see key.ts); only ids and sizes are in the clear. Named with the prefix that sign-out, quick
// exit and a refused session delete (OFFLINE_DATABASE_PREFIX).
import { OFFLINE_DATABASE_PREFIX } from "~/infra/quick-exit";

export const PACK_DATABASE = `${OFFLINE_DATABASE_PREFIX}pack`;
export type StoreName = "items" | "meta" | "outbox";

export interface Sealed {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  bytes: number;
}

let opening: Promise<IDBDatabase> | null = null;

export function openStore(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(PACK_DATABASE, 1);
    request.onupgradeneeded = () => {
      for (const name of ["items", "meta", "outbox"]) request.result.createObjectStore(name, { keyPath: "id" });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab (or the wipe) wants the database gone: let go at once.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function all(store: StoreName): Promise<Sealed[]> {
  const db = await openStore();
  return done(db.transaction(store).objectStore(store).getAll() as IDBRequest<Sealed[]>);
}

export async function get(store: StoreName, id: string): Promise<Sealed | undefined> {
  const db = await openStore();
  return done(db.transaction(store).objectStore(store).get(id) as IDBRequest<Sealed | undefined>);
}

export async function put(store: StoreName, records: Sealed[]): Promise<void> {
  if (records.length === 0) return;
  const db = await openStore();
  const tx = db.transaction(store, "readwrite");
  for (const record of records) tx.objectStore(store).put(record);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

export async function remove(store: StoreName, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await openStore();
  const tx = db.transaction(store, "readwrite");
  for (const id of ids) tx.objectStore(store).delete(id);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** Drops the whole database (turning the pack off, a key that no longer opens it). */
export async function dropStore(): Promise<void> {
  const db = opening ? await opening.catch(() => null) : null;
  db?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(PACK_DATABASE);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
