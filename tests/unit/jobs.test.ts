// The server's interval jobs: a failing job is logged and keeps its schedule, never crashing the
// process; runs never overlap; stopping waits for a run in flight and nothing runs afterwards.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { serverJobs, startJobs, type Job } from "../../server/jobs";
import type { Env } from "~/infra/env.server";

let logged: string[];

beforeEach(() => {
  vi.useFakeTimers();
  logged = [];
  vi.spyOn(process.stderr, "write").mockImplementation((line) => {
    logged.push(String(line));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("startJobs", () => {
  it("logs a job that throws or rejects and runs it again at the next tick", async () => {
    let throws = 0;
    let rejects = 0;
    const jobs: Job[] = [
      { name: "throws", everyMs: 1_000, run: () => { throws++; throw new Error("boom"); } },
      { name: "rejects", everyMs: 1_000, run: async () => { rejects++; throw new Error("bust"); } },
    ];
    const running = startJobs(jobs);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(throws).toBe(3);
    expect(rejects).toBe(3);
    const failures = logged.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "job failed");
    expect(failures.filter((entry) => entry.job === "throws")).toHaveLength(3);
    expect(failures.find((entry) => entry.job === "rejects")).toMatchObject({ level: "error", detail: "bust" });
    await running.stop();
  });

  it("skips a tick while the previous run is still going, and runs first sooner when asked", async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const running = startJobs([{ name: "slow", everyMs: 1_000, firstAfterMs: 10, run: () => { runs++; return new Promise<void>((resolve) => (finish = resolve)); } }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    finish();
    await running.stop();
  });

  it("stops: waits for the run in flight, then nothing runs again", async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const running = startJobs([{ name: "slow", everyMs: 1_000, run: () => { runs++; return new Promise<void>((resolve) => (finish = resolve)); } }]);
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
  });
});

describe("serverJobs", () => {
  const config = { DIGEST_INTERVAL_SECONDS: 300, APPLICATION_ERASURE_INTERVAL_MINUTES: 60, ACCOUNT_JOBS_INTERVAL_SECONDS: 120 } as Env;

  it("runs mail every DIGEST_INTERVAL_SECONDS and erasure every APPLICATION_ERASURE_INTERVAL_MINUTES, first soon after start", () => {
    const jobs = serverJobs(config);
    expect(jobs.map((job) => [job.name, job.everyMs])).toEqual([
      ["held-back mail", 300_000],
      ["digests", 300_000],
      ["applications erasure", 3_600_000],
      ["account erasure", 120_000],
      ["data exports", 120_000],
      ["ended sessions", 120_000],
      ["follow-ups due", 120_000],
      ["reply addresses", 120_000],
    ]);
    expect(jobs[2].firstAfterMs).toBe(5_000);
  });

  it("turns mail jobs off with DIGEST_INTERVAL_SECONDS=0, keeping erasure", () => {
    expect(serverJobs({ ...config, DIGEST_INTERVAL_SECONDS: 0 }).map((job) => job.name)).toEqual(["applications erasure", "account erasure", "data exports", "ended sessions", "follow-ups due", "reply addresses"]);
  });
});
