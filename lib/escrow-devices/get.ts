import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { expireOverdue } from "@/lib/transfers/expire";
import { type EscrowDeviceRow, serializeEscrowDevice } from "./serialize";

/** An escrow device the actor can see, else 404 — another account's device does not exist. */
export async function findVisibleEscrowDevice(ctx: Ctx, id: string, db: Db = ctx.db): Promise<EscrowDeviceRow> {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length || id.length > 64) throw notFound("escrow device");
  // A pending request past its expiry releases its devices before anyone reads or changes them.
  await expireOverdue(db);
  const [row] = await db
    .select()
    .from(escrowDevices)
    .where(and(eq(escrowDevices.id, id), inArray(escrowDevices.accountId, ids)))
    .limit(1);
  if (!row) throw notFound("escrow device");
  return row;
}

export async function getEscrowDevice(ctx: Ctx, id: string) {
  return serializeEscrowDevice(await findVisibleEscrowDevice(ctx, id));
}
