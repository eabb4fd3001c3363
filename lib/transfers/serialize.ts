import type { deviceTypes, transferRequests } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export type TransferRow = typeof transferRequests.$inferSelect;
export type DeviceTypeRow = typeof deviceTypes.$inferSelect;

/** API.md §4 `GET device_transfer_requests/{id}`. The originator is the owning `company_id`. */
export function serializeTransfer(t: TransferRow, escrowDeviceIds: string[]) {
  return {
    _id: t.id,
    from_company_id: t.fromAccountId,
    to_company_id: t.toAccountId,
    company_id: t.fromAccountId,
    device_type_id: t.deviceTypeId,
    escrow_device_ids: escrowDeviceIds,
    device_count: t.deviceCount,
    status: t.status,
    expires_at: iso(t.expiresAt),
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    user_id: t.userId,
    decided_by: t.decidedBy,
    decided_at: iso(t.decidedAt),
    transferred_at: iso(t.transferredAt),
    resolved_device_type_id: t.resolvedDeviceTypeId,
    errors: t.errors ?? null,
    reason: t.reason,
  };
}
export type SerializedTransfer = ReturnType<typeof serializeTransfer>;

