// What stands between the public form and the database: a signed "shown at" stamp and a
// honeypot against robots, and per-address rate limits. Checked before anything is read or stored.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "~/infra/env.server";
import { createRateLimiter } from "~/infra/rate-limit.server";
import { ok, refuse, type Result } from "../result";

/** Fixed per process unless configured; a restart only asks people mid-form to send again. */
let processSecret: Buffer | undefined;
function formSecret(): Buffer {
  const configured = env().APPLICATION_FORM_SECRET;
  if (configured) return Buffer.from(configured);
  processSecret ??= randomBytes(32);
  return processSecret;
}

/** A signed "the form was shown at" stamp, posted back with the form. */
export function issueFormStamp(now = Date.now()): string {
  const mac = createHmac("sha256", formSecret()).update(`apply:${now}`).digest("base64url");
  return `${now}.${mac}`;
}

/** The stamp to send back with a refused form: the original one keeps counting the person's time. */
export function stampToReturn(posted: string): string {
  const age = stampAge(posted, Date.now());
  return age !== null && age >= 0 ? posted : issueFormStamp();
}

function stampAge(stamp: string, now: number): number | null {
  const [time, mac] = stamp.split(".");
  if (!time || !mac || !/^\d{10,16}$/.test(time)) return null;
  const expected = createHmac("sha256", formSecret()).update(`apply:${time}`).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return now - Number(time);
}

// Per address: generous for drafts (people save often on flaky connections), strict for
// submissions. Many applicants may share an address (a cyber café, an NGO office).
let submitLimiter: ReturnType<typeof createRateLimiter> | undefined;
const draftLimiter = createRateLimiter({ name: "application-draft", limit: 60, windowMs: 60 * 60 * 1000 });

export interface FormGuards {
  address: string;
  /** The honeypot field: people never see it, robots fill it. */
  honeypot: string;
  stamp: string;
  intent: "save-draft" | "submit";
}

/** Spam trap and rate limit, before anything is read or stored. */
export async function checkFormGuards(guards: FormGuards, now = Date.now()): Promise<Result> {
  if (guards.honeypot.trim() !== "") return refuse.invalid("applications:form.spam");
  const age = stampAge(guards.stamp, now);
  // A stamp older than a week is fine (a draft left open); a missing or forged one is not.
  if (age === null || age < 0) return refuse.invalid("applications:form.expiredForm");
  if (guards.intent === "submit" && age < env().APPLICATION_MIN_FILL_SECONDS * 1000) return refuse.invalid("applications:form.tooFast");
  submitLimiter ??= createRateLimiter({ name: "application-submit", limit: env().APPLICATION_SUBMISSIONS_PER_HOUR, windowMs: 60 * 60 * 1000 });
  const limiter = guards.intent === "submit" ? submitLimiter : draftLimiter;
  const verdict = await limiter.hit([`apply:${guards.address}`]);
  if (!verdict.allowed) return refuse.tooMany("applications:form.rateLimited", verdict.retryAfterSeconds);
  return ok();
}
