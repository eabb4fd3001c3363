import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { recordAuditMany } from "@/lib/audit/record";
import type { SystemActor } from "@/lib/auth/actor";

const EXPIRY_ACTOR: SystemActor = { kind: "system", label: "expiry" };

/**
 * Lazy expiry: every pending request past `expires_at` becomes `expired`, its items are released
 * and its escrow devices are free again — one set-based statement run before any operation that
 * touches requests, so no cron job is needed. SKIP LOCKED keeps concurrent sweeps from queueing
 * behind each other (the one holding the lock finishes the job).
 */
export async function expireOverdue(db: Db): Promise<number> {
  // The common case (nothing overdue) is one index probe on the partial pending-expiry index.
  const [due] = await queryRows<{ any: boolean }>(db, sql`select exists(select 1 from transfer_requests where status = 'pending' and expires_at <= now()) as any`);
  if (!due?.any) return 0;
  return db.transaction(async (tx) => {
    const expired = await queryRows<{ id: string; from_account_id: string; to_account_id: string; device_count: number; released: number }>(
      tx,
      sql`
      with due as (
        select id from transfer_requests
        where status = 'pending' and expires_at <= now()
        order by id
        for update skip locked
      ), expired as (
        update transfer_requests t set status = 'expired', updated_at = now()
        from due where t.id = due.id
        returning t.id, t.from_account_id, t.to_account_id, t.device_count
      ), released as (
        update transfer_request_items i set state = 'released'
        from expired e where i.request_id = e.id and i.state = 'pending'
        returning i.request_id, i.escrow_device_id
      ), freed as (
        update escrow_devices d set status = 'escrowed', transfer_initiated_at = null, updated_at = now()
        from released r where d.id = r.escrow_device_id and d.status = 'transfer_pending'
        returning d.id
      )
      select e.*, (select count(*)::int from released r where r.request_id = e.id) as released
      from expired e`,
    );
    if (!expired.length) return 0;
    await recordAuditMany(
      tx,
      EXPIRY_ACTOR,
      expired.flatMap((e) =>
        [e.from_account_id, e.to_account_id].map((accountId) => ({
          accountId,
          action: "transfer.expire",
          subjectType: "transfer_request",
          subjectId: e.id,
          detail: { device_count: e.device_count, released: e.released },
        })),
      ),
    );
    return expired.length;
  });
}
