import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { type Db, queryRows } from "@/db/client";
import { newId, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { retryDelayMs, type WebhookOptions, webhookOptions } from "./options";
import { decryptSecret } from "./secret";
import { postWebhook, type SendResult } from "./send";

export type AttemptOutcome = "succeeded" | "retry" | "failed" | "skipped";

interface DueDelivery {
  id: string;
  status: string;
  attempts: number;
  deadline_at: Date | string;
  event_id: string;
  payload: Record<string, unknown>;
  url: string;
  secret_ciphertext: string;
  active: boolean;
  endpoint_id: string;
}

/**
 * One attempt of one delivery: sign, POST, record the attempt and where the delivery stands. Safe to
 * run twice for the same delivery (at least once): a delivery no longer pending is skipped. Never
 * throws for anything the receiver does; only a database failure propagates (the queue retries).
 */
export async function attemptDelivery(db: Db, deliveryId: string, opts: Partial<WebhookOptions> = {}): Promise<AttemptOutcome> {
  const o = webhookOptions(opts);
  const [d] = await queryRows<DueDelivery>(
    db,
    sql`select d.id, d.status, d.attempts, d.deadline_at, d.event_id, ev.payload, e.url, e.secret_ciphertext, e.active, e.id as endpoint_id
        from ${webhookDeliveries} d
        join webhook_endpoints e on e.id = d.endpoint_id
        join webhook_events ev on ev.id = d.event_id
        where d.id = ${deliveryId}`,
  );
  if (d?.status !== "pending") return "skipped";
  if (!d.active) {
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: "the endpoint is disabled", nextAttemptAt: null, queuedAt: null, updatedAt: sql`now()` })
      .where(eq(webhookDeliveries.id, d.id));
    return "failed";
  }

  let result: SendResult;
  const body = JSON.stringify(d.payload);
  try {
    const secret = decryptSecret(d.secret_ciphertext);
    const now = new Date();
    const signature = new Webhook(secret).sign(d.event_id, now, body);
    result = await postWebhook(
      d.url,
      {
        "content-type": "application/json",
        "user-agent": "Handoff-Webhooks/1",
        "webhook-id": d.event_id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      o.timeoutMs,
    );
  } catch {
    result = { statusCode: null, responseMs: 0, error: "the signing secret cannot be read (was AUTH_SECRET changed?)" };
  }

  const attempts = d.attempts + 1;
  const ok = result.statusCode != null && result.statusCode >= 200 && result.statusCode < 300;
  const gone = result.statusCode === 410;
  const nextAt = new Date(Date.now() + retryDelayMs(attempts, o));
  const expired = nextAt.getTime() > new Date(d.deadline_at).getTime();
  const outcome: AttemptOutcome = ok ? "succeeded" : gone || expired ? "failed" : "retry";

  // One statement: the attempt, the delivery's new state and (on 410) the endpoint, atomically.
  const status = outcome === "retry" ? "pending" : outcome;
  const lastError = gone ? "the receiver answered 410 Gone: endpoint disabled" : result.error;
  await db.execute(sql`
    with attempt as (
      insert into ${webhookAttempts} (id, delivery_id, status_code, response_ms, error)
      values (${newId()}, ${d.id}, ${result.statusCode}, ${result.responseMs}, ${result.error})
    ), endpoint as (
      update ${webhookEndpoints} set active = false, disabled_reason = 'the receiver answered 410 Gone', updated_at = now()
      where ${webhookEndpoints.id} = ${d.endpoint_id} and ${gone}
    )
    update ${webhookDeliveries} set
      status = ${status}, attempts = ${attempts}, last_status_code = ${result.statusCode}, last_response_ms = ${result.responseMs},
      last_error = ${lastError}, next_attempt_at = ${outcome === "retry" ? nextAt.toISOString() : null}::timestamptz, queued_at = null, updated_at = now()
    where ${webhookDeliveries.id} = ${d.id}`);
  return outcome;
}
