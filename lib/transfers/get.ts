import { asc, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { transferRequestItems } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { loadVisibleTransfer } from "./access";
import { expireOverdue } from "./expire";
import { progressOf } from "./progress";
import { serializeTransfer } from "./serialize";
import { textArray } from "./sql";

export async function itemIds(db: Db, requestId: string): Promise<string[]> {
  const rows = await db
    .select({ id: transferRequestItems.escrowDeviceId })
    .from(transferRequestItems)
    .where(eq(transferRequestItems.requestId, requestId))
    .orderBy(asc(transferRequestItems.uniqueId));
  return rows.map((r) => r.id);
}

/** Escrow device ids per request, for a page of requests, in one query. */
export async function itemIdsFor(db: Db, requestIds: string[]): Promise<Map<string, string[]>> {
  if (!requestIds.length) return new Map();
  const rows = await queryRows<{ request_id: string; ids: string[] }>(
    db,
    sql`select request_id, array_agg(escrow_device_id order by unique_id) as ids
        from transfer_request_items where request_id = any(${textArray(requestIds)}) group by request_id`,
  );
  return new Map(rows.map((r) => [r.request_id, r.ids]));
}

/**
 * `GET device_transfer_requests/{id}`: users of either account; 404 for anyone else. Only the ids of
 * the originator's escrow devices are exposed, never their records.
 */
export async function getTransfer(ctx: Ctx, id: string) {
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, ctx.actor, id);
  return serializeTransfer(t, await itemIds(ctx.db, t.id), await progressOf(ctx.db, t));
}
