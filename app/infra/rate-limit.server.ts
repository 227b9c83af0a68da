// Fixed-window counters in memory: enough to slow password guessing and floods on one instance.
// With several instances each keeps its own counts (see README, scale-out).

export interface RateLimiter {
  /** Counts one hit for every key; false when any key is over its limit. */
  hit(keys: string[]): { allowed: boolean; retryAfterSeconds: number };
  reset(key: string): void;
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function sweep(now: number) {
    if (windows.size < 10_000) return;
    for (const [key, window] of windows) if (now - window.startedAt >= options.windowMs) windows.delete(key);
  }

  return {
    hit(keys) {
      const now = Date.now();
      sweep(now);
      let allowed = true;
      let retryAfterMs = 0;
      for (const key of keys) {
        let window = windows.get(key);
        if (!window || now - window.startedAt >= options.windowMs) {
          window = { startedAt: now, count: 0 };
          windows.set(key, window);
        }
        window.count += 1;
        if (window.count > options.limit) {
          allowed = false;
          retryAfterMs = Math.max(retryAfterMs, window.startedAt + options.windowMs - now);
        }
      }
      return { allowed, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
