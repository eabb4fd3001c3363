import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { type AuditAction, type WebhookEventType, webhookTypeOf } from "@/lib/events/types";
import { loadResources } from "./resources";

/** Woken on commit of any transaction that recorded webhook deliveries. */
export const WEBHOOK_CHANNEL = "handoff_webhooks";

interface OutboxInput {
  accountId: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
}

export function endpointWants(events: string[], type: WebhookEventType): boolean {
  return events.includes("*") || events.includes(type);
}

export function newEventId(): string {
  return `msg_${newId()}`;
}

/**
 * The transactional outbox. Called by recordAudit with the caller's transaction: for each audit
 * event that is a webhook event, one event row and one delivery per matching active endpoint of
 * that account, committed (or rolled back) with the change. Costs nothing more than one indexed
 * probe when the accounts have no endpoints.
 */
export async function recordWebhookEvents(db: Db, rows: OutboxInput[]): Promise<void> {
  const typed = rows.flatMap((r) => {
    const type = webhookTypeOf(r.action, r.subjectType);
    return type ? [{ ...r, type }] : [];
  });
  if (!typed.length) return;
  const accountIds = [...new Set(typed.map((r) => r.accountId))];
  const endpoints = await db
    .select({ id: webhookEndpoints.id, accountId: webhookEndpoints.accountId, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.active, true), inArray(webhookEndpoints.accountId, accountIds)));
  if (!endpoints.length) return;

  const wanted = typed
    .map((r) => ({ ...r, endpoints: endpoints.filter((e) => e.accountId === r.accountId && endpointWants(e.events, r.type)) }))
    .filter((r) => r.endpoints.length > 0);
  if (!wanted.length) return;

  const resources = await loadResources(db, wanted);
  const timestamp = new Date().toISOString();
  const events = wanted.map((r) => ({
    row: r,
    id: newEventId(),
    payload: { type: r.type, timestamp, data: resources.get(`${r.subjectType}:${r.subjectId}`) ?? { _id: r.subjectId } },
  }));
  await db.insert(webhookEvents).values(events.map((e) => ({ id: e.id, accountId: e.row.accountId, type: e.row.type, payload: e.payload })));
  await db.insert(webhookDeliveries).values(
    events.flatMap((e) => e.row.endpoints.map((ep) => ({ accountId: e.row.accountId, endpointId: ep.id, eventId: e.id, eventType: e.row.type }))),
  );
  await db.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
}
