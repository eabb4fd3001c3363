import { eq, sql } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { findAdministeredWebhook } from "./get";
import { webhookUpdateSchema } from "./schemas";
import { serializeWebhook } from "./serialize";
import { assertPublicTarget } from "./ssrf";

/** `PUT webhooks/{id}`: url, events, description, active. Re-activating clears the disabled reason. */
export async function updateWebhook(ctx: Ctx, id: string, input: unknown) {
  const existing = await findAdministeredWebhook(ctx, id);
  const body = parseInput(webhookUpdateSchema, input);
  if (body.url !== undefined) await assertPublicTarget(body.url);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(body.url !== undefined && { url: body.url }),
        ...(body.events !== undefined && { events: body.events }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.active !== undefined && { active: body.active, disabledReason: body.active ? null : "disabled by an admin" }),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, existing.id))
      .returning();
    await recordAudit(tx, ctx.actor, {
      accountIds: row.accountId,
      action: "webhook.update",
      subjectType: "webhook",
      subjectId: row.id,
      detail: { url: row.url, fields: Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined) },
    });
    return serializeWebhook(row);
  });
}
