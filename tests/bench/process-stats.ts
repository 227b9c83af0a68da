// What a benchmark reads of a running process from /proc (Linux): resident memory.
import { readFileSync } from "node:fs";

export function rssMegabytes(pid: number): number {
  return residentMemory(pid).rss;
}

/** Resident memory in MB: all of it, and the anonymous part (heaps, malloc arenas, buffers;
 *  the rest is mapped files, mostly the node binary and native modules' code). */
export function residentMemory(pid: number): { rss: number; anonymous: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kilobytes("VmRSS") / 1024, anonymous: kilobytes("RssAnon") / 1024 };
}

/**
 * CPU time (user + system, all threads) the process has used so far, in milliseconds: the
 * outside view of its process.cpuUsage(), less sensitive to a busy machine than requests/s.
 */
export function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The process and the processes it started (a primary and its workers), by their ids now. */
export function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children.flatMap((child) => processTree(child))];
}

/** CPU time of the process and of every process it started that is still running, in ms. */
export function treeCpuMilliseconds(pid: number): number {
  return processTree(pid).reduce((sum, id) => sum + cpuMilliseconds(id), 0);
}
