// Opt-in process metrics (METRICS_LOG_SECONDS > 0): every interval, one log line with resident
// memory, the V8 heap and the event loop's delay since the last line. A log line rather than an
// endpoint, so nothing about the server's load is readable from outside; the soak benchmark
// (`npm run bench -- soak`) reads these lines.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { log } from "../app/infra/log.server";

const MB = 1024 * 1024;
const round = (value: number) => Math.round(value * 10) / 10;

/** Starts logging every `seconds`; returns a function that stops it. */
export function startProcessMetrics(seconds: number): () => void {
  if (seconds <= 0) return () => undefined;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    log("info", "process metrics", {
      rssMb: round(memory.rss / MB),
      heapUsedMb: round(memory.heapUsed / MB),
      heapTotalMb: round(memory.heapTotal / MB),
      // Off the V8 heap: Buffers and ArrayBuffers (arrayBuffers is the part of external they hold).
      externalMb: round(memory.external / MB),
      arrayBuffersMb: round(memory.arrayBuffers / MB),
      // The histogram is in nanoseconds; a loop that never waited reports its resolution (10 ms).
      loopDelayP50Ms: round(delay.percentile(50) / 1e6),
      loopDelayP99Ms: round(delay.percentile(99) / 1e6),
      loopDelayMaxMs: round(delay.max / 1e6),
    });
    delay.reset();
  }, seconds * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
