// Honoraria: each working-group member's monthly honorarium (100 EUR a month by default), from
// the month they joined to the current month; paid monthly or in instalments as the coordinator
// sets; the coordinator marks instalments paid (or corrects a mark), every mark is audited, and a
// member sees their own record.
import { z } from "zod";
import { db } from "~/infra/db.server";
import { recordAudit, auditTrailFor } from "./audit.server";
import { INSTALMENT_CHOICES, instalmentContaining, MONTHLY, paymentSchedule, type Instalment } from "./honoraria";
import { DEFAULT_CURRENCY } from "./money";
import type { Actor } from "./permissions";
import * as honoraria from "./policies/honoraria";
import { ok, refuse, type Result } from "./result";

export const HONORARIUM_MONTHLY_CENTS = 10_000;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026-11" for a date, in UTC (months are accounting periods, not local days). */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** Every month from `first` to `last` inclusive ("2026-09" … "2026-11"). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number);
  const [endYear, endMonth] = last.split("-").map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export interface HonorariumRecord {
  userId: string;
  displayName: string;
  currency: string;
  months: Array<{ month: string; amountCents: number; paidAt: Date | null }>;
  paidCents: number;
  owedCents: number;
  /** The payment schedule up to the end of the current CoP year, under the coordinator's setting. */
  schedule: Instalment[];
}

const SETTINGS_ID = "honoraria";

/** How many instalments a year honoraria are paid in (12: monthly, the default). */
export async function honorariumInstalmentsPerYear(): Promise<number> {
  const row = await db().honorariumSettings.findUnique({ where: { id: SETTINGS_ID }, select: { instalmentsPerYear: true } });
  return row?.instalmentsPerYear ?? MONTHLY;
}

const scheduleSettingSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("monthly") }),
  z.object({
    mode: z.literal("instalments"),
    instalments: z.coerce
      .number("mel:honoraria.schedule.instalmentsInvalid")
      .int("mel:honoraria.schedule.instalmentsInvalid")
      .refine((n) => (INSTALMENT_CHOICES as readonly number[]).includes(n), "mel:honoraria.schedule.instalmentsInvalid"),
  }),
], { error: () => "mel:honoraria.schedule.modeInvalid" });

/** The coordinator chooses monthly payments or 2–4 instalments over the CoP year. */
export async function setHonorariumSchedule(actor: Actor, input: { mode: string; instalments: string }): Promise<Result> {
  if (!honoraria.allow(actor, "manage", "all")) return refuse.forbidden();
  const parsed = scheduleSettingSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "instalments" ? "instalments" : "mode";
    return refuse.invalid(issue?.message ?? "mel:honoraria.schedule.modeInvalid", field);
  }
  const instalmentsPerYear = parsed.data.mode === "monthly" ? MONTHLY : parsed.data.instalments;
  await db().$transaction(async (tx) => {
    await tx.honorariumSettings.upsert({
      where: { id: SETTINGS_ID },
      create: { id: SETTINGS_ID, instalmentsPerYear, updatedById: actor.id },
      update: { instalmentsPerYear, updatedById: actor.id },
    });
    await recordAudit({ actorId: actor.id, action: "honorarium.schedule", objectType: "honorarium", objectId: SETTINGS_ID, data: { instalmentsPerYear } }, tx);
  });
  return ok();
}

/** Members of working groups (leads too) are paid honoraria; MEL and coordinators are staff. */
async function eligibleMembers(userId?: string) {
  return db().user.findMany({
    where: { deactivatedAt: null, memberships: { some: {} }, ...(userId ? { id: userId } : {}) },
    select: { id: true, displayName: true, memberships: { select: { createdAt: true }, orderBy: { createdAt: "asc" }, take: 1 } },
    orderBy: { displayName: "asc" },
  });
}

async function recordsFor(users: Awaited<ReturnType<typeof eligibleMembers>>, now: Date): Promise<HonorariumRecord[]> {
  const [payments, instalmentsPerYear] = await Promise.all([
    db().honorariumPayment.findMany({ where: { userId: { in: users.map((u) => u.id) } } }),
    honorariumInstalmentsPerYear(),
  ]);
  const current = monthOf(now);
  const yearEnd = `${current.slice(0, 4)}-12`;
  return users.map((user) => {
    const mine = new Map(payments.filter((p) => p.userId === user.id).map((p) => [p.month, p]));
    const joined = monthOf(user.memberships[0]?.createdAt ?? now);
    // Paid months outside the joined…now window (a correction) still show.
    const months = [...new Set([...monthsBetween(joined, current), ...mine.keys()])].sort();
    const rows = months.map((month) => {
      const paid = mine.get(month);
      return { month, amountCents: paid?.amountCents ?? HONORARIUM_MONTHLY_CENTS, paidAt: paid?.paidAt ?? null };
    });
    const paidCents = rows.filter((r) => r.paidAt).reduce((sum, r) => sum + r.amountCents, 0);
    const owedCents = rows.filter((r) => !r.paidAt).reduce((sum, r) => sum + r.amountCents, 0);
    // The schedule runs to the end of the CoP year, so later instalments show their due dates.
    const later = monthsBetween(joined > current ? joined : current, yearEnd).filter((month) => !months.includes(month));
    const schedule = paymentSchedule([...rows, ...later.map((month) => ({ month, amountCents: HONORARIUM_MONTHLY_CENTS, paidAt: null }))], instalmentsPerYear);
    return { userId: user.id, displayName: user.displayName, currency: DEFAULT_CURRENCY, months: rows, paidCents, owedCents, schedule };
  });
}

