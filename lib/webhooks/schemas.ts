import { z } from "zod";
import { DELIVERY_STATUSES } from "@/db/schema";
import { WEBHOOK_EVENT_TYPES } from "@/lib/events/types";

const SUBSCRIBABLE = WEBHOOK_EVENT_TYPES.filter((t) => t !== "webhook.test");

const url = z
  .string({ error: "url must be a string" })
  .trim()
  .min(1, "url is required")
  .max(2048, "url may be 2048 characters at most")
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), { message: "url must be an absolute http:// or https:// URL" });

const events = z
  .array(z.enum(["*", ...SUBSCRIBABLE], { error: `events: each must be "*" or one of ${SUBSCRIBABLE.join(", ")}` }), { error: "events must be an array" })
  .min(1, "events must name at least one event type (or \"*\")")
  .max(32, "events may list 32 types at most")
  .transform((v) => [...new Set(v)]);

const description = z.string({ error: "description must be a string" }).trim().max(500, "description may be 500 characters at most");

export const webhookCreateSchema = z
  .object({ url, events, description: description.optional(), company_id: z.string().min(1).max(64).optional() })
  .meta({ id: "WebhookCreate" });

export const webhookUpdateSchema = z
  .object({ url: url.optional(), events: events.optional(), description: description.optional(), active: z.boolean({ error: "active must be true or false" }).optional() })
  .meta({ id: "WebhookUpdate" });

export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;
export type WebhookUpdateInput = z.infer<typeof webhookUpdateSchema>;

const isoDate = z.string().meta({ format: "date-time" });
const nullableDate = isoDate.nullable();

export const webhookSchema = z
  .object({
    _id: z.string(),
    company_id: z.string(),
    user_id: z.string().nullable(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    disabled_reason: z.string().nullable(),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: "Webhook" });

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string().meta({ description: "The signing secret (whsec_…): shown in this answer only." }) })
  .meta({ id: "WebhookWithSecret" });

export const deliverySchema = z
  .object({
    _id: z.string(),
    company_id: z.string(),
    webhook_id: z.string(),
    event_id: z.string().meta({ description: "The webhook-id header: the same on every attempt and resend." }),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_response_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: nullableDate,
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: "WebhookDelivery" });

export const attemptSchema = z
  .object({ _id: z.string(), status_code: z.number().int().nullable(), response_ms: z.number().int(), error: z.string().nullable(), created_at: isoDate })
  .meta({ id: "WebhookAttempt" });

export const deliveryWithAttemptsSchema = deliverySchema.extend({ log: z.array(attemptSchema) }).meta({ id: "WebhookDeliveryWithAttempts" });

/** What a receiver gets: the body of every delivery. */
export const webhookPayloadSchema = z
  .object({ type: z.enum(WEBHOOK_EVENT_TYPES), timestamp: isoDate, data: z.record(z.string(), z.unknown()) })
  .meta({ id: "WebhookPayload" });
