import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices, escrowDevices, transferRequests } from "@/db/schema";
import { deviceColumns, serializeDevice } from "@/lib/devices/serialize";
import { serializeEscrowDevice } from "@/lib/escrow-devices/serialize";
import { itemIdsFor } from "@/lib/transfers/get";
import { progressFor } from "@/lib/transfers/progress";
import { serializeTransfer } from "@/lib/transfers/serialize";

export interface SubjectRef {
  subjectType: string;
  subjectId: string | null;
}

/**
 * The resources webhook events carry as `data`, read inside the transaction that records the
 * event — so `data` is the resource as that change left it. One query per subject type.
 */
export async function loadResources(db: Db, refs: SubjectRef[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const ids = (type: string) => [...new Set(refs.filter((r) => r.subjectType === type && r.subjectId).map((r) => r.subjectId as string))];

  const transferIds = ids("transfer_request");
  if (transferIds.length) {
    const rows = await db.select().from(transferRequests).where(inArray(transferRequests.id, transferIds));
    const items = await itemIdsFor(db, transferIds);
    const progress = await progressFor(db, rows);
    for (const t of rows) out.set(`transfer_request:${t.id}`, serializeTransfer(t, items.get(t.id) ?? [], progress.get(t.id) ?? null));
  }
  const escrowIds = ids("escrow_device");
  if (escrowIds.length) {
    const rows = await db.select().from(escrowDevices).where(inArray(escrowDevices.id, escrowIds));
    for (const e of rows) out.set(`escrow_device:${e.id}`, serializeEscrowDevice(e));
  }
  const deviceIds = ids("device");
  if (deviceIds.length) {
    const rows = deviceIds.length === 1
      ? await db.select(deviceColumns).from(devices).where(eq(devices.id, deviceIds[0]))
      : await db.select(deviceColumns).from(devices).where(inArray(devices.id, deviceIds));
    for (const d of rows) out.set(`device:${d.id}`, serializeDevice(d));
  }
  return out;
}
