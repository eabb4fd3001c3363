import { eq } from "drizzle-orm";
import { devices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { findVisibleDevice } from "./get";
import { serializeDevice } from "./serialize";

/** `DELETE devices/{id}`. The escrow record at the manufacturer keeps its history. */
export async function deleteDevice(ctx: Ctx, id: string) {
  const existing = await findVisibleDevice(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "device");
  return ctx.db.transaction(async (tx) => {
    await tx.delete(devices).where(eq(devices.id, existing.id));
    await recordAudit(tx, ctx.actor, {
      accountIds: existing.accountId,
      action: "device.delete",
      subjectType: "device",
      subjectId: existing.id,
      detail: { unique_id: existing.uniqueId, name: existing.name },
    });
    return serializeDevice(existing);
  });
}
