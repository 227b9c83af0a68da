// The audit trail: append-only records of consequential actions. There is no update or delete.
import type { Db } from "~/infra/db.server";
import { db } from "~/infra/db.server";
import { newId } from "~/infra/ids.server";

type Tx = Pick<Db, "auditEvent">;

export async function recordAudit(
  entry: { actorId: string | null; action: string; objectType: string; objectId: string; data?: Record<string, unknown> },
  tx: Tx = db(),
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: newId(),
      actorId: entry.actorId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      data: JSON.stringify(entry.data ?? {}),
    },
  });
}

export async function auditTrail(objectType: string, objectId: string) {
  return db().auditEvent.findMany({
    where: { objectType, objectId },
    select: { id: true, action: true, data: true, createdAt: true, actor: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * The trail of several objects at once, e.g. a group's workplan and budget
 * ({objectType: "workplan", objectId: groupId}), or every object of a type ({objectType}).
 */
export async function auditTrailFor(
  objects: Array<{ objectType: string; objectId?: string }>,
  options: { limit?: number; newestFirst?: boolean } = {},
) {
  return db().auditEvent.findMany({
    where: { OR: objects.map((o) => (o.objectId === undefined ? { objectType: o.objectType } : { objectType: o.objectType, objectId: o.objectId })) },
    select: { id: true, action: true, objectType: true, objectId: true, data: true, createdAt: true, actor: { select: { displayName: true } } },
    orderBy: { createdAt: options.newestFirst ? "desc" : "asc" },
    take: options.limit,
  });
}
