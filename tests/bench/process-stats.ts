// What a benchmark reads of a running process from /proc (Linux): resident memory.
import { readFileSync } from "node:fs";

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}
