import { createHash } from "node:crypto";
import type { JsonObject } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export interface GatewayDeviceRow {
  id: string;
  accountId: string;
  uniqueId: string;
  name: string;
  deviceTypeId: string;
  escrowDeviceId: string | null;
  heartbeatPeriod: number;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface GatewayDeviceTypeRow {
  id: string;
  accountId: string;
  name: string;
  manufacturer: string;
  model: string;
  type: string;
  longDescription: string;
  capabilities: JsonObject;
  config: JsonObject;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a gateway receives about itself. Volatile fields (heartbeat_at, token timestamps) are left
 * out on purpose: the ETag is a hash of this document and must change only when the config does.
 */
export function gatewayDocument(device: GatewayDeviceRow, type: GatewayDeviceTypeRow, company: { id: string; name: string }) {
  return {
    mode: "active" as const,
    device: {
      _id: device.id,
      company_id: device.accountId,
      unique_id: device.uniqueId,
      name: device.name,
      device_type_id: device.deviceTypeId,
      escrow_device_id: device.escrowDeviceId,
      heartbeat_period: device.heartbeatPeriod,
      tags: device.tags,
      created_at: iso(device.createdAt),
      updated_at: iso(device.updatedAt),
    },
    device_type: {
      _id: type.id,
      company_id: type.accountId,
      name: type.name,
      manufacturer: type.manufacturer,
      model: type.model,
      type: type.type,
      long_description: type.longDescription,
      capabilities: type.capabilities,
      config: type.config,
      created_at: iso(type.createdAt),
      updated_at: iso(type.updatedAt),
    },
    company: { _id: company.id, name: company.name },
    // The device's own settings win over the device type's defaults.
    config: { ...(type.config ?? {}), heartbeat_period: device.heartbeatPeriod },
  };
}

export type GatewayDocument = ReturnType<typeof gatewayDocument>;

/** The config version: a hash of the document's JSON (also the ETag, quoted). */
export function configVersion(doc: GatewayDocument): string {
  return createHash("sha256").update(JSON.stringify(doc)).digest("base64url").slice(0, 27);
}
