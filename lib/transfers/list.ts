import { and, eq, inArray, or } from "drizzle-orm";
import { TRANSFER_STATUSES, transferRequests } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid } from "@/lib/errors";
import { type FieldSpecs, listBody, parseListQuery, listTotal, paginate } from "@/lib/list/query";
import { expireOverdue } from "./expire";
import { itemIdsFor } from "./get";
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
  if (!ids.length) return listBody(q, [], 0);
  const where = and(
    or(inArray(transferRequests.fromAccountId, ids), inArray(transferRequests.toAccountId, ids)),
    ...companies.map((c) => or(eq(transferRequests.fromAccountId, c), eq(transferRequests.toAccountId, c))),
    q.where,
  );
  const rows = await paginate(ctx.db.select().from(transferRequests).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, transferRequests, where, q, rows.length);
  const items = await itemIdsFor(ctx.db, rows.map((r) => r.id));
  return listBody(q, rows.map((r) => serializeTransfer(r, items.get(r.id) ?? [])), total);
}
