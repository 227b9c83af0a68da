// Configuration from the environment, validated once at boot so a typo fails loudly, not later.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseKind } from "./database-url";
import { NEUTRAL_PAGE_PATH } from "./quick-exit";

/** A path on this site (not "//host", no backslash or control character) or an http(s) address. */
export function isQuickExitTarget(value: string): boolean {
  if (/[\u0000-\u001f\u007f\\\s]/.test(value)) return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => {
      try {
        databaseKind(url);
        return true;
      } catch {
        return false;
      }
    }, "must start with file:, postgres:// or postgresql://"),
  REDIS_URL: z.string().url().optional(),
  /** The address people use, e.g. https://praxis.example.org. https turns on Secure, __Host- cookies. */
  PUBLIC_URL: z.string().url().optional(),
  PRAXIS_DEMO: z.enum(["0", "1"]).optional(),
  PRAXIS_DEMO_PASSWORD: z.string().min(8).default("praxis-demo"),
  /** Set to the number of proxies in front (e.g. 1) so client addresses for rate limits are right. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Prefix for Redis keys and channels, so several Praxis installs (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default("praxis"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Per-member flood limit for discussion posts (threads and replies) per minute. */
  DISCUSSION_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** How often the in-process job sends due digests and held-back immediate mails; 0 turns it off. */
  DIGEST_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Where uploaded files live (local file store), named by content hash. */
  FILES_DIR: z.string().default("./data/files"),
  /** Signs the application form's start time (spam trap). Set it when several instances serve /apply. */
  APPLICATION_FORM_SECRET: z.string().min(16).optional(),
  /** A form sent sooner than this after it was shown is taken for a robot. */
  APPLICATION_MIN_FILL_SECONDS: z.coerce.number().int().min(0).default(4),
  /** Applications sent per hour from one address (a shared café or office counts once). */
  APPLICATION_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** How often the server erases applicants' data whose retention has passed. */
  APPLICATION_ERASURE_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
  /**
   * Where the "Exit this page" control sends people: a site that looks ordinary on a shared or
   * watched screen. The default is a blank search page Praxis serves, which names nothing.
   */
  QUICK_EXIT_URL: z
    .string()
    .default(NEUTRAL_PAGE_PATH)
    .refine(isQuickExitTarget, "must be a path on this site (/...) or an http:// or https:// address"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function isSecureDeployment(): boolean {
  return env().PUBLIC_URL?.startsWith("https://") ?? false;
}

/** CONTRACTS.md: demo data everywhere except production, where PRAXIS_DEMO=1 opts in. */
export function isDemoAllowed(): boolean {
  // server/boot-env.ts records the NODE_ENV the operator gave before it forces "production".
  const requested = process.env.PRAXIS_REQUESTED_NODE_ENV ?? env().NODE_ENV;
  return requested !== "production" || env().PRAXIS_DEMO === "1";
}
