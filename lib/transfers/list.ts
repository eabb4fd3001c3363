import { and, eq, inArray, or } from "drizzle-orm";
import { TRANSFER_STATUSES, transferRequests } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid } from "@/lib/errors";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { expireOverdue } from "./expire";
import { itemIdsFor } from "./get";
import { progressFor, type TransferProgress } from "./progress";

const TRANSFER_CSV_COLUMNS = [
  "_id", "status", "from_company_id", "to_company_id", "device_type_id", "device_count", "expires_at", "created_at", "updated_at", "user_id",
  "decided_by", "decided_at", "transferred_at", "resolved_device_type_id", "auto_accepted", "accepted_by_rule_id", "reason", "errors",
  "created", "failed", "config_delivered", "first_heartbeat",
];

import { serializeTransfer } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: transferRequests.id, type: "string" },
  from_company_id: { column: transferRequests.fromAccountId, type: "string" },
  to_company_id: { column: transferRequests.toAccountId, type: "string" },
  status: { column: transferRequests.status, type: "enum", values: TRANSFER_STATUSES },
  device_type_id: { column: transferRequests.deviceTypeId, type: "string" },
  device_count: { column: transferRequests.deviceCount, type: "number" },
  user_id: { column: transferRequests.userId, type: "string" },
  expires_at: { column: transferRequests.expiresAt, type: "date" },
  decided_at: { column: transferRequests.decidedAt, type: "date" },
  created_at: { column: transferRequests.createdAt, type: "date" },
  updated_at: { column: transferRequests.updatedAt, type: "date" },
};

/**
 * `GET device_transfer_requests`: both directions for the actor's accounts. `company_id=<id>`
 * narrows to requests where that account is either side.
 */
export async function listTransfers(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: transferRequests.id, ignore: ["company_id"] });
  const companies = params.getAll("company_id");
  if (companies.some((c) => c.length > 512)) throw invalid("invalid query", { messages: ["company_id: value is too long (512 characters at most)"] });
  await expireOverdue(ctx.db);
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(
    or(inArray(transferRequests.fromAccountId, ids), inArray(transferRequests.toAccountId, ids)),
    ...companies.map((c) => or(eq(transferRequests.fromAccountId, c), eq(transferRequests.toAccountId, c))),
    q.where,
  );
  if (q.format === "csv") {
    const { selection } = keyset(q);
    const progress = new Map<string, TransferProgress>();
    return csvExport({
      q,
      filename: "transfers.csv",
      columns: TRANSFER_CSV_COLUMNS,
      read: async (after, limit) => {
        const rows = await ctx.db.select({ row: transferRequests, ...selection }).from(transferRequests).where(and(where, after)).orderBy(...q.orderBy).limit(limit);
        progress.clear();
        for (const [k, v] of await progressFor(ctx.db, rows.map((r) => r.row))) progress.set(k, v);
        return rows;
      },
      toRecord: (r) => {
        const { escrow_device_ids: _ids, errors, progress: p, ...rest } = serializeTransfer(r.row, [], progress.get(r.row.id) ?? null);
        return { ...rest, errors: errors ? Object.keys(errors).length : null, ...(p ?? {}) };
      },
    });
  }
  const rows = await paginate(ctx.db.select().from(transferRequests).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, transferRequests, where, q, rows.length);
  const items = await itemIdsFor(ctx.db, rows.map((r) => r.id));
  const progress = await progressFor(ctx.db, rows);
  return listBody(q, rows.map((r) => serializeTransfer(r, items.get(r.id) ?? [], progress.get(r.id) ?? null)), total);
}