export async function listHonoraria(actor: Actor, now = new Date()): Promise<Result<HonorariumRecord[]>> {
  if (!honoraria.allow(actor, "read", "all")) return refuse.forbidden();
  return ok(await recordsFor(await eligibleMembers(), now));
}

/** The actor's own record; null when they are not paid honoraria. */
export async function ownHonorarium(actor: Actor, now = new Date()): Promise<HonorariumRecord | null> {
  const users = await eligibleMembers(actor.id);
  return users.length ? (await recordsFor(users, now))[0] : null;
}

/**
 * Marks paid the instalment that `month` belongs to under the current schedule (the month
 * itself when paid monthly): every unpaid month it covers, once all of them have begun.
 */
export async function markHonorariumPaid(actor: Actor, userId: string, month: string, now = new Date()): Promise<Result> {
  if (!honoraria.allow(actor, "manage", "all")) return refuse.forbidden();
  if (!MONTH.test(month)) return refuse.invalid("mel:honoraria.monthInvalid", "month");
  const [user] = await eligibleMembers(userId);
  if (!user) return refuse.invalid("mel:honoraria.notEligible", "userId");
  const [record] = await recordsFor([user], now);
  const instalment = instalmentContaining(record.schedule, month);
  if (!instalment || instalment.months.some((m) => m > monthOf(now))) return refuse.invalid("mel:honoraria.monthInFuture", "month");
  const paid = new Set(record.months.filter((m) => m.paidAt).map((m) => m.month));
  const toPay = instalment.months.filter((m) => !paid.has(m));
  if (toPay.length === 0) return ok();
  await db().$transaction(async (tx) => {
    await tx.honorariumPayment.createMany({ data: toPay.map((m) => ({ userId, month: m, amountCents: HONORARIUM_MONTHLY_CENTS, currency: DEFAULT_CURRENCY, paidAt: now, paidById: actor.id })) });
    await recordAudit({ actorId: actor.id, action: "honorarium.paid", objectType: "honorarium", objectId: userId, data: { month: toPay.join(", "), amountCents: HONORARIUM_MONTHLY_CENTS * toPay.length, currency: DEFAULT_CURRENCY, member: user.displayName } }, tx);
  });
  return ok();
}

/** Corrects a mistaken mark (the whole instalment `month` belongs to); the trail keeps both. */
export async function unmarkHonorariumPaid(actor: Actor, userId: string, month: string, now = new Date()): Promise<Result> {
  if (!honoraria.allow(actor, "manage", "all")) return refuse.forbidden();
  if (!MONTH.test(month)) return refuse.invalid("mel:honoraria.monthInvalid", "month");
  const users = await eligibleMembers(userId);
  // A former member's paid months can still be corrected, one month at a time.
  const months = users.length ? (instalmentContaining((await recordsFor(users, now))[0].schedule, month)?.months ?? [month]) : [month];
  const existing = await db().honorariumPayment.findMany({ where: { userId, month: { in: months } } });
  if (existing.length === 0) return ok();
  const user = await db().user.findUnique({ where: { id: userId }, select: { displayName: true } });
  await db().$transaction(async (tx) => {
    await tx.honorariumPayment.deleteMany({ where: { userId, month: { in: existing.map((p) => p.month) } } });
    await recordAudit({ actorId: actor.id, action: "honorarium.unmarked", objectType: "honorarium", objectId: userId, data: { month: existing.map((p) => p.month).sort().join(", "), amountCents: existing.reduce((sum, p) => sum + p.amountCents, 0), currency: existing[0].currency, member: user?.displayName ?? "" } }, tx);
  });
  return ok();
}

/** The honoraria trail across every member, newest first: names and amounts, for coordinators. */
export async function honorariaTrail(actor: Actor, limit = 50) {
  if (!honoraria.allow(actor, "read", "all")) return refuse.forbidden();
  return ok(await auditTrailFor([{ objectType: "honorarium" }], { limit, newestFirst: true }));
}
