import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transferRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { UserActor } from "@/lib/auth/actor";
import { loadVisibleTransfer, requirePending } from "./access";
import { itemIds } from "./get";
import { serializeTransfer } from "./serialize";

/**
 * Reject and cancel: lock the request, require it pending, end it with `status`, release its items
 * and put its escrow devices back to `escrowed` — set-based, one transaction, audited in both accounts.
 */
export async function endPendingTransfer(db: Db, user: UserActor, requestId: string, status: "rejected" | "cancelled", reason: string | null) {
  return db.transaction(async (tx) => {
    const t = await loadVisibleTransfer(tx, user, requestId, { forUpdate: true });
    requirePending(t);
    await tx.execute(sql`
      with released as (
        update transfer_request_items set state = 'released'
        where request_id = ${t.id} and state = 'pending'
        returning escrow_device_id
      )
      update escrow_devices d set status = 'escrowed', transfer_initiated_at = null, updated_at = now()
      from released r where d.id = r.escrow_device_id and d.status = 'transfer_pending'`);
    const [row] = await tx
      .update(transferRequests)
      .set({ status, decidedBy: user.userId, decidedAt: sql`now()`, reason, updatedAt: sql`now()` })
      .where(eq(transferRequests.id, t.id))
      .returning();
    await recordAudit(tx, user, {
      accountIds: [t.fromAccountId, t.toAccountId],
      action: status === "rejected" ? "transfer.reject" : "transfer.cancel",
      subjectType: "transfer_request",
      subjectId: t.id,
      detail: { device_count: t.deviceCount, ...(reason ? { reason } : {}) },
    });
    return serializeTransfer(row, await itemIds(tx, t.id));
  });
}
