import { eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { devices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { GatewayActor } from "@/lib/auth/actor";
import type { EscrowLookup } from "./lookup";
import { configVersion } from "./serialize";
import { invalidCredentials, newDeviceToken } from "./tokens";

/**
 * Issues a fresh device token (replacing any earlier, unused one: a lost answer is harmless) and
 * returns the gateway's document. The device row is locked first — the same order as the first
 * use of a device token — so a token in use is never replaced by a racing escrow check-in.
 */
export async function activate(db: Db, found: EscrowLookup, actor: GatewayActor) {
  const active = found.active!;
  const { token, digest } = newDeviceToken();
  await db.transaction(async (tx) => {
    const [locked] = await queryRows<{ config_delivered_at: Date | string | null }>(
      tx,
      sql`select config_delivered_at from devices where id = ${active.deviceId} for update`,
    );
    if (!locked) throw invalidCredentials();
    const [escrow] = await queryRows<{ token_retired_at: Date | string | null }>(
      tx,
      sql`select token_retired_at from escrow_devices where id = ${found.escrow.id}`,
    );
    if (!escrow || escrow.token_retired_at != null) throw invalidCredentials();
    await tx
      .update(devices)
      .set({ deviceTokenDigest: digest, deviceTokenIssuedAt: sql`now()`, configDeliveredAt: sql`coalesce(${devices.configDeliveredAt}, now())` })
      .where(eq(devices.id, active.deviceId));
    if (locked.config_delivered_at == null) {
      const detail = { unique_id: found.escrow.uniqueId, device_id: active.deviceId, escrow_device_id: found.escrow.id };
      await recordAudit(tx, actor, { accountIds: active.accountId, action: "gateway.activated", subjectType: "device", subjectId: active.deviceId, detail });
      // A handover milestone for the manufacturer too, recorded against its escrow device.
      if (found.escrow.accountId !== active.accountId)
        await recordAudit(tx, actor, { accountIds: found.escrow.accountId, action: "gateway.activated", subjectType: "escrow_device", subjectId: found.escrow.id, detail });
    }
  });
  return { ...active.doc, config_version: configVersion(active.doc), device_token: token };
}
