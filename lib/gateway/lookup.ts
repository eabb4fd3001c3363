import { eq, sql } from "drizzle-orm";
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

const escrowColumns = {
  id: escrowDevices.id,
  accountId: escrowDevices.accountId,
  uniqueId: escrowDevices.uniqueId,
  tokenDigest: escrowDevices.tokenDigest,
  status: escrowDevices.status,
  firstCheckinAt: escrowDevices.firstCheckinAt,
  lastCheckinAt: escrowDevices.lastCheckinAt,
  tokenRetiredAt: escrowDevices.tokenRetiredAt,
  deviceId: escrowDevices.deviceId,
};

/**
 * The hot queries, prepared once per database: every escrowed gateway polls, and a plain indexed
 * select by unique_id (no joins, no re-planning, no query building) is most of the cost there.
 */
function buildStatements(db: Db) {
  return {
    escrowByUniqueId: db
      .select(escrowColumns)
      .from(escrowDevices)
      .where(eq(escrowDevices.uniqueId, sql.placeholder("uniqueId")))
      .limit(1)
      .prepare("gateway_escrow_by_unique_id"),
    documentByDeviceId: db
      .select({ device: deviceColumns, type: typeColumns, company: { id: accounts.id, name: accounts.name } })
      .from(devices)
      .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
      .innerJoin(accounts, eq(accounts.id, devices.accountId))
      .where(eq(devices.id, sql.placeholder("deviceId")))
      .limit(1)
      .prepare("gateway_document_by_device_id"),
    deviceByTokenDigest: db
      .select({ device: deviceColumns, type: typeColumns, company: { id: accounts.id, name: accounts.name }, escrowTokenRetiredAt: escrowDevices.tokenRetiredAt })
      .from(devices)
      .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
      .innerJoin(accounts, eq(accounts.id, devices.accountId))
      .leftJoin(escrowDevices, eq(escrowDevices.id, devices.escrowDeviceId))
      .where(eq(devices.deviceTokenDigest, sql.placeholder("digest")))
      .limit(1)
      .prepare("gateway_device_by_token_digest"),
  };
}

const statementCache = new WeakMap<Db, ReturnType<typeof buildStatements>>();
function statements(db: Db) {
  let s = statementCache.get(db);
  if (!s) {
    s = buildStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

/** The escrow device by unique_id and, once transferred, its device's document. */
export async function lookupEscrow(db: Db, uniqueId: string): Promise<EscrowLookup | null> {
  const st = statements(db);
  const [escrow] = await st.escrowByUniqueId.execute({ uniqueId });
  if (!escrow) return null;
  if (escrow.status !== "transferred" || !escrow.deviceId) return { escrow, active: null };
  const [r] = await st.documentByDeviceId.execute({ deviceId: escrow.deviceId });
  const active = r
    ? { deviceId: r.device.id, accountId: r.device.accountId, configDeliveredAt: r.device.configDeliveredAt, doc: gatewayDocument(r.device, r.type, r.company) }
    : null;
  return { escrow, active };
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
  const [r] = await statements(db).deviceByTokenDigest.execute({ digest: tokenDigest });
  if (!r) return null;
  return { device: r.device, escrowTokenRetiredAt: r.escrowTokenRetiredAt, doc: gatewayDocument(r.device, r.type, r.company) };
}
