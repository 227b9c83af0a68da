// Honoraria payment schedules: a member's months grouped into the instalments they are paid in.
// Pure and browser-safe; the records and settings live in honoraria.server.ts.

/** Instalments a year: 12 is "paid monthly"; otherwise 2–4 instalments over the CoP year. */
export const MONTHLY = 12;
export const INSTALMENT_CHOICES = [2, 3, 4] as const;

export interface MonthDue {
  month: string;
  amountCents: number;
  paidAt: Date | null;
}

export interface Instalment {
  /** The months it covers ("2026-01" …), in order; the first names the instalment in forms. */
  months: string[];
  /** Its last day ("2026-04-30"): an honorarium is paid once the months it covers are over. */
  dueDate: string;
  amountCents: number;
  paidCents: number;
  isPaid: boolean;
  /** When its last part was marked paid (null while nothing is). */
  paidAt: Date | null;
}

/** The CoP year (January–December) splits into equal periods; this is the period a month falls in. */
function periodOf(month: string, instalmentsPerYear: number): string {
  const [year, index] = month.split("-").map(Number);
  return `${year}-${Math.floor((index - 1) / (12 / instalmentsPerYear))}`;
}

function lastDayOfPeriod(month: string, instalmentsPerYear: number): string {
  const [year, index] = month.split("-").map(Number);
  const length = 12 / instalmentsPerYear;
  const lastMonth = (Math.floor((index - 1) / length) + 1) * length;
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(year, lastMonth, 0)).toISOString().slice(0, 10);
}

/**
 * The member's months (sorted) grouped into instalments; each instalment is the sum of its
 * months, so the total is the same however the coordinator chooses to pay.
 */
export function paymentSchedule(months: MonthDue[], instalmentsPerYear: number): Instalment[] {
  const perYear = instalmentsPerYear === MONTHLY || (INSTALMENT_CHOICES as readonly number[]).includes(instalmentsPerYear) ? instalmentsPerYear : MONTHLY;
  const byPeriod = new Map<string, MonthDue[]>();
  for (const month of [...months].sort((a, b) => a.month.localeCompare(b.month))) {
    const key = periodOf(month.month, perYear);
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), month]);
  }
  return [...byPeriod.values()].map((group) => {
    const amountCents = group.reduce((sum, m) => sum + m.amountCents, 0);
    const paidCents = group.filter((m) => m.paidAt).reduce((sum, m) => sum + m.amountCents, 0);
    return {
      months: group.map((m) => m.month),
      dueDate: lastDayOfPeriod(group[0].month, perYear),
      amountCents,
      paidCents,
      isPaid: group.every((m) => m.paidAt),
      paidAt: group.reduce<Date | null>((latest, m) => (m.paidAt && (!latest || m.paidAt > latest) ? m.paidAt : latest), null),
    };
  });
}

/** The instalment a month belongs to under this schedule (the months of the same period). */
export function instalmentContaining(schedule: Instalment[], month: string): Instalment | undefined {
  return schedule.find((instalment) => instalment.months.includes(month));
}
