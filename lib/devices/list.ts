import { and, inArray } from "drizzle-orm";
import { devices } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { type FieldSpecs, type ListResult, listBody, parseListQuery, listTotal, paginate } from "@/lib/list/query";
import { HEARTBEAT_STATUSES } from "./schemas";
import { type DeviceJson, type DeviceRow, deviceColumns, heartbeatStatusSql, serializeDevice } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: devices.id, type: "string" },
  company_id: { column: devices.accountId, type: "string" },
  unique_id: { column: devices.uniqueId, type: "string" },
  name: { column: devices.name, type: "string" },
  device_type_id: { column: devices.deviceTypeId, type: "string" },
  escrow_device_id: { column: devices.escrowDeviceId, type: "string" },
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
  if (!ids.length) return listBody(q, [], 0);
  const where = and(inArray(devices.accountId, ids), q.where);
  const rows = (await paginate(ctx.db.select(deviceColumns).from(devices).where(where).$dynamic(), q)) as DeviceRow[];
  const total = await listTotal(ctx.db, devices, where, q, rows.length);
  return listBody(q, rows.map(serializeDevice), total);
}

export async function pageDevices(ctx: Ctx, params: URLSearchParams): Promise<ListResult<DeviceJson>> {
  const p = new URLSearchParams(params);
  p.set("page_meta", "true");
  return (await listDevices(ctx, p)) as ListResult<DeviceJson>;
}
