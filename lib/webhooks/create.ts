import { webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { targetAccount } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { webhookCreateSchema } from "./schemas";
import { encryptSecret, newWebhookSecret } from "./secret";
import { serializeWebhook } from "./serialize";
import { assertPublicTarget } from "./ssrf";

/** `POST webhooks`: admins of the account. The secret is in this answer and nowhere else. */
export async function createWebhook(ctx: Ctx, input: unknown) {
  const body = parseInput(webhookCreateSchema, input);
  const accountId = targetAccount(ctx.actor, body.company_id, "account.admin");
  await assertPublicTarget(body.url);
  const secret = newWebhookSecret();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        accountId,
        userId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
        url: body.url,
        description: body.description ?? "",
        events: body.events,
        secretCiphertext: encryptSecret(secret),
      })
      .returning();
    await recordAudit(tx, ctx.actor, {
      accountIds: accountId,
      action: "webhook.create",
      subjectType: "webhook",
      subjectId: row.id,
      detail: { url: row.url, events: row.events },
    });
    return { ...serializeWebhook(row), secret };
  });
}
