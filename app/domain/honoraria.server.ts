// Honoraria: each working-group member's monthly honorarium (100 EUR a month by default), from
// the month they joined to the current month; the coordinator marks months paid (or corrects a
// mark), every mark is audited, and a member sees their own record.
import { db } from "~/infra/db.server";
import { recordAudit, auditTrailFor } from "./audit.server";
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
  const payments = await db().honorariumPayment.findMany({ where: { userId: { in: users.map((u) => u.id) } } });
  const current = monthOf(now);
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
    return { userId: user.id, displayName: user.displayName, currency: DEFAULT_CURRENCY, months: rows, paidCents, owedCents };
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

export async function markHonorariumPaid(actor: Actor, userId: string, month: string): Promise<Result> {
  if (!honoraria.allow(actor, "manage", "all")) return refuse.forbidden();
  if (!MONTH.test(month)) return refuse.invalid("mel:honoraria.monthInvalid", "month");
  const [user] = await eligibleMembers(userId);
  if (!user) return refuse.invalid("mel:honoraria.notEligible", "userId");
  if (month > monthOf(new Date())) return refuse.invalid("mel:honoraria.monthInFuture", "month");
  const existing = await db().honorariumPayment.findUnique({ where: { userId_month: { userId, month } } });
  if (existing) return ok();
  await db().$transaction(async (tx) => {
    await tx.honorariumPayment.create({ data: { userId, month, amountCents: HONORARIUM_MONTHLY_CENTS, currency: DEFAULT_CURRENCY, paidAt: new Date(), paidById: actor.id } });
    await recordAudit({ actorId: actor.id, action: "honorarium.paid", objectType: "honorarium", objectId: userId, data: { month, amountCents: HONORARIUM_MONTHLY_CENTS, currency: DEFAULT_CURRENCY, member: user.displayName } }, tx);
  });
  return ok();
}

/** Corrects a mistaken mark; the trail keeps both the mark and its correction. */
export async function unmarkHonorariumPaid(actor: Actor, userId: string, month: string): Promise<Result> {
  if (!honoraria.allow(actor, "manage", "all")) return refuse.forbidden();
  const existing = await db().honorariumPayment.findUnique({ where: { userId_month: { userId, month } } });
  if (!existing) return ok();
  const user = await db().user.findUnique({ where: { id: userId }, select: { displayName: true } });
  await db().$transaction(async (tx) => {
    await tx.honorariumPayment.delete({ where: { userId_month: { userId, month } } });
    await recordAudit({ actorId: actor.id, action: "honorarium.unmarked", objectType: "honorarium", objectId: userId, data: { month, amountCents: existing.amountCents, currency: existing.currency, member: user?.displayName ?? "" } }, tx);
  });
  return ok();
}

/** The honoraria trail across every member, newest first: names and amounts, for coordinators. */
export async function honorariaTrail(actor: Actor, limit = 50) {
  if (!honoraria.allow(actor, "read", "all")) return refuse.forbidden();
  return ok(await auditTrailFor([{ objectType: "honorarium" }], { limit, newestFirst: true }));
}
