import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { AUDIT_ACTIONS, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/events/types";
import { webhookPayloadSchema } from "@/lib/webhooks/schemas";
import { buildPaths } from "./build";
import { OPERATIONS } from "./operations";

const DESCRIPTION = `Escrow devices and two-party device transfers. Two APIs: the **platform API** for people and scripts
(shaped after the EdgeIQ platform API) and the **gateway API** for devices.

**Auth.** \`Authorization: <token>\` (raw, EdgeIQ style) or \`Authorization: Bearer <token>\`, with a session token from
\`POST user/authenticate\` or a user's permanent API token. Gateways use \`Authorization: Device <device_token>\`.

**Lists** return a JSON array; \`page_meta=true\` returns \`{"resources", "page", "per_page", "total"}\`. \`page\` (1-based),
\`per_page\` (default 25, max 1000), \`order_by\` (\`field\` or \`-field\`, default \`-created_at\`), \`format=csv\` (every
matching row as CSV). Filters: \`field=value\` or \`field_<op>=value\` with op one of eq, ne, like, gt, gte, lt, lte, in, nin;
an unknown filter field is a 400. \`company_id=<id>\` narrows a list to one account.

**Errors** are \`{"error", "messages": [...]}\` with 400 (every problem listed), 401, 403, 404 (also for anything not
visible to you), 409, 413 (bodies over 1 MB), 422, 429 (with Retry-After).

**Idempotency.** Any authenticated platform POST takes \`Idempotency-Key\`: a retry with the same key and body within
24 h returns the first answer with \`Idempotent-Replayed: true\` and does nothing again; the same key with a different
request is a 422. Keys are scoped to the calling user.

**Webhooks.** Deliveries are \`POST <url>\` with \`{"type", "timestamp", "data"}\` (data: the resource as the change left it),
signed per Standard Webhooks: headers \`webhook-id\` (the same on every retry: deduplicate on it), \`webhook-timestamp\` and
\`webhook-signature\` (\`v1,<base64 HMAC-SHA256 of "id.timestamp.body">\` with the secret). Retried with exponential
backoff for 24 h on a non-2xx answer or a 10 s timeout; a 410 disables the endpoint. Event types: ${WEBHOOK_EVENT_TYPES.join(", ")}.

**Audit actions** (\`GET events\`, \`action\`): ${AUDIT_ACTIONS.join(", ")}.`;

function webhooks(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: type,
          description: WEBHOOK_EVENT_DESCRIPTIONS[type],
          requestBody: { content: { "application/json": { schema: webhookPayloadSchema.extend({ type: z.literal(type) }) } } },
          responses: { "200": { description: "Any 2xx acknowledges the event; 410 disables the endpoint; anything else is retried." } },
        },
      },
    ]),
  );
}

let cached: ReturnType<typeof createDocument> | null = null;

/** The OpenAPI 3.1 document of the platform and gateway APIs, built once from the zod schemas. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: { title: "Handoff API", version: "1", description: DESCRIPTION },
    servers: [{ url: "/" }],
    tags: [
      { name: "Users" },
      { name: "Accounts" },
      { name: "Device types" },
      { name: "Escrow devices" },
      { name: "Devices" },
      { name: "Transfers" },
      { name: "Audit" },
      { name: "Webhook endpoints", description: "Deliveries themselves are described under Webhooks." },
      { name: "Gateway", description: "For devices: no user auth." },
      { name: "Reference" },
    ],
    paths: buildPaths(OPERATIONS),
    webhooks: webhooks(),
    components: {
      securitySchemes: {
        token: { type: "apiKey", in: "header", name: "Authorization", description: "A session or API token, raw (EdgeIQ style)." },
        bearer: { type: "http", scheme: "bearer", description: "The same token as `Bearer <token>`." },
        device: { type: "apiKey", in: "header", name: "Authorization", description: "`Device <device_token>` from the active check-in answer." },
      },
    },
  });
  return cached;
}
