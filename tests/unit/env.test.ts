// Configuration: every variable the README documents is validated in one place, with the default
// the README states, and a wrong value is refused with a message naming the variable.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_VARIABLES, logLevel, readEnv } from "~/infra/env.server";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map(([, name, value]) => ({ name, value: value.trim() }));

describe("the README's configuration table", () => {
  it("lists variables that are all validated, each with the default it states", () => {
    expect(documented.length).toBeGreaterThan(15);
    const defaults = readEnv({}) as Record<string, unknown>;
    for (const { name, value } of documented) {
      expect(CONFIGURATION_VARIABLES, name).toContain(name);
      const literal = /^`(.*)`$/.exec(value);
      if (literal) expect(String(defaults[name]), name).toBe(literal[1]);
      else expect(defaults[name], name).toBeUndefined();
    }
  });

  it("documents every variable an operator sets", () => {
    const internal = ["PRAXIS_BUILD", "PRAXIS_PASSWORD"];
    expect(CONFIGURATION_VARIABLES.filter((name) => !internal.includes(name)).sort()).toEqual(documented.map((d) => d.name).sort());
  });
});

describe("readEnv", () => {
  it("refuses bad mail and log settings, naming each variable and what it must be", () => {
    expect(() => readEnv({ LOG_LEVEL: "loud" })).toThrow(/Invalid configuration:\n {2}LOG_LEVEL: must be debug, info, warn or error/);
    expect(() => readEnv({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM: must be an address, e\.g\. Praxis <praxis@example\.org>/);
    expect(() => readEnv({ SMTP_URL: "mail.example.org:587" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => readEnv({ MAIL_OUTBOX_DIR: "" })).toThrow(/MAIL_OUTBOX_DIR: must be a folder path/);
    expect(() => readEnv({ LOG_LEVEL: "loud", MAIL_FROM: "nobody" })).toThrow(/LOG_LEVEL[\s\S]*MAIL_FROM/);
  });

  it("refuses a heap growth that is not a whole percentage from 0 to 1000", () => {
    for (const value of ["-5", "2000", "12.5", "half"]) expect(() => readEnv({ HEAP_GROWTH_PERCENT: value }), value).toThrow(/HEAP_GROWTH_PERCENT: must be a whole number of percent from 0 \(V8's own growth\) to 1000/);
    expect(readEnv({ HEAP_GROWTH_PERCENT: "0" }).HEAP_GROWTH_PERCENT).toBe(0);
  });

  it("refuses several processes without Redis, and a count that is not a whole number from 1 to 64", () => {
    expect(() => readEnv({ PRAXIS_PROCESSES: "2" })).toThrow(/PRAXIS_PROCESSES: above 1 needs REDIS_URL/);
    for (const value of ["0", "65", "1.5", "many"]) expect(() => readEnv({ PRAXIS_PROCESSES: value }), value).toThrow(/PRAXIS_PROCESSES: must be a whole number of processes from 1 to 64/);
    expect(readEnv({ PRAXIS_PROCESSES: "2", REDIS_URL: "redis://127.0.0.1:6379" }).PRAXIS_PROCESSES).toBe(2);
    expect(readEnv({}).PRAXIS_PROCESSES).toBe(1);
  });

  it("takes good mail and log settings as given", () => {
    const config = readEnv({ SMTP_URL: "smtps://user:pass@mail.example.org", MAIL_FROM: "CoP <cop@example.org>", MAIL_OUTBOX_DIR: "/var/praxis/outbox", LOG_LEVEL: "debug" });
    expect(config).toMatchObject({ SMTP_URL: "smtps://user:pass@mail.example.org", MAIL_FROM: "CoP <cop@example.org>", MAIL_OUTBOX_DIR: "/var/praxis/outbox", LOG_LEVEL: "debug" });
    expect(readEnv({ MAIL_FROM: "cop@example.org" }).MAIL_FROM).toBe("cop@example.org");
    // An empty SMTP_URL has always meant "no SMTP": mail goes to the outbox.
    expect(readEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
});

describe("logLevel", () => {
  it("follows LOG_LEVEL, and logs at info while a wrong value is being reported", () => {
    const before = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "error";
      expect(logLevel()).toBe("error");
      process.env.LOG_LEVEL = "loud";
      expect(logLevel()).toBe("info");
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });
});
