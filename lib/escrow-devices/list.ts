import { and, inArray } from "drizzle-orm";
import { ESCROW_STATUSES, escrowDevices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, type ListResult, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { expireOverdue } from "@/lib/transfers/expire";
import { type EscrowDeviceJson, serializeEscrowDevice } from "./serialize";

const ESCROW_CSV_COLUMNS = ["_id", "unique_id", "status", "device_type_id", "token_hint", "last_checkin_at", "transfer_initiated_at", "transfer_completed_at", "device_id", "company_id", "user_id", "created_at", "updated_at"];

const FIELDS: FieldSpecs = {
  _id: { column: escrowDevices.id, type: "string" },
  company_id: { column: escrowDevices.accountId, type: "string" },
  user_id: { column: escrowDevices.userId, type: "string" },
  unique_id: { column: escrowDevices.uniqueId, type: "string", lowercase: true },
  status: { column: escrowDevices.status, type: "enum", values: ESCROW_STATUSES },
  device_type_id: { column: escrowDevices.deviceTypeId, type: "string" },
  device_id: { column: escrowDevices.deviceId, type: "string" },
  created_at: { column: escrowDevices.createdAt, type: "date" },
  updated_at: { column: escrowDevices.updatedAt, type: "date" },
  last_checkin_at: { column: escrowDevices.lastCheckinAt, type: "date" },
  transfer_initiated_at: { column: escrowDevices.transferInitiatedAt, type: "date" },
  transfer_completed_at: { column: escrowDevices.transferCompletedAt, type: "date" },
};

/** `GET escrow_devices`: API.md §1 conventions, scoped to the actor's accounts. */
export async function listEscrowDevices(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: escrowDevices.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  await expireOverdue(ctx.db);
  const where = and(inArray(escrowDevices.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "escrow-devices.csv",
      columns: ESCROW_CSV_COLUMNS,
      read: (after, limit) => ctx.db.select({ row: escrowDevices, ...selection }).from(escrowDevices).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeEscrowDevice(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(escrowDevices).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, escrowDevices, where, q, rows.length);
  return listBody(q, rows.map(serializeEscrowDevice), total);
}

/** The same list, always as the page_meta envelope (for pages). */
export async function pageEscrowDevices(ctx: Ctx, params: URLSearchParams): Promise<ListResult<EscrowDeviceJson>> {
  const p = new URLSearchParams(params);
  p.set("page_meta", "true");
  return (await listEscrowDevices(ctx, p)) as ListResult<EscrowDeviceJson>;
}
