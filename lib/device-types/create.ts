import { deviceTypes } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { actorUserId } from "@/lib/auth/actor";
import { targetAccount } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { deviceTypeCreateSchema } from "./schemas";
import { serializeDeviceType } from "./serialize";

export async function createDeviceType(ctx: Ctx, input: unknown) {
  const body = parseInput(deviceTypeCreateSchema, input);
  const accountId = targetAccount(ctx.actor, body.company_id, "devices.write");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deviceTypes)
      .values({
        accountId,
        userId: actorUserId(ctx.actor),
        name: body.name,
        manufacturer: body.manufacturer,
        model: body.model,
        type: body.type,
        longDescription: body.long_description ?? "",
        capabilities: body.capabilities ?? {},
        config: body.config ?? {},
      })
      .returning();
    await recordAudit(tx, ctx.actor, {
      accountIds: accountId,
      action: "device_type.create",
      subjectType: "device_type",
      subjectId: row.id,
      detail: { name: row.name, type: row.type },
    });
    return serializeDeviceType(row);
  });
}
