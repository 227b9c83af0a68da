// Configuration from the environment, validated once at boot so a typo fails loudly, not later.
// Nothing else reads process.env for configuration: ask env() (or logLevel(), for the logger,
// which must work even while reporting that the configuration is wrong).
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

const logLevelSchema = z.enum(["debug", "info", "warn", "error"], { message: "must be debug, info, warn or error" }).default("info");

/** "Name <address>" or a bare address, as nodemailer takes it. */
const MAIL_ADDRESS = /^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

const PROCESSES_RANGE = "must be a whole number of processes from 1 to 64";
const HEAP_GROWTH_RANGE = "must be a whole number of percent from 0 (V8's own growth) to 1000";

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
  /**
   * Server processes sharing the port on this machine (server/processes.ts), one per core to
   * use; above 1 it needs REDIS_URL, which carries live events and document updates between them.
   */
  PRAXIS_PROCESSES: z.coerce.number({ error: PROCESSES_RANGE }).int(PROCESSES_RANGE).min(1, PROCESSES_RANGE).max(64, PROCESSES_RANGE).default(1),
  /** The address people use, e.g. https://praxis.example.org. https turns on Secure, __Host- cookies. */
  PUBLIC_URL: z.string().url().optional(),
  PRAXIS_DEMO: z.enum(["0", "1"]).optional(),
  PRAXIS_DEMO_PASSWORD: z.string().min(8).default("praxis-demo"),
  /** Set to the number of proxies in front (e.g. 1) so client addresses for rate limits are right. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Prefix for Redis keys and channels, so several Praxis installs (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default("praxis"),
  LOG_LEVEL: logLevelSchema,
  /** Every this many seconds, an info log line with memory and event-loop delay (server/process-metrics.ts); 0 = off. */
  METRICS_LOG_SECONDS: z.coerce.number().int().min(0).default(0),
  /** Heap allowed past the live data before V8 collects again, in percent (server/heap-growth.ts); 0 = V8's own choice. */
  HEAP_GROWTH_PERCENT: z.coerce.number({ error: HEAP_GROWTH_RANGE }).int(HEAP_GROWTH_RANGE).min(0, HEAP_GROWTH_RANGE).max(1000, HEAP_GROWTH_RANGE).default(50),
  /** Co-editing limits (server/collab/extensions/limits.ts): open editors per member and per document. */
  COLLAB_CONNECTIONS_PER_MEMBER: z.coerce.number().int().min(1).default(20),
  COLLAB_CONNECTIONS_PER_DOCUMENT: z.coerce.number().int().min(1).default(100),
  /** Sustained Yjs messages a second per connection (bursts of four times that are allowed). */
  // A held key repeats ~30 times a second, each keystroke an update and an awareness message;
  // a flood is thousands a second. Set well above typing so no one's text is ever paused.
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  /** Minutes of editing after which an automatic version is kept (also when the last editor leaves). */
  DOCUMENT_AUTO_VERSION_MINUTES: z.coerce.number().positive().default(15),
  /** Per-member flood limit for discussion posts (threads and replies) per minute. */
  DISCUSSION_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** How often the in-process job sends due digests and held-back immediate mails; 0 turns it off. */
  DIGEST_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Real SMTP (smtp:// or smtps://); without it mail is written to MAIL_OUTBOX_DIR. Empty counts as unset. */
  SMTP_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.org").optional(),
  ),
  /** Where unsent mail is kept as .eml files. */
  MAIL_OUTBOX_DIR: z.string().min(1, "must be a folder path").default("./data/outbox"),
  MAIL_FROM: z.string().trim().regex(MAIL_ADDRESS, "must be an address, e.g. Praxis <praxis@example.org>").default("Praxis <praxis@localhost>"),
  /** Inbound mail (replies, RSVPs) on this port on HOST; unset (or empty), Praxis receives no mail. 0 picks a free port. */
  SMTP_INBOUND_PORT: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).max(65535).optional()),
  /** The domain of reply addresses (`<local>+<token>@<domain>`); unset, MAIL_FROM's domain. */
  MAIL_REPLY_DOMAIN: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/, "must be a domain name, e.g. praxis.example.org").optional(),
  ),
  /** Largest inbound message accepted, in kilobytes (larger ones are refused during the SMTP conversation). */
  MAIL_INBOUND_MAX_KB: z.coerce.number().int().min(16).max(51200).default(1024),
  /** Mails one member may send to Praxis per hour (replies and RSVPs); more are refused with a bounce. */
  MAIL_REPLIES_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Days a reply address in a mail keeps working. */
  MAIL_REPLY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Where uploaded files live (local file store), named by content hash. */
  FILES_DIR: z.string().default("./data/files"),
  /** s3://bucket/prefix: library files and receipts in an S3-compatible bucket several instances share. */
  FILES_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, "must be s3://bucket or s3://bucket/prefix").optional(),
  ),
  /** The S3 service's address when it is not AWS, e.g. http://minio.internal:9000. */
  S3_ENDPOINT: z.preprocess((value) => (value === "" ? undefined : value), z.url({ message: "must be an http(s) URL" }).optional()),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Signs the application form's start time (spam trap). Set it when several instances serve /apply. */
  APPLICATION_FORM_SECRET: z.string().min(16).optional(),
  /** A form sent sooner than this after it was shown is taken for a robot. */
  /** Longest an uploaded file may take to clean and index (in a worker thread) before it is refused. */
  /** Encrypts `praxis backup` (AES-256-GCM, scrypt key) and decrypts `praxis restore`. */
  PRAXIS_BACKUP_PASSPHRASE: z.string().min(12, "must have at least 12 characters").optional(),
  UPLOAD_PROCESSING_SECONDS: z.coerce.number().min(0.5).default(20),
  /** Memory the worker that cleans an upload may use, in MB. */
  UPLOAD_PROCESSING_MB: z.coerce.number().int().min(64).default(384),
  APPLICATION_MIN_FILL_SECONDS: z.coerce.number().int().min(0).default(4),
  /** Applications sent per hour from one address (a shared café or office counts once). */
  APPLICATION_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** How often the server erases applicants' data whose retention has passed. */
  APPLICATION_ERASURE_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
  /** How often the server makes account erasures final after their undo window, and clears expired data exports. */
  ACCOUNT_JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(300),
  DECISION_JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  /**
   * Where the "Exit this page" control sends people: a site that looks ordinary on a shared or
   * watched screen. The default is a blank search page Praxis serves, which names nothing.
   */
  QUICK_EXIT_URL: z
    .string()
    .default(NEUTRAL_PAGE_PATH)
    .refine(isQuickExitTarget, "must be a path on this site (/...) or an http:// or https:// address"),
  /** `npm run praxis -- create-coordinator`: the new coordinator's password (asked when unset). */
  PRAXIS_PASSWORD: z.string().optional(),
  /** The test harness builds once and sets "skip" so its many servers do not rebuild. */
  PRAXIS_BUILD: z.enum(["skip"], { message: "must be skip or unset" }).optional(),
});

