import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { devices, transferRequestItems } from "@/db/schema";
import type { TransferRow } from "./serialize";
import { textArray } from "./sql";

/** API.md §9: how far an accepted request's devices have come. */
export interface TransferProgress {
  devices: number;
  created: number;
  failed: number;
  config_delivered: number;
  first_heartbeat: number;
}

/**
 * Progress of every accepted request among `rows`, in ONE aggregate query over the items (by the
 * items' primary key) joined to the devices they created — never a query per request or device.
 */
export async function progressFor(db: Db, rows: TransferRow[]): Promise<Map<string, TransferProgress>> {
  const accepted = rows.filter((r) => r.status === "accepted");
  if (!accepted.length) return new Map();
  const i = transferRequestItems;
  const d = devices;
  const counts = await queryRows<{ request_id: string; created: number; failed: number; config_delivered: number; first_heartbeat: number }>(
    db,
    sql`select ${i.requestId} as request_id,
               count(*) filter (where ${i.state} = 'transferred')::int as created,
               count(*) filter (where ${i.state} = 'failed')::int as failed,
               count(${d.configDeliveredAt})::int as config_delivered,
               count(${d.firstHeartbeatAt})::int as first_heartbeat
        from ${i} left join ${d} on ${d.id} = ${i.deviceId}
        where ${i.requestId} = any(${textArray(accepted.map((r) => r.id))})
        group by ${i.requestId}`,
  );
  const byId = new Map(counts.map((c) => [c.request_id, c]));
  return new Map(
    accepted.map((r) => {
      const c = byId.get(r.id);
      return [r.id, { devices: r.deviceCount, created: c?.created ?? 0, failed: c?.failed ?? 0, config_delivered: c?.config_delivered ?? 0, first_heartbeat: c?.first_heartbeat ?? 0 }];
    }),
  );
}

export async function progressOf(db: Db, row: TransferRow): Promise<TransferProgress | null> {
  return (await progressFor(db, [row])).get(row.id) ?? null;
}
