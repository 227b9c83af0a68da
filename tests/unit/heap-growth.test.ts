// HEAP_GROWTH_PERCENT: with the growth limited, a process that keeps replacing its live data
// (as a busy server does) holds a heap near that data, and when its live data then grows, the
// heap grows with it (no ceiling, no out-of-memory abort). The V8 flag is process-wide, so the
// process is a child of its own.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const module = fileURLToPath(new URL("../../server/heap-growth.ts", import.meta.url));

interface Heaps {
  /** Largest heap while ~100 MB of live data was replaced three times over. */
  churnLargestMb: number;
  /** Live data then (after a full collection). */
  churnLiveMb: number;
  /** Live data after it tripled. */
  grownLiveMb: number;
}

function runChild(percent: number): Heaps {
  const script = `
    import { limitHeapGrowth } from ${JSON.stringify(module)};
    limitHeapGrowth(${percent});
    const MB = 1024 * 1024;
    const item = (i) => Array.from({ length: 128 }, (_, k) => i + k);
    const live = Array.from({ length: 100_000 }, (_, i) => item(i));
    let churnLargest = 0;
    for (let i = 0; i < live.length * 3; i++) {
      live[i % live.length] = item(i);
      if (i % 1000 === 0) churnLargest = Math.max(churnLargest, process.memoryUsage().heapTotal);
    }
    globalThis.gc();
    const churnLive = process.memoryUsage().heapUsed;
    while (live.length < 300_000) live.push(item(live.length));
    globalThis.keep = live;
    globalThis.gc();
    process.stdout.write(JSON.stringify({ churnLargestMb: churnLargest / MB, churnLiveMb: churnLive / MB, grownLiveMb: process.memoryUsage().heapUsed / MB }));
  `;
  return JSON.parse(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" })) as Heaps;
}

describe("limitHeapGrowth", () => {
  it("keeps the heap within half as much again as the live data, and lets it grow with that data", () => {
    const heaps = runChild(50);
    expect(heaps.churnLiveMb).toBeGreaterThan(90);
    // 1.5 × the live data, plus the young generation (up to 48 MB on 64-bit) and a page margin.
    // Left to V8 on a machine with 4 GB or more, this heap reaches about 4 × (450 MB).
    expect(heaps.churnLargestMb).toBeLessThan(heaps.churnLiveMb * 1.5 + 64);
    expect(heaps.grownLiveMb).toBeGreaterThan(heaps.churnLiveMb * 2.5);
    // A few seconds of CPU in the child; far longer in wall time on a loaded machine.
  }, 120_000);
});
