import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { accounts, deviceTypes, transferRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, requireUser, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError, findPgError, invalid, notFound, parseInput, uniqueViolation } from "@/lib/errors";
import { autoAcceptByRule } from "./auto-accept";
import { expireOverdue } from "./expire";
import { nameEach } from "./names";
import { escrowIdsForUniqueIds } from "./packing-list";
import { progressOf } from "./progress";
import { MAX_DEVICES_PER_REQUEST, type TransferCreateInput, transferCreateSchema } from "./schemas";
import { serializeTransfer } from "./serialize";
import { idsTable, textArray } from "./sql";

export { nameEach };

const LISTS = {
  escrow_device_ids: (v: string) => v.length <= 64 && v.trim() === v,
  unique_ids: (v: string) => v.length <= 128 && v.trim().toLowerCase() === v,
} as const;

/**
 * The schema's answer, with the id list checked in one pass when every element is already what
 * the schema would make of it (trimmed, lower-case unique_ids, within length, listed once, 1–10,000
 * of them): a zod element per id costs tens of milliseconds at 10,000. The rest of the body still
 * goes through the schema (with a one-element list standing in), and anything else goes through it
 * whole, so every answer and error message stays the schema's.
 */
export function parseTransferCreate(input: unknown): TransferCreateInput {
  if (!input || typeof input !== "object" || Array.isArray(input)) return parseInput(transferCreateSchema, input);
  const body = input as Record<string, unknown>;
  const given = (Object.keys(LISTS) as (keyof typeof LISTS)[]).filter((k) => Object.hasOwn(body, k) && body[k] !== undefined);
  if (given.length !== 1) return parseInput(transferCreateSchema, input);
  const key = given[0];
  const list = body[key];
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_DEVICES_PER_REQUEST) return parseInput(transferCreateSchema, input);
  const seen = new Set<string>();
  for (const v of list) {
    if (typeof v !== "string" || v.length < 1 || !LISTS[key](v) || seen.has(v)) return parseInput(transferCreateSchema, input);
    seen.add(v);
  }
  return { ...parseInput(transferCreateSchema, { ...body, [key]: [list[0]] }), [key]: list as string[] };
}

interface EscrowRef {
  id: string;
  unique_id: string;
  status: string;
}

function conflictFor(devices: EscrowRef[]): AppError {
  const reason = (d: EscrowRef) => (d.status === "transferred" ? "has already been transferred" : "is already in a pending transfer request");
  return new AppError("conflict", `${devices.length === 1 ? "an escrow device is" : `${devices.length} escrow devices are`} not available for transfer`, {
    messages: nameEach(devices.map((d) => `${d.unique_id} (${d.id}) ${reason(d)}`)),
    extra: { conflicts: devices.map((d) => ({ _id: d.id, unique_id: d.unique_id, status: d.status })) },
  });
}

/**
 * `POST device_transfer_requests`: the escrow devices move to `transfer_pending` in one conditional
 * statement; anything that changed underneath (a concurrent request) rolls the whole request back.
 * The partial unique index on pending items is the database's backstop.
 */
