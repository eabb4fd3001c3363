import { and, inArray } from "drizzle-orm";
import { escrowDevices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { LIVE_MAX_IDS } from "@/lib/devices/live";
import { AppError } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { expireOverdue } from "@/lib/transfers/expire";

/** What changes under an escrow devices page: status and last check-in, for the ids it shows. */
export async function liveEscrowDevices(ctx: Ctx, ids: string[]) {
  if (ids.length > LIVE_MAX_IDS) throw new AppError("invalid", `${LIVE_MAX_IDS} ids at most`);
  const visible = visibleAccountIds(ctx.actor);
  if (!ids.length || !visible.length) return [];
  await expireOverdue(ctx.db);
  const rows = await ctx.db
    .select({ id: escrowDevices.id, status: escrowDevices.status, lastCheckinAt: escrowDevices.lastCheckinAt })
    .from(escrowDevices)
    .where(and(inArray(escrowDevices.id, ids), inArray(escrowDevices.accountId, visible)));
  return rows.map((r) => ({ _id: r.id, status: r.status, last_checkin_at: iso(r.lastCheckinAt) }));
}
