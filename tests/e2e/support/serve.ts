// Serves Praxis for the browser tests: production build, demo community, a throwaway database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "praxis-e2e-"));
process.env.DATABASE_URL = `file:${join(dir, "praxis.db")}`;
process.env.FILES_DIR = join(dir, "files");
process.env.MAIL_OUTBOX_DIR = join(dir, "outbox");
// Inbound mail on a free port, so the settings for replying by email are on the pages axe checks.
process.env.SMTP_INBOUND_PORT = "0";
process.env.PORT = process.env.E2E_PORT ?? "3999";
process.env.HOST = "127.0.0.1";
process.env.NODE_ENV = "production";
process.env.PRAXIS_DEMO = "1";
process.env.LOG_LEVEL = "warn";
await import("../../../server/index");
