import { eq, sql } from "drizzle-orm";
import { deviceTypes } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { findVisibleDeviceType } from "./get";
import { deviceTypeUpdateSchema } from "./schemas";
import { serializeDeviceType } from "./serialize";

export async function updateDeviceType(ctx: Ctx, id: string, input: unknown) {
  const existing = await findVisibleDeviceType(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "device type");
  const body = parseInput(deviceTypeUpdateSchema, input);
  const changes = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.manufacturer !== undefined && { manufacturer: body.manufacturer }),
    ...(body.model !== undefined && { model: body.model }),
    ...(body.type !== undefined && { type: body.type }),
    ...(body.long_description !== undefined && { longDescription: body.long_description }),
    ...(body.capabilities !== undefined && { capabilities: body.capabilities }),
    ...(body.config !== undefined && { config: body.config }),
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(deviceTypes)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(deviceTypes.id, existing.id))
      .returning();
    await recordAudit(tx, ctx.actor, {
      accountIds: row.accountId,
      action: "device_type.update",
      subjectType: "device_type",
      subjectId: row.id,
      detail: { name: row.name, fields: Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined) },
    });
    return serializeDeviceType(row);
  });
}
