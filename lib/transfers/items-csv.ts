import { and, asc, desc, eq, sql } from "drizzle-orm";
import { devices, escrowDevices, transferRequestItems } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { iso } from "@/lib/http/respond";
import { csvExport, keyset } from "@/lib/list/csv-export";
import type { ListQuery } from "@/lib/list/query";
import { loadVisibleTransfer } from "./access";

/**
 * A transfer's devices as CSV, for either side: state and activation per unique_id. The
 * destination gets its device ids, the originator its escrow device ids — never the other's.
 */
export async function exportTransferDevices(ctx: Ctx, id: string): Promise<Response> {
  const t = await loadVisibleTransfer(ctx.db, ctx.actor, id);
  const i = transferRequestItems;
  const destination = can(ctx.actor, t.toAccountId, "account.read");
  const origin = can(ctx.actor, t.fromAccountId, "account.read");
  const q: ListQuery = {
    page: 1,
    perPage: 1,
    pageMeta: false,
    where: undefined,
    format: "csv",
    orderBy: [asc(i.uniqueId), desc(i.escrowDeviceId)],
    order: [{ name: "unique_id", spec: { column: i.uniqueId, type: "string" }, descending: false }],
    tieBreaker: i.escrowDeviceId,
  };
  const { selection } = keyset(q);
  const columns = ["unique_id", "state", ...(destination ? ["device_id"] : []), ...(origin ? ["escrow_device_id"] : []), "config_delivered_at", "first_heartbeat_at", "heartbeat_at", "last_escrow_checkin_at", "error"];
  return csvExport({
    q,
    filename: `transfer-${t.id}-devices.csv`,
    columns,
    read: (after, limit) =>
      ctx.db
        .select({
          uniqueId: i.uniqueId,
          state: i.state,
          deviceId: i.deviceId,
          escrowDeviceId: i.escrowDeviceId,
          error: i.error,
          configDeliveredAt: devices.configDeliveredAt,
          firstHeartbeatAt: devices.firstHeartbeatAt,
          heartbeatAt: devices.heartbeatAt,
          lastCheckinAt: sql<Date | null>`${escrowDevices.lastCheckinAt}`,
          ...selection,
        })
        .from(i)
        .leftJoin(devices, eq(devices.id, i.deviceId))
        .leftJoin(escrowDevices, eq(escrowDevices.id, i.escrowDeviceId))
        .where(and(eq(i.requestId, t.id), after))
        .orderBy(...q.orderBy)
        .limit(limit),
    toRecord: (r) => ({
      unique_id: r.uniqueId,
      state: r.state,
      device_id: r.deviceId,
      escrow_device_id: r.escrowDeviceId,
      config_delivered_at: iso(r.configDeliveredAt),
      first_heartbeat_at: iso(r.firstHeartbeatAt),
      heartbeat_at: iso(r.heartbeatAt),
      last_escrow_checkin_at: r.lastCheckinAt ? new Date(r.lastCheckinAt).toISOString() : null,
      error: r.error,
    }),
  });
}
