// Structured logs: one JSON line per event. Never log personal data, tokens or message bodies.
import { logLevel } from "./env.server";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  return ORDER[logLevel()];
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

/** Path segments that may be secrets (invitation, calendar, share tokens) are masked. */
export function redactPath(path: string): string {
  return path
    .split("?")[0]
    .split("/")
    .map((segment) => (segment.length >= 32 ? "[token]" : segment))
    .join("/");
}

/** An error's name and message for the log, no stack unless debugging. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.name, detail: error.message, ...(threshold() <= ORDER.debug ? { stack: error.stack } : {}) };
  }
  return { error: String(error) };
}
