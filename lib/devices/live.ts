import { and, inArray } from "drizzle-orm";
import { devices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { heartbeatStatusSql } from "./serialize";

export const LIVE_MAX_IDS = 200;

/** What changes under a devices page: heartbeat status and time, for the ids it shows. */
export async function liveDevices(ctx: Ctx, ids: string[]) {
  if (ids.length > LIVE_MAX_IDS) throw new AppError("invalid", `${LIVE_MAX_IDS} ids at most`);
  const visible = visibleAccountIds(ctx.actor);
  if (!ids.length || !visible.length) return [];
  const rows = await ctx.db
    .select({ id: devices.id, heartbeatStatus: heartbeatStatusSql, heartbeatAt: devices.heartbeatAt })
    .from(devices)
    .where(and(inArray(devices.id, ids), inArray(devices.accountId, visible)));
  return rows.map((r) => ({ _id: r.id, heartbeat_status: r.heartbeatStatus, heartbeat_at: iso(r.heartbeatAt) }));
}
