import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceTypeCopies, deviceTypes } from "@/db/schema";
import { invalid } from "@/lib/errors";
import type { DeviceTypeRow } from "./serialize";

export type Resolution = "override" | "reuse" | "copy";

export interface Resolved {
  resolution: Resolution;
  deviceType: DeviceTypeRow;
  /** For `reuse`: when the copy was made (the association itself is never exposed). */
  copiedAt?: Date;
}

async function overrideType(db: Db, overrideId: string, destinationAccountId: string): Promise<DeviceTypeRow> {
  const [type] = await db
    .select()
    .from(deviceTypes)
    .where(and(eq(deviceTypes.id, overrideId), eq(deviceTypes.accountId, destinationAccountId)))
    .limit(1);
  if (!type) throw invalid("invalid device type override", { messages: ["device_type_id: is not a device type of the destination account"] });
  return type;
}

/** Rule 2: the copy made by an earlier acceptance, if it still exists (deleting it drops the row). */
async function existingCopy(db: Db, originId: string, destinationAccountId: string) {
  const [hit] = await db
    .select({ type: deviceTypes, copiedAt: deviceTypeCopies.createdAt })
    .from(deviceTypeCopies)
    .innerJoin(deviceTypes, eq(deviceTypes.id, deviceTypeCopies.copyDeviceTypeId))
    .where(and(eq(deviceTypeCopies.originDeviceTypeId, originId), eq(deviceTypeCopies.destinationAccountId, destinationAccountId)))
    .limit(1);
  return hit ?? null;
}

async function originType(db: Db, originId: string): Promise<DeviceTypeRow> {
  const [origin] = await db.select().from(deviceTypes).where(eq(deviceTypes.id, originId)).limit(1);
  if (!origin) throw new Error("origin device type missing (restricted by foreign key)");
  return origin;
}

/** What accepting now would do, without writing anything (the accept dialog's preview). */
export async function previewResolution(db: Db, originId: string, destinationAccountId: string, overrideId: string | null): Promise<Resolved> {
  if (overrideId) return { resolution: "override", deviceType: await overrideType(db, overrideId, destinationAccountId) };
  const copy = await existingCopy(db, originId, destinationAccountId);
  if (copy) return { resolution: "reuse", deviceType: copy.type, copiedAt: copy.copiedAt };
  const origin = await originType(db, originId);
  const now = new Date();
  return { resolution: "copy", deviceType: { ...origin, id: "", accountId: destinationAccountId, userId: null, createdAt: now, updatedAt: now } };
}

/**
 * SPEC §3 device-type resolution, inside the accept transaction: 1) override (a type of the
 * destination; the association is untouched), 2) reuse the surviving copy, 3) copy the origin type
 * and remember the association. A transaction-scoped advisory lock on (origin, destination)
 * serializes racing acceptances, so exactly one copy is ever made; the association's primary key
 * is the backstop.
 */
export async function resolveDeviceType(
  tx: Db,
  args: { originId: string; destinationAccountId: string; overrideId: string | null; userId: string | null },
): Promise<Resolved> {
  if (args.overrideId) return { resolution: "override", deviceType: await overrideType(tx, args.overrideId, args.destinationAccountId) };

  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`device_type_copy:${args.originId}:${args.destinationAccountId}`}))`);
  const copy = await existingCopy(tx, args.originId, args.destinationAccountId);
  if (copy) return { resolution: "reuse", deviceType: copy.type, copiedAt: copy.copiedAt };

  const origin = await originType(tx, args.originId);
  const [created] = await tx
    .insert(deviceTypes)
    .values({
      accountId: args.destinationAccountId,
      userId: args.userId,
      name: origin.name,
      manufacturer: origin.manufacturer,
      model: origin.model,
      type: origin.type,
      longDescription: origin.longDescription,
      capabilities: origin.capabilities,
      config: origin.config,
    })
    .returning();
  const linked = await tx
    .insert(deviceTypeCopies)
    .values({ originDeviceTypeId: args.originId, destinationAccountId: args.destinationAccountId, copyDeviceTypeId: created.id })
    .onConflictDoNothing()
    .returning();
  if (linked.length) return { resolution: "copy", deviceType: created };
  // Lost a race the lock should have prevented: drop our orphan and use the winner's copy.
  await tx.delete(deviceTypes).where(eq(deviceTypes.id, created.id));
  const winner = await existingCopy(tx, args.originId, args.destinationAccountId);
  if (!winner) throw new Error("device type copy vanished");
  return { resolution: "reuse", deviceType: winner.type, copiedAt: winner.copiedAt };
}
