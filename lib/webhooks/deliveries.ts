import { and, asc, eq, inArray } from "drizzle-orm";
import { DELIVERY_STATUSES, webhookAttempts, webhookDeliveries } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { findVisibleWebhook } from "./get";
import { serializeAttempt, serializeDelivery } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: webhookDeliveries.id, type: "string" },
  event_id: { column: webhookDeliveries.eventId, type: "string" },
  event_type: { column: webhookDeliveries.eventType, type: "string" },
  status: { column: webhookDeliveries.status, type: "enum", values: DELIVERY_STATUSES },
  attempts: { column: webhookDeliveries.attempts, type: "number" },
  last_status_code: { column: webhookDeliveries.lastStatusCode, type: "number" },
  next_attempt_at: { column: webhookDeliveries.nextAttemptAt, type: "date" },
  created_at: { column: webhookDeliveries.createdAt, type: "date" },
};

/** `GET webhooks/{id}/deliveries`: newest first, list conventions of API.md §1. */
export async function listDeliveries(ctx: Ctx, webhookId: string, params: URLSearchParams) {
  const endpoint = await findVisibleWebhook(ctx, webhookId);
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: webhookDeliveries.id });
  const where = and(eq(webhookDeliveries.endpointId, endpoint.id), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "deliveries.csv",
      columns: ["_id", "event_id", "event_type", "status", "attempts", "last_status_code", "last_response_ms", "last_error", "next_attempt_at", "created_at"],
      read: (after, limit) =>
        ctx.db.select({ row: webhookDeliveries, ...selection }).from(webhookDeliveries).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeDelivery(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(webhookDeliveries).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, webhookDeliveries, where, q, rows.length);
  return listBody(q, rows.map(serializeDelivery), total);
}

/** The delivery log of one endpoint for the settings page: deliveries with every attempt. */
export async function deliveryLog(ctx: Ctx, webhookId: string, limit = 50) {
  const endpoint = await findVisibleWebhook(ctx, webhookId);
  const params = new URLSearchParams({ per_page: String(limit) });
  const deliveries = (await listDeliveries(ctx, endpoint.id, params)) as ReturnType<typeof serializeDelivery>[];
  if (!deliveries.length) return [];
  const attempts = await ctx.db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d._id)))
    .orderBy(asc(webhookAttempts.createdAt));
  return deliveries.map((d) => ({ ...d, log: attempts.filter((a) => a.deliveryId === d._id).map(serializeAttempt) }));
}

export async function findDelivery(ctx: Ctx, webhookId: string, deliveryId: string) {
  const endpoint = await findVisibleWebhook(ctx, webhookId);
  if (deliveryId.length > 64) throw notFound("delivery");
  const [row] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)))
    .limit(1);
  if (!row) throw notFound("delivery");
  return { endpoint, row };
}
