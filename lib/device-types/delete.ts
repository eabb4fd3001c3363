import { and, count, eq } from "drizzle-orm";
import { devices, deviceTypes, transferRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { conflict, findPgError } from "@/lib/errors";
import { expireOverdue } from "@/lib/transfers/expire";
import { findVisibleDeviceType } from "./get";
import { serializeDeviceType } from "./serialize";

/** 409 while a pending transfer request or any device uses the type. */
export async function deleteDeviceType(ctx: Ctx, id: string) {
  const existing = await findVisibleDeviceType(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "device type");
  await expireOverdue(ctx.db);
  try {
    return await ctx.db.transaction(async (tx) => {
      // Lock the type so a transfer request or device cannot start using it while we check.
      const [row] = await tx.select().from(deviceTypes).where(eq(deviceTypes.id, existing.id)).for("update");
      if (!row) return serializeDeviceType(existing);
      const [pending] = await tx
        .select({ n: count() })
        .from(transferRequests)
        .where(and(eq(transferRequests.deviceTypeId, row.id), eq(transferRequests.status, "pending")));
      const [used] = await tx.select({ n: count() }).from(devices).where(eq(devices.deviceTypeId, row.id));
      const problems: string[] = [];
      if (pending.n > 0) problems.push(`${pending.n} pending transfer request${pending.n === 1 ? " uses" : "s use"} this device type`);
      if (used.n > 0) problems.push(`${used.n} device${used.n === 1 ? " uses" : "s use"} this device type`);
      if (problems.length) throw conflict("device type is in use", { messages: problems });
      await tx.delete(deviceTypes).where(eq(deviceTypes.id, row.id));
      await recordAudit(tx, ctx.actor, {
        accountIds: row.accountId,
        action: "device_type.delete",
        subjectType: "device_type",
        subjectId: row.id,
        detail: { name: row.name },
      });
      return serializeDeviceType(row);
    });
  } catch (err) {
    // The database's own guards (a device's RESTRICT key, the pending-request trigger) answer a
    // race that slipped past the checks above.
    const code = findPgError(err)?.code;
    if (code === "23503" || code === "23001") throw conflict("device type is in use", { messages: ["a device or a pending transfer request started using this device type"] });
    throw err;
  }
}
