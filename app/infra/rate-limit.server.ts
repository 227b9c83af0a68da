// Rate limits on rate-limiter-flexible: fixed windows counted in Redis when REDIS_URL is set, so
// every instance shares one count (N instances no longer allow N× the sign-in attempts), and in
// memory otherwise. If Redis becomes unreachable the counts fall back to this instance's memory
// (the library's insurance limiter) rather than failing sign-in or posting.
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { env } from "./env.server";
import { log } from "./log.server";

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit for every key; not allowed when any key is now over its limit. */
  hit(keys: string[]): Promise<RateVerdict>;
  /** Whether the next hit would be allowed for every key, without counting. */
  check(keys: string[]): Promise<RateVerdict>;
  reset(key: string): Promise<void>;
}

export interface RateLimitOptions {
  /** Distinguishes this limiter's keys from every other's (and stays the same across instances). */
  name: string;
  limit: number;
  windowMs: number;
  /** A second, longer window that lets short bursts through once the first is spent. */
  burst?: { limit: number; windowMs: number };
  /** false: counts that only mean something here (e.g. per connection) stay in memory. */
  shared?: boolean;
}

type RedisClient = ReturnType<typeof createClient>;
let redis: Promise<RedisClient> | null = null;

function sharedRedis(url: string): Promise<RedisClient> {
  redis ??= (async () => {
    const client = createClient({ url, name: "praxis-rate-limits" });
    client.on("error", (error: Error) => log("warn", "rate-limit redis error", { error: error.message }));
    await client.connect();
    return client;
  })();
  return redis;
}

/** Closes the shared Redis connection (graceful shutdown). */
export async function closeRateLimits(): Promise<void> {
  const pending = redis;
  redis = null;
  if (pending) await (await pending.catch(() => null))?.close().catch(() => undefined);
}

function windowStore(name: string, limit: number, windowMs: number, shared: boolean): () => Promise<RateLimiterAbstract> {
  const duration = Math.max(1, Math.ceil(windowMs / 1000));
  const memory = new RateLimiterMemory({ keyPrefix: name, points: limit, duration });
  let store: RateLimiterAbstract | null = null;
  // Configuration is read on first use: limiters are created when their modules load.
  return async () => {
    if (store) return store;
    const url = shared ? env().REDIS_URL : undefined;
    if (!url) return (store = memory);
    try {
      const client = await sharedRedis(url);
      store = new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
        keyPrefix: `${env().REDIS_PREFIX}:rl:${name}`,
        points: limit,
        duration,
      });
      return store;
    } catch (error) {
      log("warn", "rate limits counted in memory: redis unreachable", { error: error instanceof Error ? error.message : String(error) });
      return memory;
    }
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const shared = options.shared ?? true;
  const main = windowStore(options.name, options.limit, options.windowMs, shared);
  const burst = options.burst ? windowStore(`${options.name}:burst`, options.burst.limit, options.burst.windowMs, shared) : null;
  const consumer = async () => (burst ? new BurstyRateLimiter(await main(), await burst()) : await main());

  async function hitOne(key: string): Promise<RateVerdict> {
    try {
      await (await consumer()).consume(key);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: seconds(rejection.msBeforeNext) };
      throw rejection;
    }
  }

  async function checkOne(key: string): Promise<RateVerdict> {
    const found = await (await main()).get(key);
    if (!found || found.consumedPoints + 1 <= options.limit) return { allowed: true, retryAfterSeconds: 0 };
    if (burst) {
      const spare = await (await burst()).get(key);
      if (!spare || spare.consumedPoints + 1 <= options.burst!.limit) return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: seconds(found.msBeforeNext) };
  }

  const combine = (verdicts: RateVerdict[]): RateVerdict => ({
    allowed: verdicts.every((v) => v.allowed),
    retryAfterSeconds: Math.max(0, ...verdicts.filter((v) => !v.allowed).map((v) => v.retryAfterSeconds)),
  });

  return {
    async hit(keys) {
      return combine(await Promise.all(keys.map(hitOne)));
    },
    async check(keys) {
      return combine(await Promise.all(keys.map(checkOne)));
    },
    async reset(key) {
      await (await main()).delete(key);
      if (burst) await (await burst()).delete(key);
    },
  };
}
