// Roughly what Praxis used this month on this device: the bytes the browser reports it
// transferred for each page and its resources (PerformanceResourceTiming.transferSize, 0 for
// what came from a cache), plus the pack's refreshes, kept in localStorage by month.
const SLOT = "praxis.usage";

interface Usage {
  month: string;
  bytes: number;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function readUsage(): Usage {
  try {
    const kept = JSON.parse(localStorage.getItem(SLOT) ?? "null") as Usage | null;
    if (kept && kept.month === thisMonth()) return kept;
  } catch {
    // Nothing kept, or storage off.
  }
  return { month: thisMonth(), bytes: 0 };
}

export function countBytes(bytes: number): void {
  if (!(bytes > 0)) return;
  const usage = readUsage();
  usage.bytes += bytes;
  try {
    localStorage.setItem(SLOT, JSON.stringify(usage));
  } catch {
    // Storage off: nothing counted.
  }
}

/** This page's own transfer (the document and what it loaded so far), counted once per page. */
export function countThisPage(): void {
  if (!("performance" in self) || typeof performance.getEntriesByType !== "function") return;
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")] as PerformanceResourceTiming[];
  countBytes(entries.reduce((sum, entry) => sum + (entry.transferSize || 0), 0));
}
