import { recordAudit } from "@/lib/audit/record";
import { actorUserId } from "@/lib/auth/actor";
import { targetAccount } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid, parseInput } from "@/lib/errors";
import { requireOwnDeviceType } from "./device-type-check";
import { checkRows, insertRows, raceConflict } from "./rows";
import { escrowBulkCreateSchema } from "./schemas";
import type { EscrowDeviceJson } from "./serialize";

/**
 * `POST escrow_devices/bulk`: all or nothing. Every row is validated first (format, duplicates in
 * the input, unique_ids already registered); any problem → 400 with `errors` (row index → reason)
 * and nothing written. Otherwise one transaction: one INSERT … SELECT FROM unnest and one audit event.
 */
export async function bulkCreateEscrowDevices(ctx: Ctx, input: unknown) {
  const body = parseInput(escrowBulkCreateSchema, input);
  const accountId = targetAccount(ctx.actor, body.company_id, "devices.write");
  await requireOwnDeviceType(ctx.db, accountId, body.device_type_id);
  const rows = body.escrow_devices;
  const { valid, errors } = await checkRows(ctx.db, rows, (i) => `index ${i}`);
  if (errors.size) {
    const sorted = [...errors].sort((a, b) => a[0] - b[0]);
    throw invalid(`${errors.size} of ${rows.length} rows are invalid; nothing was created`, {
      messages: sorted.slice(0, 100).map(([i, reason]) => `escrow_devices[${i}]: ${reason}`),
      extra: { errors: Object.fromEntries(sorted.map(([i, reason]) => [String(i), reason])) },
    });
  }
  const deviceTypeId = body.device_type_id ?? null;
  const indexByUid = new Map(valid.map((r) => [r.uniqueId, String(r.index)]));
  try {
    return await ctx.db.transaction(async (tx) => {
      const out = await insertRows(tx, ctx.actor, accountId, deviceTypeId, valid);
      await recordAudit(tx, ctx.actor, {
        accountIds: accountId,
        action: "escrow_device.bulk_create",
        subjectType: "escrow_device",
        subjectId: null,
        detail: { created: out.count, generated_tokens: out.generated.size },
      });
      const userId = actorUserId(ctx.actor);
      // The serializeEscrowDevice shape of each new row, built from what was written.
      const resources: (EscrowDeviceJson & { token?: string })[] = new Array(valid.length);
      for (let i = 0; i < valid.length; i++) {
        const at = out.createdAt(i);
        const resource: EscrowDeviceJson & { token?: string } = {
          _id: out.ids[i],
          company_id: accountId,
          user_id: userId,
          unique_id: valid[i].uniqueId,
          token_hint: out.hints[i],
          device_type_id: deviceTypeId,
          status: "escrowed",
          transfer_initiated_at: null,
          transfer_completed_at: null,
          last_checkin_at: null,
          device_id: null,
          created_at: at,
          updated_at: at,
        };
        const token = out.tokens[i];
        if (token) resource.token = token;
        resources[i] = resource;
      }
      return { created: resources.length, resources };
    });
  } catch (err) {
    raceConflict(err, (uid) => indexByUid.get(uid));
  }
}
