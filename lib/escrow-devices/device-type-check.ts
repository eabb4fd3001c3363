import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceTypes } from "@/db/schema";
import { invalid } from "@/lib/errors";

/** A device type given for an escrow device must belong to the escrow device's own account. */
export async function requireOwnDeviceType(db: Db, accountId: string, deviceTypeId: string | null | undefined): Promise<void> {
  if (!deviceTypeId) return;
  const [row] = await db
    .select({ id: deviceTypes.id })
    .from(deviceTypes)
    .where(and(eq(deviceTypes.id, deviceTypeId), eq(deviceTypes.accountId, accountId)))
    .limit(1);
  if (!row) {
    throw invalid("invalid input", {
      messages: [`device_type_id: "${deviceTypeId}" is not a device type of this account`],
      fieldErrors: { device_type_id: ["not a device type of this account"] },
    });
  }
}
