import { and, eq, inArray } from "drizzle-orm";
import { escrowDevices } from "@/db/schema";
import { recordAudit, recordAuditMany } from "@/lib/audit/record";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError, conflict, notFound, parseInput } from "@/lib/errors";
import { expireOverdue } from "@/lib/transfers/expire";
import { findVisibleEscrowDevice } from "./get";
import { escrowBulkDeleteSchema } from "./schemas";
import { serializeEscrowDevice } from "./serialize";

const pendingConflict = (uniqueIds: string[]) =>
  conflict("escrow device in a pending transfer request", {
    messages: uniqueIds.slice(0, 100).map((u) => `escrow device "${u}" is in a pending transfer request; cancel or decide the request first`),
    extra: { unique_ids: uniqueIds },
  });

/** `DELETE escrow_devices/{id}`: 409 while transfer_pending; a transferred record may go (its device stays). */
export async function deleteEscrowDevice(ctx: Ctx, id: string) {
  const existing = await findVisibleEscrowDevice(ctx, id);
  requirePermission(ctx.actor, existing.accountId, "devices.write", "escrow device");
  return ctx.db.transaction(async (tx) => {
    // The row lock orders us against a transfer request being created for this device.
    const [row] = await tx.select().from(escrowDevices).where(eq(escrowDevices.id, existing.id)).for("update");
    if (!row) throw notFound("escrow device");
    if (row.status === "transfer_pending") throw pendingConflict([row.uniqueId]);
    await tx.delete(escrowDevices).where(eq(escrowDevices.id, row.id));
    await recordAudit(tx, ctx.actor, {
      accountIds: row.accountId,
      action: "escrow_device.delete",
      subjectType: "escrow_device",
      subjectId: row.id,
      detail: { unique_id: row.uniqueId, status: row.status },
    });
    return serializeEscrowDevice(row);
  });
}

/** `DELETE escrow_devices/bulk` {"ids": [...]}: all or nothing → {"deleted": n}. */
export async function bulkDeleteEscrowDevices(ctx: Ctx, input: unknown) {
  const { ids: rawIds } = parseInput(escrowBulkDeleteSchema, input);
  const ids = [...new Set(rawIds)];
  const visible = visibleAccountIds(ctx.actor);
  if (!visible.length) throw notFound("escrow device");
  await expireOverdue(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(escrowDevices)
      .where(and(inArray(escrowDevices.id, ids), inArray(escrowDevices.accountId, visible)))
      .orderBy(escrowDevices.uniqueId)
      .for("update");
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.filter((i) => !found.has(i));
      throw new AppError("not_found", "escrow device not found", {
        messages: missing.slice(0, 100).map((m) => `escrow device "${m}" not found`),
        extra: { ids: missing },
      });
    }
    for (const accountId of new Set(rows.map((r) => r.accountId))) requirePermission(ctx.actor, accountId, "devices.write", "escrow device");
    const pending = rows.filter((r) => r.status === "transfer_pending");
    if (pending.length) throw pendingConflict(pending.map((r) => r.uniqueId));
    await tx.delete(escrowDevices).where(inArray(escrowDevices.id, ids));
    const byAccount = new Map<string, string[]>();
    for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r.uniqueId]);
    await recordAuditMany(
      tx,
      ctx.actor,
      [...byAccount].map(([accountId, uids]) => ({
        accountId,
        action: "escrow_device.bulk_delete",
        subjectType: "escrow_device",
        subjectId: null,
        detail: { deleted: uids.length, unique_ids: uids.slice(0, 100) },
      })),
    );
    return { deleted: rows.length };
  });
}
