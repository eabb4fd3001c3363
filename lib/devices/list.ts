import { and, inArray } from "drizzle-orm";
import { devices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, type ListResult, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { HEARTBEAT_STATUSES } from "./schemas";

const DEVICE_CSV_COLUMNS = ["_id", "unique_id", "name", "device_type_id", "heartbeat_status", "heartbeat_at", "heartbeat_period", "tags", "escrow_device_id", "transfer_request_id", "config_delivered_at", "first_heartbeat_at", "company_id", "user_id", "created_at", "updated_at"];

import { type DeviceJson, type DeviceRow, deviceColumns, heartbeatStatusSql, serializeDevice } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: devices.id, type: "string" },
  company_id: { column: devices.accountId, type: "string" },
  unique_id: { column: devices.uniqueId, type: "string" },
  name: { column: devices.name, type: "string" },
  device_type_id: { column: devices.deviceTypeId, type: "string" },
  escrow_device_id: { column: devices.escrowDeviceId, type: "string" },
  transfer_request_id: { column: devices.transferRequestId, type: "string" },
  config_delivered_at: { column: devices.configDeliveredAt, type: "date" },
  first_heartbeat_at: { column: devices.firstHeartbeatAt, type: "date" },
  heartbeat_status: { column: heartbeatStatusSql, type: "enum", values: HEARTBEAT_STATUSES },
  heartbeat_at: { column: devices.heartbeatAt, type: "date" },
  heartbeat_period: { column: devices.heartbeatPeriod, type: "number" },
  created_at: { column: devices.createdAt, type: "date" },
  updated_at: { column: devices.updatedAt, type: "date" },
};

/** `GET devices`: API.md §1 conventions, scoped to the actor's accounts. */
export async function listDevices(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: devices.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(devices.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "devices.csv",
      columns: DEVICE_CSV_COLUMNS,
      read: (after, limit) => ctx.db.select({ ...deviceColumns, ...selection }).from(devices).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeDevice(r as DeviceRow),
    });
  }
  const rows = (await paginate(ctx.db.select(deviceColumns).from(devices).where(where).$dynamic(), q)) as DeviceRow[];
  const total = await listTotal(ctx.db, devices, where, q, rows.length);
  return listBody(q, rows.map(serializeDevice), total);
}

export async function pageDevices(ctx: Ctx, params: URLSearchParams): Promise<ListResult<DeviceJson>> {
  const p = new URLSearchParams(params);
  p.set("page_meta", "true");
  return (await listDevices(ctx, p)) as ListResult<DeviceJson>;
}
