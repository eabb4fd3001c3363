import type { deviceTypes } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export type DeviceTypeRow = typeof deviceTypes.$inferSelect;

/** The public shape. The internal copy association (device_type_copies) is never part of it. */
export function serializeDeviceType(t: DeviceTypeRow) {
  return {
    _id: t.id,
    company_id: t.accountId,
    user_id: t.userId,
    name: t.name,
    manufacturer: t.manufacturer,
    model: t.model,
    type: t.type,
    long_description: t.longDescription,
    capabilities: t.capabilities,
    config: t.config,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}

export type DeviceTypeJson = ReturnType<typeof serializeDeviceType>;
