// Work the server does on a clock rather than on a request: mail held back by quiet hours or
// rest mode, daily and weekly digests, erasing applicants' data whose retention has ended,
// making account erasures final and preparing or clearing data exports, closing decisions
// at their time and reminding those who have not voted, telling owners a follow-up is due.
// One place starts and stops them all. A job that throws is logged and runs again at its next
// tick; it never takes the process down. A tick is skipped while the previous run is still
// going, and stopping waits for runs in flight, so shutdown never cuts one off half-way.
import { finaliseDueErasures } from "~/domain/account-erasure.server";
import { eraseExpiredApplications } from "~/domain/applications/erasure.server";
import { sweepExports } from "~/domain/data-export.server";
import { deleteEndedSessions } from "~/domain/sessions.server";
import { sweepReplyTokens } from "~/domain/mail-in/tokens.server";
import { runDecisionJobs } from "~/domain/decisions/decisions.server";
import { runDigests, sendPendingImmediate } from "~/domain/notifications.server";
import { noticeDueFollowUps } from "~/domain/work-notices.server";
import { env, type Env } from "~/infra/env.server";
import { describeError, log } from "~/infra/log.server";

export interface Job {
  name: string;
  everyMs: number;
  /** The first run, sooner than a whole interval after start (default: one interval). */
  firstAfterMs?: number;
  run(): Promise<unknown>;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

/** The server's jobs, as configured. */
export function serverJobs(config: Env = env(), clock: () => Date = () => new Date()): Job[] {
  const jobs: Job[] = [];
  if (config.DIGEST_INTERVAL_SECONDS > 0) {
    const everyMs = config.DIGEST_INTERVAL_SECONDS * 1000;
    jobs.push({ name: "held-back mail", everyMs, run: () => sendPendingImmediate() });
    jobs.push({ name: "digests", everyMs, run: () => runDigests() });
  }
  // Soon after start too: a server restarted more often than the interval still erases.
  jobs.push({ name: "applications erasure", everyMs: config.APPLICATION_ERASURE_INTERVAL_MINUTES * 60_000, firstAfterMs: 5_000, run: () => eraseExpiredApplications() });
  // Account erasures after their undo window; exports expired, downloaded, or cut off by a restart.
  const accountMs = config.ACCOUNT_JOBS_INTERVAL_SECONDS * 1000;
  jobs.push({ name: "account erasure", everyMs: accountMs, firstAfterMs: 5_000, run: () => finaliseDueErasures() });
  jobs.push({ name: "data exports", everyMs: accountMs, firstAfterMs: 1_000, run: () => sweepExports() });
  // Ended sessions go with their offline-pack keys, even if their device never comes back.
  jobs.push({ name: "ended sessions", everyMs: accountMs, firstAfterMs: 5_000, run: () => deleteEndedSessions() });
  // A follow-up action's owner hears of it the day before it is due (clock injectable for tests).
  jobs.push({ name: "follow-ups due", everyMs: accountMs, firstAfterMs: 5_000, run: () => noticeDueFollowUps(clock()) });
  // Reply addresses long expired or revoked are forgotten.
  jobs.push({ name: "reply addresses", everyMs: accountMs, run: () => sweepReplyTokens() });
  // Decisions close at their time and remind non-voters a day before (clock injectable for tests).
  if (config.DECISION_JOBS_INTERVAL_SECONDS > 0) {
    jobs.push({ name: "decisions", everyMs: config.DECISION_JOBS_INTERVAL_SECONDS * 1000, firstAfterMs: 2_000, run: () => runDecisionJobs(clock()) });
  }
  return jobs;
}

export function startJobs(jobs: Job[] = serverJobs()): RunningJobs {
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  for (const job of jobs) {
    let running = false;
    const tick = () => {
      if (stopped || running) return;
      running = true;
      const run = (async () => {
        try {
          await job.run();
        } catch (error) {
          log("error", "job failed", { job: job.name, ...describeError(error) });
        } finally {
          running = false;
        }
      })();
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    };
    const interval = setInterval(tick, job.everyMs);
    interval.unref();
    timers.push(interval);
    if (job.firstAfterMs !== undefined) {
      const first = setTimeout(tick, job.firstAfterMs);
      first.unref();
      timers.push(first);
    }
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...inFlight]);
    },
  };
}
