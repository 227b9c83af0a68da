// Telling, from an update's structure alone, that Yjs will apply it without throwing, so the
// common update (typing, formatting, a new paragraph, deleting what everyone has) needs no trial
// run on a scratch copy. Anything this cannot vouch for is tried on the scratch copy as before;
// this never refuses an update itself.
//
// Why these rules suffice (Yjs 13.6, Item.getMissing/integrate, readAndApplyDeleteSet): an
// item's reference to another client's struct that is not there yet only parks the item as
// "pending", but a reference to a struct of its own client is assumed to be there already and
// Yjs throws when it is not — the poison case. Deletions beyond the known state are parked too.
// So an update is vouched for when it decodes, every reference points at a struct that will be
// there when it is applied (earlier in its own client's run, or already known), every client's
// run starts at or before what is known (nothing is parked), and its deletions stay inside what
// will be known.
import * as Y from "yjs";

/** The clock each client will have reached once everything accepted so far is applied. */
export type KnownClock = (client: number) => number;

export interface VouchedUpdate {
  /** The clock each client in the update reaches once it is applied. */
  ends: Map<number, number>;
}

export function vouchForUpdate(update: Uint8Array, known: KnownClock): VouchedUpdate | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null; // the scratch copy decides
  }
  const ends = new Map<number, number>();
  let client = -1;
  for (const struct of decoded.structs) {
    const id = struct.id;
    if (id.client !== client) {
      // A new client's run: Yjs keeps only the last run of a client listed twice, and parks a run
      // that starts beyond what it has.
      if (ends.has(id.client) || id.clock > known(id.client)) return null;
      client = id.client;
    }
    if (struct.length <= 0 || struct instanceof Y.Skip) return null;
    if (struct instanceof Y.Item) {
      if (struct.content instanceof Y.ContentDoc) return null; // subdocuments: unusual here
      if (!refersToPresent(struct.origin, id, known) || !refersToPresent(struct.rightOrigin, id, known)) return null;
      if (struct.parent instanceof Y.ID && !refersToPresent(struct.parent, id, known)) return null;
    }
    ends.set(id.client, id.clock + struct.length);
  }
  for (const [deleted, ranges] of decoded.ds.clients) {
    const end = Math.max(known(deleted), ends.get(deleted) ?? 0);
    for (const range of ranges) if (range.len <= 0 || range.clock + range.len > end) return null;
  }
  return { ends };
}

function refersToPresent(reference: Y.ID | null, own: Y.ID, known: KnownClock): boolean {
  if (reference === null) return true;
  // Its own client: strictly before the item itself. Another client: already known.
  return reference.client === own.client ? reference.clock < own.clock : reference.clock < known(reference.client);
}
