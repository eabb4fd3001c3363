import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/context";
import { findAdministeredWebhook } from "./get";
import { serializeWebhook } from "./serialize";

/** `DELETE webhooks/{id}`: the endpoint, its deliveries and their log go; pending deliveries stop. */
export async function deleteWebhook(ctx: Ctx, id: string) {
  const existing = await findAdministeredWebhook(ctx, id);
  return ctx.db.transaction(async (tx) => {
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, existing.id));
    await recordAudit(tx, ctx.actor, {
      accountIds: existing.accountId,
      action: "webhook.delete",
      subjectType: "webhook",
      subjectId: existing.id,
      detail: { url: existing.url },
    });
    return serializeWebhook(existing);
  });
}
