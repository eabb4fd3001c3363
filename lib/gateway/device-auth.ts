import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { digest } from "@/lib/auth/secrets";
import { type DeviceLookup, lookupDeviceByTokenDigest } from "./lookup";
import { lockoutProbe, recordDeviceFailure, refuseIfLockedOut } from "./rate-limit";
import { deviceTokenFromHeader, invalidCredentials } from "./tokens";

/**
 * Authenticates `Authorization: Device <token>`. The first successful use of a device token
 * retires the escrow token for good — under the device row's lock, the same lock an escrow
 * check-in takes before issuing a new token, so the token being retired for is the one in use.
 */
export async function authenticateDevice(database: Database, authorization: string | null, ip: string): Promise<DeviceLookup> {
  const { db } = database;
  const token = deviceTokenFromHeader(authorization);
  const tokenDigest = token ? digest(token) : null;
  const probe = lockoutProbe(database, "", ip);
  const found = tokenDigest ? await lookupDeviceByTokenDigest(db, tokenDigest, probe) : null;
  if (found) refuseIfLockedOut(found, probe.now);
  const fail = async () => (await recordDeviceFailure(database, ip)) ?? invalidCredentials();
  if (!found || !tokenDigest) throw await fail();
  const escrowDeviceId = found.device.escrowDeviceId;
  if (escrowDeviceId && found.escrowTokenRetiredAt == null) {
    const stillValid = await db.transaction(async (tx) => {
      const [locked] = await queryRows<{ id: string }>(
        tx,
        sql`select id from devices where id = ${found.device.id} and device_token_digest = ${tokenDigest} for update`,
      );
      if (!locked) return false;
      await tx.execute(sql`update escrow_devices set token_retired_at = now() where id = ${escrowDeviceId} and token_retired_at is null`);
      return true;
    });
    if (!stillValid) throw await fail();
  }
  return found;
}
