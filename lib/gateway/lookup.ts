import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, devices, deviceTypes, escrowDevices, gatewayRateLimits as rl } from "@/db/schema";
import type { LockoutProbe, Lockouts } from "./rate-limit";
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

export interface EscrowLookup extends Lockouts {
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

/** The lockout of one rate-limit key, read inside a lookup: its expiry while over the limit, else null. */
const lockedUntil = (key: string, limit: string) =>
  sql<string | null>`(select ${rl.expire} from ${rl} where ${rl.key} = ${sql.placeholder(key)} and ${rl.expire} > ${sql.placeholder("now")} and ${rl.points} >= ${sql.placeholder(limit)})`;

/**
 * The hot queries, prepared once per database: every escrowed gateway polls, and a plain indexed
 * select by unique_id (no joins, no re-planning, no query building) is most of the cost there.
 */
function buildStatements(db: Db) {
  return {
    escrowByUniqueId: db
      .select({ escrow: escrowColumns, uidLockedUntil: lockedUntil("uidKey", "uidLimit"), ipLockedUntil: lockedUntil("ipKey", "ipLimit") })
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
      .select({
        device: deviceColumns,
        type: typeColumns,
        company: { id: accounts.id, name: accounts.name },
        escrowTokenRetiredAt: escrowDevices.tokenRetiredAt,
        ipLockedUntil: lockedUntil("ipKey", "ipLimit"),
      })
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

/**
 * The escrow device by unique_id, the lockouts of this unique_id and address (one statement), and,
 * once transferred, its device's document.
 */
export async function lookupEscrow(db: Db, uniqueId: string, probe: LockoutProbe): Promise<EscrowLookup | null> {
  const st = statements(db);
  const [row] = await st.escrowByUniqueId.execute({ uniqueId, ...probe });
  if (!row) return null;
  const { escrow, uidLockedUntil, ipLockedUntil } = row;
  if (escrow.status !== "transferred" || !escrow.deviceId) return { escrow, active: null, uidLockedUntil, ipLockedUntil };
  const [r] = await st.documentByDeviceId.execute({ deviceId: escrow.deviceId });
  const active = r
    ? { deviceId: r.device.id, accountId: r.device.accountId, configDeliveredAt: r.device.configDeliveredAt, doc: gatewayDocument(r.device, r.type, r.company) }
    : null;
  return { escrow, active, uidLockedUntil, ipLockedUntil };
}

/**
 * Many escrow devices and, where transferred, their documents: ONE query for a batch of waiting
 * gateways (no lockouts: these gateways were admitted when they started waiting).
 */
export async function lookupEscrowMany(db: Db, uniqueIds: string[]): Promise<Map<string, EscrowLookup>> {
  const rows = await db
    .select({ escrow: escrowColumns, device: deviceColumns, type: typeColumns, company: { id: accounts.id, name: accounts.name } })
    .from(escrowDevices)
    .leftJoin(devices, and(eq(devices.id, escrowDevices.deviceId), eq(escrowDevices.status, "transferred")))
    .leftJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .leftJoin(accounts, eq(accounts.id, devices.accountId))
    .where(inArray(escrowDevices.uniqueId, uniqueIds));
  const out = new Map<string, EscrowLookup>();
  for (const r of rows) {
    const active =
      r.device && r.type && r.company
        ? { deviceId: r.device.id, accountId: r.device.accountId, configDeliveredAt: r.device.configDeliveredAt, doc: gatewayDocument(r.device, r.type, r.company) }
        : null;
    out.set(r.escrow.uniqueId, { escrow: r.escrow, active });
  }
  return out;
}

export interface DeviceLookup extends Lockouts {
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

/** The device holding this device-token digest, with its document and the address's lockout. */
export async function lookupDeviceByTokenDigest(db: Db, tokenDigest: string, probe: Pick<LockoutProbe, "ipKey" | "ipLimit" | "now">): Promise<DeviceLookup | null> {
  const [r] = await statements(db).deviceByTokenDigest.execute({ digest: tokenDigest, ...probe });
  if (!r) return null;
  return { device: r.device, escrowTokenRetiredAt: r.escrowTokenRetiredAt, ipLockedUntil: r.ipLockedUntil, doc: gatewayDocument(r.device, r.type, r.company) };
}
