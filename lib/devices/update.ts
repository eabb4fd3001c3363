import { eq, sql } from "drizzle-orm";
import { devices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { findVisibleDevice } from "./get";
import { deviceUpdateSchema } from "./schemas";
import { type DeviceRow, deviceColumns, serializeDevice } from "./serialize";

/** `PUT devices/{id}`: name, tags, heartbeat_period. */
export async function updateDevice(ctx: Ctx, id: string, input: unknown) {
  const existing = await findVisibleDevice(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "device");
  const body = parseInput(deviceUpdateSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = (await tx
      .update(devices)
      .set({
        ...(body.name !== undefined && { name: body.name }),
        ...(body.tags !== undefined && { tags: body.tags }),
        ...(body.heartbeat_period !== undefined && { heartbeatPeriod: body.heartbeat_period }),
        updatedAt: sql`now()`,
      })
      .where(eq(devices.id, existing.id))
      .returning(deviceColumns)) as DeviceRow[];
    await recordAudit(tx, ctx.actor, {
      accountIds: row.accountId,
      action: "device.update",
      subjectType: "device",
      subjectId: row.id,
      detail: { unique_id: row.uniqueId, ...body },
    });
    return serializeDevice(row);
  });
}
