// Reads DATABASE_URL: which provider it selects, and where an SQLite file lives.
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/praxis.db";

export function databaseKind(url: string): "sqlite" | "postgresql" {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${url.split(":")[0]}:…")`);
}

/** `file:./data/praxis.db` → an absolute path, relative to the working directory. */
export function sqliteFilePath(url: string): string {
  const path = url.slice("file:".length).split("?")[0];
  if (path === ":memory:") return path;
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
