import { sql } from "drizzle-orm";
import { devices } from "@/db/schema";
import { iso } from "@/lib/http/respond";
import type { HeartbeatStatus } from "./schemas";

/**
 * Computed in SQL (so it can be filtered and sorted): never_reported without a heartbeat, online
 * within 2 × heartbeat_period, else offline.
 */
export const heartbeatStatusSql = sql<HeartbeatStatus>`(case
  when ${devices.heartbeatAt} is null then 'never_reported'
  when ${devices.heartbeatAt} > now() - make_interval(secs => 2 * ${devices.heartbeatPeriod}) then 'online'
  else 'offline' end)`;

/** The public columns; the device token digest is never selected. */
export const deviceColumns = {
  id: devices.id,
  accountId: devices.accountId,
  userId: devices.userId,
  uniqueId: devices.uniqueId,
  name: devices.name,
  deviceTypeId: devices.deviceTypeId,
  escrowDeviceId: devices.escrowDeviceId,
  transferRequestId: devices.transferRequestId,
  configDeliveredAt: devices.configDeliveredAt,
  firstHeartbeatAt: devices.firstHeartbeatAt,
  heartbeatPeriod: devices.heartbeatPeriod,
  heartbeatAt: devices.heartbeatAt,
  heartbeatStatus: heartbeatStatusSql,
  tags: devices.tags,
  createdAt: devices.createdAt,
  updatedAt: devices.updatedAt,
};

export interface DeviceRow {
  id: string;
  accountId: string;
  userId: string | null;
  uniqueId: string;
  name: string;
  deviceTypeId: string;
  escrowDeviceId: string | null;
  transferRequestId: string | null;
  configDeliveredAt: Date | null;
  firstHeartbeatAt: Date | null;
  heartbeatPeriod: number;
  heartbeatAt: Date | null;
  heartbeatStatus: HeartbeatStatus;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

export function serializeDevice(d: DeviceRow) {
  return {
    _id: d.id,
    company_id: d.accountId,
    user_id: d.userId,
    unique_id: d.uniqueId,
    name: d.name,
    device_type_id: d.deviceTypeId,
    escrow_device_id: d.escrowDeviceId,
    transfer_request_id: d.transferRequestId,
    config_delivered_at: iso(d.configDeliveredAt),
    first_heartbeat_at: iso(d.firstHeartbeatAt),
    heartbeat_period: d.heartbeatPeriod,
    heartbeat_at: iso(d.heartbeatAt),
    heartbeat_status: d.heartbeatStatus,
    tags: d.tags,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}

export type DeviceJson = ReturnType<typeof serializeDevice>;
