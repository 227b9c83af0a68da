// How far V8 lets the heap grow past what survived the last full collection before it collects
// again. V8 picks that factor from its heap limit, which Node sizes from the machine's memory:
// at most about 1.4 on a 1 GB server, but up to 4 with 4 GB or more, where a server whose live
// data was about 100 MB came to hold a heap of 370 MB. A fixed factor keeps the heap a margin
// over the live data on any machine.
// Unlike --max-old-space-size it is no ceiling: a process whose live data grows (a large export)
// gets a heap that grows with it, up to the same limit as without the flag. Node refuses it in
// NODE_OPTIONS, hence HEAP_GROWTH_PERCENT; it applies to every later collection, in this
// process and the worker threads it starts.
import { setFlagsFromString } from "node:v8";

/** `percent` 0 leaves V8's own factor. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
