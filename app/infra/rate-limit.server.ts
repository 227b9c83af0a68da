// Fixed-window counters in memory: enough to slow password guessing and floods on one instance.
// With several instances each keeps its own counts (see README, scale-out).

export interface RateLimiter {
  /** Counts one hit for every key; false when any key is now over its limit. */
  hit(keys: string[]): { allowed: boolean; retryAfterSeconds: number };
  /** Whether any key is over its limit, without counting. */
  check(keys: string[]): { allowed: boolean; retryAfterSeconds: number };
  reset(key: string): void;
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function current(key: string, now: number) {
    const window = windows.get(key);
    if (!window || now - window.startedAt >= options.windowMs) return null;
    return window;
  }

  function sweep(now: number) {
    if (windows.size < 10_000) return;
    for (const [key, window] of windows) if (now - window.startedAt >= options.windowMs) windows.delete(key);
  }

  function verdict(keys: string[], now: number, extra: number) {
    let retryAfterMs = 0;
    for (const key of keys) {
      const window = current(key, now);
      if (window && window.count + extra > options.limit) {
        retryAfterMs = Math.max(retryAfterMs, window.startedAt + options.windowMs - now);
      }
    }
    return { allowed: retryAfterMs === 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
  }

  return {
    hit(keys) {
      const now = Date.now();
      sweep(now);
      for (const key of keys) {
        const window = current(key, now) ?? { startedAt: now, count: 0 };
        window.count += 1;
        windows.set(key, window);
      }
      return verdict(keys, now, 0);
    },
    check(keys) {
      return verdict(keys, Date.now(), 1);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
