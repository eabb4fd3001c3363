import { recordAudit } from "@/lib/audit/record";
import { targetAccount } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid, parseInput } from "@/lib/errors";
import { requireOwnDeviceType } from "./device-type-check";
import { checkRows, insertRows, raceConflict } from "./rows";
import { escrowBulkCreateSchema } from "./schemas";
import { serializeEscrowDevice } from "./serialize";

/**
 * `POST escrow_devices/bulk`: all or nothing. Every row is validated first (format, duplicates in
 * the input, unique_ids already registered); any problem → 400 with `errors` (row index → reason)
 * and nothing written. Otherwise one transaction of multi-row INSERTs and one audit event.
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
  const indexByUid = new Map(valid.map((r) => [r.uniqueId, String(r.index)]));
  try {
    return await ctx.db.transaction(async (tx) => {
      const { inserted, generated } = await insertRows(tx, ctx.actor, accountId, body.device_type_id ?? null, valid);
      await recordAudit(tx, ctx.actor, {
        accountIds: accountId,
        action: "escrow_device.bulk_create",
        subjectType: "escrow_device",
        subjectId: null,
        detail: { created: inserted.length, generated_tokens: generated.size },
      });
      const resources = inserted.map((row) => {
        const out = serializeEscrowDevice(row);
        const token = generated.get(row.uniqueId);
        return token ? { ...out, token } : out;
      });
      return { created: resources.length, resources };
    });
  } catch (err) {
    raceConflict(err, (uid) => indexByUid.get(uid));
  }
}
