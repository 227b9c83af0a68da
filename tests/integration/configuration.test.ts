// A wrong setting stops Praxis at start with a message naming it, before anything is touched.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startPraxisProcess } from "../support/server";

describe("configuration at start", () => {
  it("refuses bad mail and log settings with a clear message", async () => {
    const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), "praxis-config-")), "never.db")}`;
    const start = startPraxisProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: "loud", MAIL_FROM: "nobody", SMTP_URL: "mail.example.org" });
    await expect(start).rejects.toThrow(/exited with 1 before listening/);
    const message = String(await start.catch((error: Error) => error.message));
    expect(message).toContain("Praxis could not start: Invalid configuration:");
    expect(message).toContain("LOG_LEVEL: must be debug, info, warn or error");
    expect(message).toContain("MAIL_FROM: must be an address, e.g. Praxis <praxis@example.org>");
    expect(message).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
  });
});
