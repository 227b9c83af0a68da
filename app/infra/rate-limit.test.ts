import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

describe("rate limiter", () => {
  it("allows up to the limit, then refuses with a wait", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([1, 2, 3].map(() => limiter.hit(["k"]).allowed)).toEqual([true, true, true]);
    const refused = limiter.hit(["k"]);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(limiter.check(["other"]).allowed).toBe(true);
  });
  it("check() predicts the next hit without counting", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    expect(limiter.check(["k"]).allowed).toBe(true);
    limiter.hit(["k"]);
    expect(limiter.check(["k"]).allowed).toBe(false);
    limiter.reset("k");
    expect(limiter.check(["k"]).allowed).toBe(true);
  });
});