export async function createTransfer(ctx: Ctx, input: unknown) {
  const user = requireUser(ctx.actor);
  const body = parseTransferCreate(input);
  await expireOverdue(ctx.db);

  const visible = visibleAccountIds(user);
  const ids = body.unique_ids ? await escrowIdsForUniqueIds(ctx.db, visible, body.unique_ids) : (body.escrow_device_ids ?? []);
  // Sorted: concurrent requests over overlapping devices then lock their rows in one order.
  const sorted = [...ids].sort();
  const found = await queryRows<EscrowRef & { account_id: string }>(
    ctx.db,
    sql`select d.id, d.account_id, d.unique_id, d.status from ${idsTable(sorted)} join escrow_devices d on d.id = w.id
        where d.account_id = any(${textArray(visible)})`,
  );
  if (found.length < ids.length) {
    const seen = new Set(found.map((f) => f.id));
    const unknown = ids.filter((id) => !seen.has(id));
    throw new AppError("not_found", `${unknown.length === 1 ? "an escrow device was" : `${unknown.length} escrow devices were`} not found`, {
      messages: nameEach(unknown.map((id) => `escrow device ${id} not found`)),
      extra: { unknown_escrow_device_ids: unknown },
    });
  }
  const owners = [...new Set(found.map((f) => f.account_id))];
  if (owners.length > 1) throw invalid("escrow devices of more than one account", { messages: ["escrow_device_ids: all escrow devices of a request must belong to one account"] });
  const from = owners[0];
  requirePermission(user, from, "transfers.create", "escrow device");

  const [dest] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, body.to_company_id)).limit(1);
  if (!dest) throw notFound("company");
  const problems: string[] = [];
  if (dest.id === from) problems.push("to_company_id: must be another account than the one owning the escrow devices");
  const [type] = await ctx.db.select({ accountId: deviceTypes.accountId }).from(deviceTypes).where(eq(deviceTypes.id, body.device_type_id)).limit(1);
  if (!type || type.accountId !== from) problems.push("device_type_id: is not a device type of the originating account (foreign device type)");
  if (problems.length) throw invalid("invalid transfer request", { messages: problems });

  const unavailable = found.filter((f) => f.status !== "escrowed");
  if (unavailable.length) throw conflictFor(unavailable);

  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(transferRequests)
        .values({ fromAccountId: from, toAccountId: dest.id, userId: user.userId, deviceTypeId: body.device_type_id, deviceCount: ids.length, expiresAt: body.expires_at })
        .returning();
      const taken = await queryRows<{ escrow_device_id: string }>(
        tx,
        sql`with moved as (
              update escrow_devices d set status = 'transfer_pending', transfer_initiated_at = now(), updated_at = now()
              from ${idsTable(sorted)}
              where d.id = w.id and d.account_id = ${from} and d.status = 'escrowed'
              returning d.id, d.unique_id
            )
            insert into transfer_request_items (request_id, escrow_device_id, unique_id, state)
            select ${row.id}, id, unique_id, 'pending' from moved
            returning escrow_device_id`,
      );
      if (taken.length < ids.length) {
        const got = new Set(taken.map((t) => t.escrow_device_id));
        const lost = found.filter((f) => !got.has(f.id));
        const now = await queryRows<EscrowRef>(tx, sql`select d.id, d.unique_id, d.status from ${idsTable(lost.map((l) => l.id))} join escrow_devices d on d.id = w.id`);
        throw conflictFor(now.map((d) => ({ ...d, status: d.status === "escrowed" ? "transfer_pending" : d.status })));
      }
      await recordAudit(tx, user, {
        accountIds: [from, dest.id],
        action: "transfer.create",
        subjectType: "transfer_request",
        subjectId: row.id,
        detail: { from_company_id: from, to_company_id: dest.id, device_type_id: body.device_type_id, device_count: ids.length },
      });
      const accepted = await autoAcceptByRule(tx, row);
      return serializeTransfer(accepted ?? row, ids, accepted ? await progressOf(tx, accepted) : null);
    });
  } catch (err) {
    const u = uniqueViolation(err);
    if (u?.constraint === "transfer_request_items_one_pending_key") {
      const id = /\(escrow_device_id\)=\(([^)]+)\)/.exec(u.detail ?? "")?.[1];
      const named = found.filter((f) => f.id === id);
      throw conflictFor(named.length ? named.map((n) => ({ ...n, status: "transfer_pending" })) : found.map((n) => ({ ...n, status: "transfer_pending" })));
    }
    // Two requests grabbing overlapping devices in opposite orders: PostgreSQL breaks the tie.
    if (findPgError(err)?.code === "40P01") throw new AppError("conflict", "escrow devices are being put in another transfer request at the same time; try again");
    throw err;
  }
}
