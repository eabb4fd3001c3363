import { eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { transferRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { loadVisibleTransfer, originTypeId, requirePending, requireSide } from "./access";
import { expireOverdue } from "./expire";
import type { TransferProgress } from "./progress";
import { resolveDeviceType } from "./resolve-device-type";
import { acceptSchema } from "./schemas";
import { serializeTransfer, type TransferRow } from "./serialize";
import { sqlNewId } from "./sql";

/**
 * The gateway side listens on this channel to wake long-polling check-ins. The payload is ALWAYS a
 * JSON array of unique_ids, chunked so each payload stays under NOTIFY_MAX_BYTES (PostgreSQL's
 * limit is 8000 bytes). Notifications are transactional: they are delivered only on commit.
 */
export const DEVICE_ACTIVE_CHANNEL = "handoff_device_active";
export const NOTIFY_MAX_BYTES = 7000;

export function notifyChunks(uniqueIds: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 2;
  for (const u of uniqueIds) {
    const add = Buffer.byteLength(JSON.stringify(u)) + 1;
    if (cur.length && size + add > NOTIFY_MAX_BYTES) {
      out.push(JSON.stringify(cur));
      cur = [];
      size = 2;
    }
    cur.push(u);
    size += add;
  }
  if (cur.length) out.push(JSON.stringify(cur));
  return out;
}

function heartbeatPeriodOf(config: Record<string, unknown>): number {
  const v = config.heartbeat_period;
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 86_400 ? v : 60;
}

/**
 * `POST device_transfer_requests/{id}/transfer`: destination admins only. ONE transaction: the
 * request row is locked (concurrent accepts queue here and find it no longer pending → 409), the
 * device type is resolved, every device is created with one INSERT … SELECT, and the items and
 * escrow devices are settled with set-based UPDATEs.
 */
export async function acceptTransfer(ctx: Ctx, requestId: string, input: unknown = {}) {
  const user = requireUser(ctx.actor);
  await expireOverdue(ctx.db);
  const seen = await loadVisibleTransfer(ctx.db, user, requestId);
  requireSide(user, seen.toAccountId, "transfers.decide", "only admins of the destination account can accept a transfer request");
  const body = parseInput(acceptSchema, input);

  const { row, ids, progress } = await ctx.db.transaction(async (tx) => {
    const t = await loadVisibleTransfer(tx, user, requestId, { forUpdate: true });
    requirePending(t);
    return acceptAndReport(tx, user, t, { overrideId: body.device_type_id, decidedBy: user.userId });
  });
  return serializeTransfer(row, ids, progress);
}

interface AcceptOpts {
  overrideId: string | null;
  decidedBy: string | null;
  ruleId?: string;
}

/**
 * The accept itself, on a request row already locked (or just created) in `tx`: resolve the type,
 * create the devices, settle items and escrow devices, mark it accepted, wake the gateways and
 * audit it in both accounts as `actor`. Shared by an admin's accept and a trusted-sender rule.
 */
export async function acceptLocked(tx: Db, actor: Actor, t: TransferRow, opts: AcceptOpts): Promise<TransferRow> {
  return (await acceptAndReport(tx, actor, t, opts)).row;
}

/**
 * `acceptLocked`, also answering what the response shows: the request's escrow device ids (in
 * `itemIds` order) and its progress as of the accept (the devices were just created: none has had
 * its config or a heartbeat yet) — from the statements' own results, not read again.
 */
async function acceptAndReport(tx: Db, actor: Actor, t: TransferRow, opts: AcceptOpts): Promise<{ row: TransferRow; ids: string[]; progress: TransferProgress }> {
  const resolved = await resolveDeviceType(tx, { originId: originTypeId(t), destinationAccountId: t.toAccountId, overrideId: opts.overrideId, userId: opts.decidedBy });
  const typeId = resolved.deviceType.id;
  const { created, ids } = await createDevices(tx, t.id, t.toAccountId, opts.decidedBy, typeId, heartbeatPeriodOf(resolved.deviceType.config));
  const failed = await queryRows<{ escrow_device_id: string; error: string }>(
    tx,
    sql`with failed as (
          update transfer_request_items set state = 'failed', error = 'a device with unique_id ' || unique_id || ' already exists'
          where request_id = ${t.id} and state = 'pending'
          returning escrow_device_id, error
        ), back as (
          update escrow_devices d set status = 'escrowed', transfer_initiated_at = null, updated_at = now()
          from failed f where d.id = f.escrow_device_id
        )
        select escrow_device_id, error from failed`,
  );
  const errors = Object.fromEntries(failed.map((f) => [f.escrow_device_id, f.error]));
  const [updated] = await tx
    .update(transferRequests)
    .set({
      status: "accepted",
      decidedBy: opts.decidedBy,
      decidedAt: sql`now()`,
      transferredAt: sql`now()`,
      resolvedDeviceTypeId: typeId,
      resolution: resolved.resolution,
      errors,
      acceptedByRuleId: opts.ruleId ?? null,
      updatedAt: sql`now()`,
    })
    .where(eq(transferRequests.id, t.id))
    .returning();
  const payloads = notifyChunks(created);
  if (payloads.length) {
    await tx.execute(sql`select pg_notify(${DEVICE_ACTIVE_CHANNEL}, p) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) as c(p)`);
  }
  await recordAudit(tx, actor, {
    accountIds: [t.fromAccountId, t.toAccountId],
    action: "transfer.accept",
    subjectType: "transfer_request",
    subjectId: t.id,
    detail: {
      created: created.length,
      failed: failed.length,
      resolution: resolved.resolution,
      device_type_id: typeId,
      ...(opts.ruleId ? { rule_id: opts.ruleId, automatic: true } : {}),
    },
  });
  const progress: TransferProgress = { devices: updated.deviceCount, created: created.length, failed: failed.length, config_delivered: 0, first_heartbeat: 0 };
  return { row: updated, ids, progress };
}

/**
 * One INSERT … SELECT for all devices; an existing unique_id is skipped and reported as failed.
 * Also answers the request's escrow device ids in `itemIds` order (the items were all there before
 * the statement; only their state changes), so they need not be read again.
 */
async function createDevices(
  tx: Db,
  requestId: string,
  accountId: string,
  userId: string | null,
  typeId: string,
  heartbeatPeriod: number,
): Promise<{ created: string[]; ids: string[] }> {
  const [row] = await queryRows<{ created: string[] | null; ids: string[] | null }>(
    tx,
    sql`with created as (
          insert into devices (id, account_id, user_id, unique_id, name, device_type_id, escrow_device_id, transfer_request_id, heartbeat_period)
          select ${sqlNewId}, ${accountId}, ${userId}, i.unique_id, i.unique_id, ${typeId}, i.escrow_device_id, ${requestId}, ${heartbeatPeriod}
          from transfer_request_items i
          where i.request_id = ${requestId} and i.state = 'pending'
          on conflict (unique_id) do nothing
          returning id, unique_id, escrow_device_id
        ), items as (
          update transfer_request_items i set state = 'transferred', device_id = c.id
          from created c where i.request_id = ${requestId} and i.escrow_device_id = c.escrow_device_id
        ), escrow as (
          update escrow_devices d set status = 'transferred', device_id = c.id, transfer_completed_at = now(), updated_at = now()
          from created c where d.id = c.escrow_device_id
        )
        select (select array_agg(unique_id) from created) as created,
               (select array_agg(escrow_device_id order by unique_id) from transfer_request_items where request_id = ${requestId}) as ids`,
  );
  return { created: row?.created ?? [], ids: row?.ids ?? [] };
}
