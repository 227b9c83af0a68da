// Refreshing the pack: send the cursor, keep what came back (sealed), drop what the manifest no
// longer lists, and ask once more for anything listed that this device does not hold.
import { open, packKey, seal } from "./key";
import { all, dropStore, get, put, remove, type Sealed } from "./store";
import { countBytes } from "./usage";

export interface PackEntry {
  id: string;
  kind: "actions" | "meeting" | "thread" | "document" | "resource";
  title: string;
  href: string;
  v: string;
  html: string;
}

export interface PackMeta {
  cursor: string;
  order: string[];
  refreshedAt: number;
  bytes: number;
  limitBytes: number;
  leftOut: number;
}

interface Delta {
  manifest: Array<{ id: string; v: string; bytes: number }>;
  items: PackEntry[];
  cursor: string;
  limitBytes: number;
  bytes: number;
  leftOut: number;
}

const META = "meta";

/** The pack's meta record, or null when there is none this key opens (a new session starts afresh). */
export async function readMeta(key: CryptoKey): Promise<PackMeta | null> {
  const record = await get("meta", META);
  return record ? open<PackMeta>(key, record) : null;
}

async function ask(cursor: string | null, want: string[]): Promise<Delta> {
  const response = await fetch("/offline-pack", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ cursor, want }),
  });
  const text = await response.text();
  countBytes(text.length);
  if (!response.ok) throw new Error(`pack ${response.status}`);
  return JSON.parse(text) as Delta;
}

/** Brings the pack up to date. Returns its meta afterwards. */
export async function refreshPack(): Promise<PackMeta | null> {
  const key = await packKey();
  if (!key) return null;
  let meta = await readMeta(key);
  if (!meta && (await all("items")).length > 0) {
    // Sealed under another session's key: unreadable now, so start again.
    await dropStore();
  }
  const delta = await ask(meta?.cursor ?? null, []);
  const listed = new Map(delta.manifest.map((entry) => [entry.id, entry.v]));
  const arrived = new Set(delta.items.map((item) => item.id));
  const held: Sealed[] = await all("items");
  const heldIds = new Set(held.map((record) => record.id));
  const sealed = await Promise.all(delta.items.map((item) => seal(key, item.id, item)));
  await put("items", sealed);
  await remove("items", held.filter((record) => !listed.has(record.id)).map((record) => record.id));
  // Listed but neither held nor sent (a record lost, a cursor from elsewhere): ask for those.
  const missing = [...listed.keys()].filter((id) => !arrived.has(id) && !heldIds.has(id));
  let cursor = delta.cursor;
  if (missing.length > 0) {
    const again = await ask(cursor, missing);
    await put("items", await Promise.all(again.items.filter((item) => missing.includes(item.id)).map((item) => seal(key, item.id, item))));
    cursor = again.cursor;
  }
  meta = { cursor, order: delta.manifest.map((entry) => entry.id), refreshedAt: Date.now(), bytes: delta.bytes, limitBytes: delta.limitBytes, leftOut: delta.leftOut };
  await put("meta", [await seal(key, META, meta)]);
  return meta;
}

/** Every item this key opens, in the pack's order. */
export async function readPack(key: CryptoKey): Promise<{ meta: PackMeta | null; items: PackEntry[]; storedBytes: number }> {
  const meta = await readMeta(key);
  const records = await all("items");
  const items = (await Promise.all(records.map((record) => open<PackEntry>(key, record)))).filter((item): item is PackEntry => item !== null);
  const order = new Map((meta?.order ?? []).map((id, index) => [id, index]));
  items.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  return { meta, items, storedBytes: records.reduce((sum, record) => sum + record.bytes, 0) };
}
