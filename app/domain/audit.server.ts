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
