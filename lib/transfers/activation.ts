import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { devices, escrowDevices, transferRequestItems } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { iso } from "@/lib/http/respond";
import { loadVisibleTransfer } from "./access";
import { expireOverdue } from "./expire";
import { progressOf, type TransferProgress } from "./progress";

/** Created but not configured this long after acceptance: stuck. */
export const STUCK_UNCONFIGURED_SECONDS = 600;
const STUCK_LISTED = 50;
const CURVE_POINTS = 40;

export interface StuckDevice {
  unique_id: string;
  reason: "not_configured" | "no_heartbeat";
  /** The destination's device (only shown to the destination), else the originator's escrow record. */
  device_id: string | null;
  escrow_device_id: string | null;
  config_delivered_at: string | null;
  last_checkin_at: string | null;
}

export interface Activation {
  status: string;
  accepted_at: string | null;
  auto_accepted: boolean;
  progress: TransferProgress | null;
  /** Cumulative counts since acceptance: seconds after it → configured / heartbeating so far. */
  curve: { t: number; config_delivered: number; first_heartbeat: number }[];
  median_seconds_to_first_heartbeat: number | null;
  stuck: StuckDevice[];
  stuck_total: number;
  /** Anything still expected to change (pending, or devices not yet heartbeating). */
  live: boolean;
}

/**
 * The transfer page's live activation picture for either side: progress, a cumulative curve in at
 * most ~40 time buckets, the median time to first heartbeat and the stuck devices. Every figure is
 * an aggregate over the request's items; only the stuck list returns rows, and at most 50.
 */
export async function getActivation(ctx: Ctx, id: string): Promise<Activation> {
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, ctx.actor, id);
  const base = { status: t.status, accepted_at: iso(t.transferredAt), auto_accepted: t.acceptedByRuleId != null };
  if (t.status !== "accepted" || !t.transferredAt) {
    return { ...base, progress: null, curve: [], median_seconds_to_first_heartbeat: null, stuck: [], stuck_total: 0, live: t.status === "pending" };
  }
  const progress = await progressOf(ctx.db, t);
  const i = transferRequestItems;
  const d = devices;
  const e = escrowDevices;
  const t0 = t.transferredAt;
  const elapsed = Math.max(1, (Date.now() - t0.getTime()) / 1000);
  const width = Math.max(1, Math.ceil(elapsed / CURVE_POINTS));

  const [stats] = await queryRows<{ median: number | null }>(
    ctx.db,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from ${d.firstHeartbeatAt} - ${t0}::timestamptz))::float8 as median
        from ${i} join ${d} on ${d.id} = ${i.deviceId}
        where ${i.requestId} = ${t.id} and ${d.firstHeartbeatAt} is not null`,
  );
  const buckets = await queryRows<{ kind: "c" | "h"; b: number; n: number }>(
    ctx.db,
    sql`select kind, b, count(*)::int as n from (
          select 'c' as kind, greatest(0, floor(extract(epoch from ${d.configDeliveredAt} - ${t0}::timestamptz) / ${width}))::int as b
          from ${i} join ${d} on ${d.id} = ${i.deviceId} where ${i.requestId} = ${t.id} and ${d.configDeliveredAt} is not null
          union all
          select 'h', greatest(0, floor(extract(epoch from ${d.firstHeartbeatAt} - ${t0}::timestamptz) / ${width}))::int
          from ${i} join ${d} on ${d.id} = ${i.deviceId} where ${i.requestId} = ${t.id} and ${d.firstHeartbeatAt} is not null
        ) x group by kind, b order by b`,
  );
  const last = Math.max(Math.ceil(elapsed / width), ...buckets.map((b) => b.b + 1));
  const curve: Activation["curve"] = [{ t: 0, config_delivered: 0, first_heartbeat: 0 }];
  let c = 0;
  let h = 0;
  for (let k = 0; k < last; k++) {
    for (const b of buckets) {
      if (b.b !== k) continue;
      if (b.kind === "c") c += b.n;
      else h += b.n;
    }
    curve.push({ t: (k + 1) * width, config_delivered: c, first_heartbeat: h });
  }

  const stuckWhere = sql`${i.requestId} = ${t.id} and ${i.state} = 'transferred' and (
      (${d.configDeliveredAt} is null and ${t0}::timestamptz < now() - make_interval(secs => ${STUCK_UNCONFIGURED_SECONDS}))
      or (${d.configDeliveredAt} is not null and ${d.firstHeartbeatAt} is null
          and ${d.configDeliveredAt} < now() - make_interval(secs => greatest(60, 2 * ${d.heartbeatPeriod}))))`;
  const [{ n: stuckTotal }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from ${i} join ${d} on ${d.id} = ${i.deviceId} where ${stuckWhere}`);
  const stuckRows = stuckTotal
    ? await queryRows<{ unique_id: string; device_id: string; escrow_device_id: string; config_delivered_at: Date | string | null; last_checkin_at: Date | string | null }>(
        ctx.db,
        sql`select ${i.uniqueId} as unique_id, ${d.id} as device_id, ${i.escrowDeviceId} as escrow_device_id,
                   ${d.configDeliveredAt} as config_delivered_at, ${e.lastCheckinAt} as last_checkin_at
            from ${i} join ${d} on ${d.id} = ${i.deviceId} left join ${e} on ${e.id} = ${i.escrowDeviceId}
            where ${stuckWhere} order by ${i.uniqueId} limit ${STUCK_LISTED}`,
      )
    : [];
  const destination = can(ctx.actor, t.toAccountId, "account.read");
  const origin = can(ctx.actor, t.fromAccountId, "account.read");
  const when = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
  const stuck = stuckRows.map((r) => ({
    unique_id: r.unique_id,
    reason: r.config_delivered_at ? ("no_heartbeat" as const) : ("not_configured" as const),
    device_id: destination ? r.device_id : null,
    escrow_device_id: origin ? r.escrow_device_id : null,
    config_delivered_at: when(r.config_delivered_at),
    last_checkin_at: when(r.last_checkin_at),
  }));
  const live = progress != null && progress.first_heartbeat < progress.created;
  return { ...base, progress, curve, median_seconds_to_first_heartbeat: stats?.median ?? null, stuck, stuck_total: stuckTotal, live };
}
