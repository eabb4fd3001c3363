import type { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** Never the secret (it is shown once, in the create answer). */
export function serializeWebhook(e: EndpointRow) {
  return {
    _id: e.id,
    company_id: e.accountId,
    user_id: e.userId,
    url: e.url,
    description: e.description,
    events: e.events,
    active: e.active,
    disabled_reason: e.disabledReason,
    created_at: iso(e.createdAt) as string,
    updated_at: iso(e.updatedAt) as string,
  };
}

export function serializeDelivery(d: DeliveryRow) {
  return {
    _id: d.id,
    company_id: d.accountId,
    webhook_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_response_ms: d.lastResponseMs,
    last_error: d.lastError,
    next_attempt_at: iso(d.nextAttemptAt),
    created_at: iso(d.createdAt) as string,
    updated_at: iso(d.updatedAt) as string,
  };
}

export function serializeAttempt(a: AttemptRow) {
  return { _id: a.id, status_code: a.statusCode, response_ms: a.responseMs, error: a.error, created_at: iso(a.createdAt) as string };
}

export type WebhookJson = ReturnType<typeof serializeWebhook>;
export type DeliveryJson = ReturnType<typeof serializeDelivery>;
