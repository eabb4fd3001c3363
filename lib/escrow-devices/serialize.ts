import type { escrowDevices } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export type EscrowDeviceRow = typeof escrowDevices.$inferSelect;

/** The public shape: never the token or its digest (only the last 4 characters as a hint). */
export function serializeEscrowDevice(e: EscrowDeviceRow) {
  return {
    _id: e.id,
    company_id: e.accountId,
    user_id: e.userId,
    unique_id: e.uniqueId,
    token_hint: e.tokenHint,
    device_type_id: e.deviceTypeId,
    status: e.status,
    transfer_initiated_at: iso(e.transferInitiatedAt),
    transfer_completed_at: iso(e.transferCompletedAt),
    last_checkin_at: iso(e.lastCheckinAt),
    device_id: e.deviceId,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

export type EscrowDeviceJson = ReturnType<typeof serializeEscrowDevice>;
