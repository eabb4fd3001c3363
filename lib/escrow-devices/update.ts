import { and, eq, sql } from "drizzle-orm";
import { escrowDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import { digest, randomToken, tokenHint } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { conflict, invalid, parseInput } from "@/lib/errors";
import { requireOwnDeviceType } from "./device-type-check";
import { findVisibleEscrowDevice } from "./get";
import { escrowUpdateSchema } from "./schemas";
import { serializeEscrowDevice } from "./serialize";

const STATE_WORDS = { transfer_pending: "is in a pending transfer request", transferred: "has been transferred" } as const;

/**
 * `PUT escrow_devices/{id}`: token rotation and device_type_id, only while `escrowed` (409
 * otherwise). The status check and the write are one statement, so a transfer starting at the
 * same moment cannot slip between them.
 */
export async function updateEscrowDevice(ctx: Ctx, id: string, input: unknown) {
  const existing = await findVisibleEscrowDevice(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "escrow device");
  const body = parseInput(escrowUpdateSchema, input);
  if (body.token !== undefined && body.generate_token) {
    throw invalid("invalid input", { messages: ["give either token or generate_token, not both"] });
  }
  if (body.device_type_id !== undefined) await requireOwnDeviceType(ctx.db, existing.accountId, body.device_type_id);
  const newToken = body.generate_token ? randomToken() : body.token;
  const changes = {
    ...(newToken !== undefined && { tokenDigest: digest(newToken), tokenHint: tokenHint(newToken) }),
    ...(body.device_type_id !== undefined && { deviceTypeId: body.device_type_id }),
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(escrowDevices)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(escrowDevices.id, existing.id), eq(escrowDevices.status, "escrowed")))
      .returning();
    if (!row) {
      const [now] = await tx.select({ status: escrowDevices.status }).from(escrowDevices).where(eq(escrowDevices.id, existing.id));
      const state = now?.status === "transfer_pending" || now?.status === "transferred" ? STATE_WORDS[now.status] : "is no longer escrowed";
      throw conflict("escrow device cannot be changed", {
        messages: [`escrow device "${existing.uniqueId}" ${state}; its token and device type can change only while escrowed`],
      });
    }
    if (newToken !== undefined) {
      await recordAudit(tx, ctx.actor, {
        accountIds: row.accountId,
        action: "escrow_device.rotate_token",
        subjectType: "escrow_device",
        subjectId: row.id,
        detail: { unique_id: row.uniqueId, generated_token: Boolean(body.generate_token) },
      });
    }
    if (body.device_type_id !== undefined || newToken === undefined) {
      await recordAudit(tx, ctx.actor, {
        accountIds: row.accountId,
        action: "escrow_device.update",
        subjectType: "escrow_device",
        subjectId: row.id,
        detail: { unique_id: row.uniqueId, device_type_id: row.deviceTypeId },
      });
    }
    const out = serializeEscrowDevice(row);
    return body.generate_token && newToken ? { ...out, token: newToken } : out;
  });
}