export type Env = z.infer<typeof schema>;

/** Every variable Praxis reads. */
export const CONFIGURATION_VARIABLES = Object.keys(schema.shape) as Array<keyof Env>;

/** Validates a set of variables; the error names every variable at fault and why. */
export function readEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  const problems = parsed.success ? combinationProblems(parsed.data) : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  return parsed.data;
}

/** Values that are each valid but do not work together. */
function combinationProblems(config: Env): string[] {
  const problems: string[] = [];
  if (config.PRAXIS_PROCESSES > 1 && !config.REDIS_URL) {
    problems.push("PRAXIS_PROCESSES: above 1 needs REDIS_URL, which carries live events and document updates between the processes");
  }
  return problems;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= readEnv(process.env);
  return cached;
}

export function isSecureDeployment(): boolean {
  return env().PUBLIC_URL?.startsWith("https://") ?? false;
}

/** The logger's threshold, from the same rule as env() (a wrong value logs at info until start refuses it). */
export function logLevel(): z.infer<typeof logLevelSchema> {
  const parsed = logLevelSchema.safeParse(process.env.LOG_LEVEL);
  return parsed.success ? parsed.data : "info";
}

// Where this process really listens, for links in mail when PUBLIC_URL is unset. Known only once
// the server listens (PORT=0 picks a free port), after configuration was read; passed through
// the process environment because the app bundle holds its own copy of this module.
const LISTEN_URL = "PRAXIS_LISTEN_URL";

export function recordListenUrl(url: string): void {
  process.env[LISTEN_URL] = url;
}

/** The address links in mail use: PUBLIC_URL, else the address the server listens on. */
export function linkBaseUrl(): string {
  return (env().PUBLIC_URL ?? process.env[LISTEN_URL] ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}

/** Demo data everywhere except production, where PRAXIS_DEMO=1 opts in. */
export function isDemoAllowed(): boolean {
  // server/boot-env.ts records the NODE_ENV the operator gave before it forces "production".
  const requested = process.env.PRAXIS_REQUESTED_NODE_ENV ?? env().NODE_ENV;
  return requested !== "production" || env().PRAXIS_DEMO === "1";
}
