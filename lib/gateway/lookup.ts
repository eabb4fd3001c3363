import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, devices, deviceTypes, escrowDevices } from "@/db/schema";
import type { GatewayDocument } from "./serialize";
import { gatewayDocument } from "./serialize";

const deviceColumns = {
  id: devices.id,
  accountId: devices.accountId,
  uniqueId: devices.uniqueId,
  name: devices.name,
  deviceTypeId: devices.deviceTypeId,
  escrowDeviceId: devices.escrowDeviceId,
  heartbeatPeriod: devices.heartbeatPeriod,
  tags: devices.tags,
  createdAt: devices.createdAt,
  updatedAt: devices.updatedAt,
  heartbeatAt: devices.heartbeatAt,
  firstHeartbeatAt: devices.firstHeartbeatAt,
  configDeliveredAt: devices.configDeliveredAt,
};

const typeColumns = {
  id: deviceTypes.id,
  accountId: deviceTypes.accountId,
  name: deviceTypes.name,
  manufacturer: deviceTypes.manufacturer,
  model: deviceTypes.model,
  type: deviceTypes.type,
  longDescription: deviceTypes.longDescription,
  capabilities: deviceTypes.capabilities,
  config: deviceTypes.config,
  createdAt: deviceTypes.createdAt,
  updatedAt: deviceTypes.updatedAt,
};

export interface EscrowLookup {
  escrow: {
    id: string;
    accountId: string;
    uniqueId: string;
    tokenDigest: string;
    status: string;
    firstCheckinAt: Date | null;
    lastCheckinAt: Date | null;
    tokenRetiredAt: Date | null;
    deviceId: string | null;
  };
  /** The device and its document when the escrow device has been transferred and the device exists. */
  active: { deviceId: string; accountId: string; configDeliveredAt: Date | null; doc: GatewayDocument } | null;
}

/** One round trip: the escrow device by unique_id, with its device, device type and account if any. */
export async function lookupEscrow(db: Db, uniqueId: string): Promise<EscrowLookup | null> {
  const rows = await db
    .select({
      escrow: {
        id: escrowDevices.id,
        accountId: escrowDevices.accountId,
        uniqueId: escrowDevices.uniqueId,
        tokenDigest: escrowDevices.tokenDigest,
        status: escrowDevices.status,
        firstCheckinAt: escrowDevices.firstCheckinAt,
        lastCheckinAt: escrowDevices.lastCheckinAt,
        tokenRetiredAt: escrowDevices.tokenRetiredAt,
        deviceId: escrowDevices.deviceId,
      },
      device: deviceColumns,
      type: typeColumns,
      company: { id: accounts.id, name: accounts.name },
    })
    .from(escrowDevices)
    .leftJoin(devices, eq(devices.id, escrowDevices.deviceId))
    .leftJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .leftJoin(accounts, eq(accounts.id, devices.accountId))
    .where(eq(escrowDevices.uniqueId, uniqueId))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  const active =
    r.escrow.status === "transferred" && r.device && r.type && r.company
      ? {
          deviceId: r.device.id,
          accountId: r.device.accountId,
          configDeliveredAt: r.device.configDeliveredAt,
          doc: gatewayDocument(r.device, r.type, r.company),
        }
      : null;
  return { escrow: r.escrow, active };
}

export interface DeviceLookup {
  device: {
    id: string;
    accountId: string;
    uniqueId: string;
    escrowDeviceId: string | null;
    heartbeatPeriod: number;
    heartbeatAt: Date | null;
    firstHeartbeatAt: Date | null;
  };
  escrowTokenRetiredAt: Date | null;
  doc: GatewayDocument;
}

/** The device holding this device-token digest, with its document. */
export async function lookupDeviceByTokenDigest(db: Db, tokenDigest: string): Promise<DeviceLookup | null> {
  const rows = await db
    .select({
      device: deviceColumns,
      type: typeColumns,
      company: { id: accounts.id, name: accounts.name },
      escrowTokenRetiredAt: escrowDevices.tokenRetiredAt,
    })
    .from(devices)
    .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .innerJoin(accounts, eq(accounts.id, devices.accountId))
    .leftJoin(escrowDevices, eq(escrowDevices.id, devices.escrowDeviceId))
    .where(eq(devices.deviceTokenDigest, tokenDigest))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  return { device: r.device, escrowTokenRetiredAt: r.escrowTokenRetiredAt, doc: gatewayDocument(r.device, r.type, r.company) };
}
