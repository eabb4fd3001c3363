import { and, asc, eq, inArray } from "drizzle-orm";
import { DEVICE_TYPE_KINDS, deviceTypes } from "@/db/schema";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { serializeDeviceType } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: deviceTypes.id, type: "string" },
  company_id: { column: deviceTypes.accountId, type: "string" },
  user_id: { column: deviceTypes.userId, type: "string" },
  name: { column: deviceTypes.name, type: "string" },
  manufacturer: { column: deviceTypes.manufacturer, type: "string" },
  model: { column: deviceTypes.model, type: "string" },
  type: { column: deviceTypes.type, type: "enum", values: DEVICE_TYPE_KINDS },
  created_at: { column: deviceTypes.createdAt, type: "date" },
  updated_at: { column: deviceTypes.updatedAt, type: "date" },
};

/** `GET device_types` (API.md §1 list conventions), scoped to the actor's accounts. */
export async function listDeviceTypes(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: deviceTypes.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(deviceTypes.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "device-types.csv",
      columns: ["_id", "name", "manufacturer", "model", "type", "long_description", "capabilities", "config", "company_id", "user_id", "created_at", "updated_at"],
      read: (after, limit) => ctx.db.select({ row: deviceTypes, ...selection }).from(deviceTypes).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeDeviceType(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(deviceTypes).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, deviceTypes, where, q, rows.length);
  return listBody(q, rows.map(serializeDeviceType), total);
}

/** Every device type of one account, by name: for selects and lookups in the portal. */
export async function deviceTypesOfAccount(ctx: Ctx, accountId: string) {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const rows = await ctx.db.select().from(deviceTypes).where(eq(deviceTypes.accountId, accountId)).orderBy(asc(deviceTypes.name));
  return rows.map(serializeDeviceType);
}
