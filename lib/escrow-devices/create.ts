import { escrowDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { actorUserId } from "@/lib/auth/actor";
import { targetAccount } from "@/lib/auth/permissions";
import { digest, randomToken, tokenHint } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { requireOwnDeviceType } from "./device-type-check";
import { raceConflict } from "./rows";
import { escrowCreateSchema } from "./schemas";
import { serializeEscrowDevice } from "./serialize";

/**
 * Registers one escrow device. The token is stored only as a digest (+ last-4 hint); when the
 * server generates it, the response carries it as `token` — the only time it is ever shown.
 */
export async function createEscrowDevice(ctx: Ctx, input: unknown) {
  const body = parseInput(escrowCreateSchema, input);
  const accountId = targetAccount(ctx.actor, body.company_id, "devices.write");
  await requireOwnDeviceType(ctx.db, accountId, body.device_type_id);
  const generated = body.token === undefined;
  const token = body.token ?? randomToken();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(escrowDevices)
        .values({
          accountId,
          userId: actorUserId(ctx.actor),
          uniqueId: body.unique_id,
          tokenDigest: digest(token),
          tokenHint: tokenHint(token),
          deviceTypeId: body.device_type_id ?? null,
        })
        .returning();
      await recordAudit(tx, ctx.actor, {
        accountIds: accountId,
        action: "escrow_device.create",
        subjectType: "escrow_device",
        subjectId: row.id,
        detail: { unique_id: row.uniqueId, generated_token: generated },
      });
      const out = serializeEscrowDevice(row);
      return generated ? { ...out, token } : out;
    });
  } catch (err) {
    raceConflict(err);
  }
}
