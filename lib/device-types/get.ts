import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceTypes } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { type DeviceTypeRow, serializeDeviceType } from "./serialize";

/** The row of a device type the actor can see, else 404 (another account's type does not exist). */
export async function findVisibleDeviceType(ctx: Ctx, id: string, db: Db = ctx.db): Promise<DeviceTypeRow> {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length || id.length > 64) throw notFound("device type");
  const [row] = await db
    .select()
    .from(deviceTypes)
    .where(and(eq(deviceTypes.id, id), inArray(deviceTypes.accountId, ids)))
    .limit(1);
  if (!row) throw notFound("device type");
  return row;
}

export async function getDeviceType(ctx: Ctx, id: string) {
  return serializeDeviceType(await findVisibleDeviceType(ctx, id));
}
