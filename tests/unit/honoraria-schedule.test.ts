import { describe, expect, it } from "vitest";
import { instalmentContaining, paymentSchedule } from "~/domain/honoraria";

const month = (m: string, paid = false) => ({ month: m, amountCents: 10_000, paidAt: paid ? new Date("2026-05-01T00:00:00Z") : null });
const year = (y: number) => Array.from({ length: 12 }, (_, i) => month(`${y}-${String(i + 1).padStart(2, "0")}`));

describe("paymentSchedule", () => {
  it("pays monthly: one instalment per month, due on its last day", () => {
    const schedule = paymentSchedule(year(2028), 12);
    expect(schedule).toHaveLength(12);
    expect(schedule[1]).toMatchObject({ months: ["2028-02"], dueDate: "2028-02-29", amountCents: 10_000 });
  });

  it("splits the CoP year into equal instalments with the same total", () => {
    for (const perYear of [2, 3, 4]) {
      const schedule = paymentSchedule(year(2026), perYear);
      expect(schedule).toHaveLength(perYear);
      expect(schedule.reduce((sum, i) => sum + i.amountCents, 0)).toBe(120_000);
    }
    expect(paymentSchedule(year(2026), 4).map((i) => i.dueDate)).toEqual(["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]);
  });

  it("covers only the months a member was there for, and knows what is paid", () => {
    const schedule = paymentSchedule([month("2026-06", true), month("2026-05", true), month("2026-07"), month("2026-08")], 3);
    expect(schedule.map((i) => [i.months, i.dueDate, i.amountCents, i.paidCents, i.isPaid])).toEqual([
      [["2026-05", "2026-06", "2026-07", "2026-08"], "2026-08-31", 40_000, 20_000, false],
    ]);
    expect(instalmentContaining(schedule, "2026-07")?.months).toEqual(["2026-05", "2026-06", "2026-07", "2026-08"]);
    expect(instalmentContaining(schedule, "2026-09")).toBeUndefined();
  });

  it("falls back to monthly for a setting it does not know", () => {
    expect(paymentSchedule(year(2026), 5)).toHaveLength(12);
  });
});
