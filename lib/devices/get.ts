import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { type DeviceRow, deviceColumns, serializeDevice } from "./serialize";

/** A device the actor can see, else 404. */
export async function findVisibleDevice(ctx: Ctx, id: string, db: Db = ctx.db): Promise<DeviceRow> {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length || id.length > 64) throw notFound("device");
  const [row] = await db
    .select(deviceColumns)
    .from(devices)
    .where(and(eq(devices.id, id), inArray(devices.accountId, ids)))
    .limit(1);
  if (!row) throw notFound("device");
  return row as DeviceRow;
}

export async function getDevice(ctx: Ctx, id: string) {
  return serializeDevice(await findVisibleDevice(ctx, id));
}
