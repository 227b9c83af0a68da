import { describe, expect, it } from "vitest";
import { isQuickExitTarget } from "./env.server";

describe("QUICK_EXIT_URL", () => {
  it.each(["/search", "/", "https://weather.example/today", "http://news.example"])("accepts %s", (value) => {
    expect(isQuickExitTarget(value)).toBe(true);
  });

  it.each(["javascript:alert(1)", "//elsewhere.example", "/\\elsewhere.example", "weather.example", "https://user:pw@weather.example", "/a b", "data:text/html,x", ""])(
    "refuses %s",
    (value) => {
      expect(isQuickExitTarget(value)).toBe(false);
    },
  );
});
