import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices, deviceTypes, escrowDevices, type JsonObject } from "@/db/schema";
import { digest, tokenHint } from "@/lib/auth/secrets";
import { makeAccount } from "@/lib/test/factories";

const hex = (n = 4) => randomBytes(n).toString("hex");

export async function makeDeviceType(db: Db, accountId: string, config: JsonObject = { heartbeat_period: 60, log_config: { level: "info" } }) {
  const [t] = await db
    .insert(deviceTypes)
    .values({ accountId, name: `Gateway ${hex(2)}`, manufacturer: "Acme", model: "EG-1", type: "gateway", config })
    .returning();
  return t;
}

/** An escrow device with a known token (stored as digest + hint, as the product stores it). */
export async function makeEscrowDevice(db: Db, accountId: string, opts: { uniqueId?: string; token?: string; deviceTypeId?: string } = {}) {
  const uniqueId = opts.uniqueId ?? `gw-${hex(6)}`;
  const token = opts.token ?? `escrow-token-${hex(12)}`;
  const [e] = await db
    .insert(escrowDevices)
    .values({ accountId, uniqueId, tokenDigest: digest(token), tokenHint: tokenHint(token), deviceTypeId: opts.deviceTypeId ?? null })
    .returning();
  return { escrow: e, uniqueId, token };
}

/** A manufacturer with a device type, a customer account, and one escrow device. */
export async function makeGatewayScenario(db: Db, opts: { typeConfig?: JsonObject } = {}) {
  const maker = await makeAccount(db, { name: `Maker ${hex(2)}` });
  const customer = await makeAccount(db, { name: `Customer ${hex(2)}` });
  const type = await makeDeviceType(db, maker.id, opts.typeConfig);
  const customerType = await makeDeviceType(db, customer.id, opts.typeConfig);
  const e = await makeEscrowDevice(db, maker.id, { deviceTypeId: type.id });
  return { maker, customer, type, customerType, ...e };
}

/**
 * What an accepted transfer does to one escrow device, in one transaction: create the device in
 * the destination account, mark the escrow device transferred, and NOTIFY waiting check-ins.
 */
export async function simulateAccept(
  db: Db,
  escrowId: string,
  opts: { accountId: string; deviceTypeId: string; heartbeatPeriod?: number; name?: string; notify?: boolean },
) {
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(escrowDevices).where(eq(escrowDevices.id, escrowId));
    const [d] = await tx
      .insert(devices)
      .values({
        accountId: opts.accountId,
        uniqueId: e.uniqueId,
        name: opts.name ?? e.uniqueId,
        deviceTypeId: opts.deviceTypeId,
        escrowDeviceId: e.id,
        heartbeatPeriod: opts.heartbeatPeriod ?? 60,
      })
      .returning();
    await tx
      .update(escrowDevices)
      .set({ status: "transferred", deviceId: d.id, transferCompletedAt: sql`now()` })
      .where(eq(escrowDevices.id, e.id));
    if (opts.notify !== false) await tx.execute(sql`select pg_notify('handoff_device_active', ${JSON.stringify([e.uniqueId])})`);
    return d;
  });
}
