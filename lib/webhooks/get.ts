import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { type EndpointRow, serializeWebhook } from "./serialize";

/** An endpoint of an account the actor can see, else 404 — another account's webhook does not exist. */
export async function findVisibleWebhook(ctx: Ctx, id: string, db: Db = ctx.db): Promise<EndpointRow> {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length || id.length > 64) throw notFound("webhook");
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), inArray(webhookEndpoints.accountId, ids)))
    .limit(1);
  if (!row) throw notFound("webhook");
  return row;
}

/** The endpoint, for an admin of its account (403 for other members, 404 for anyone else). */
export async function findAdministeredWebhook(ctx: Ctx, id: string, db: Db = ctx.db): Promise<EndpointRow> {
  const row = await findVisibleWebhook(ctx, id, db);
  requirePermission(ctx.actor, row.accountId, "account.admin", "webhook");
  return row;
}

export async function getWebhook(ctx: Ctx, id: string) {
  return serializeWebhook(await findVisibleWebhook(ctx, id));
}

const FIELDS: FieldSpecs = {
  _id: { column: webhookEndpoints.id, type: "string" },
  company_id: { column: webhookEndpoints.accountId, type: "string" },
  url: { column: webhookEndpoints.url, type: "string" },
  active: { column: webhookEndpoints.active, type: "boolean" },
  created_at: { column: webhookEndpoints.createdAt, type: "date" },
  updated_at: { column: webhookEndpoints.updatedAt, type: "date" },
};

/** `GET webhooks`: every member may see the endpoints of their accounts (never the secrets). */
export async function listWebhooks(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: webhookEndpoints.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(webhookEndpoints.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "webhooks.csv",
      columns: ["_id", "company_id", "url", "description", "events", "active", "disabled_reason", "created_at", "updated_at"],
      read: (after, limit) => ctx.db.select({ row: webhookEndpoints, ...selection }).from(webhookEndpoints).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeWebhook(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(webhookEndpoints).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, webhookEndpoints, where, q, rows.length);
  return listBody(q, rows.map(serializeWebhook), total);
}

/** The endpoints of one account, for the settings page. */
export async function webhooksOfAccount(ctx: Ctx, accountId: string) {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const rows = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, accountId)).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(serializeWebhook);
}
