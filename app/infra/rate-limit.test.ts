import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

describe("rate limiter (in memory, without REDIS_URL)", () => {
  it("allows up to the limit, then refuses with a wait", async () => {
    const limiter = createRateLimiter({ name: "t1", limit: 3, windowMs: 60_000 });
    expect(await Promise.all([1, 2, 3].map(async () => (await limiter.hit(["k"])).allowed))).toEqual([true, true, true]);
    const refused = await limiter.hit(["k"]);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limiter.check(["other"])).allowed).toBe(true);
  });
  it("check() predicts the next hit without counting", async () => {
    const limiter = createRateLimiter({ name: "t2", limit: 1, windowMs: 60_000 });
    expect((await limiter.check(["k"])).allowed).toBe(true);
    await limiter.hit(["k"]);
    expect((await limiter.check(["k"])).allowed).toBe(false);
    await limiter.reset("k");
    expect((await limiter.check(["k"])).allowed).toBe(true);
  });
  it("lets a burst through once the short window is spent, then refuses", async () => {
    const limiter = createRateLimiter({ name: "t3", limit: 2, windowMs: 1000, burst: { limit: 3, windowMs: 10_000 } });
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push((await limiter.hit(["k"])).allowed);
    expect(verdicts).toEqual([true, true, true, true, true, false]);
  });
});
