import { eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEvents } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { attemptDelivery } from "./deliver";
import { findDelivery } from "./deliveries";
import { findAdministeredWebhook } from "./get";
import { type WebhookOptions, webhookOptions } from "./options";
import { newEventId, WEBHOOK_CHANNEL } from "./outbox";
import { serializeDelivery } from "./serialize";

/**
 * Attempts a delivery now, in this request, and answers with where it stands. The row is claimed
 * first (queued_at) so no worker sends it at the same time; a failure is retried by the queue.
 */
async function attemptNow(ctx: Ctx, deliveryId: string, opts: Partial<WebhookOptions>) {
  await attemptDelivery(ctx.db, deliveryId, opts);
  const [row] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (row.status === "pending") await ctx.db.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
  return serializeDelivery(row);
}

/** `POST webhooks/{id}/deliveries/{delivery_id}/resend`: the same event (same webhook-id) again. */
export async function resendDelivery(ctx: Ctx, webhookId: string, deliveryId: string, opts: Partial<WebhookOptions> = {}) {
  const { endpoint, row } = await findDelivery(ctx, webhookId, deliveryId);
  requirePermission(ctx.actor, endpoint.accountId, "account.admin", "webhook");
  if (!endpoint.active) throw new AppError("conflict", "the webhook is disabled: activate it first");
  const o = webhookOptions(opts);
  await ctx.db
    .update(webhookDeliveries)
    .set({
      status: "pending",
      nextAttemptAt: sql`now()`,
      deadlineAt: sql`now() + make_interval(secs => ${o.windowMs / 1000})`,
      queuedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(webhookDeliveries.id, row.id));
  return attemptNow(ctx, row.id, opts);
}

/** `POST webhooks/{id}/test`: a `webhook.test` event to this endpoint only, sent now. */
export async function sendTestEvent(ctx: Ctx, webhookId: string, opts: Partial<WebhookOptions> = {}) {
  const endpoint = await findAdministeredWebhook(ctx, webhookId);
  if (!endpoint.active) throw new AppError("conflict", "the webhook is disabled: activate it first");
  const o = webhookOptions(opts);
  const id = newEventId();
  const payload = {
    type: "webhook.test",
    timestamp: new Date().toISOString(),
    data: { _id: endpoint.id, company_id: endpoint.accountId, url: endpoint.url, message: "A test event from Handoff." },
  };
  const delivery = await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookEvents).values({ id, accountId: endpoint.accountId, type: "webhook.test", payload });
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({
        accountId: endpoint.accountId,
        endpointId: endpoint.id,
        eventId: id,
        eventType: "webhook.test",
        queuedAt: sql`now()`,
        deadlineAt: sql`now() + make_interval(secs => ${o.windowMs / 1000})`,
      })
      .returning();
    return d;
  });
  return attemptNow(ctx, delivery.id, opts);
}
