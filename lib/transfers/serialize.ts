import type { deviceTypes, transferRequests } from "@/db/schema";
import { iso } from "@/lib/http/respond";
import type { TransferProgress } from "./progress";

export type TransferRow = typeof transferRequests.$inferSelect;
export type DeviceTypeRow = typeof deviceTypes.$inferSelect;

/** API.md §4 `GET device_transfer_requests/{id}`. The originator is the owning `company_id`. */
export function serializeTransfer(t: TransferRow, escrowDeviceIds: string[], progress: TransferProgress | null = null) {
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
    /** Set when a trusted-sender rule accepted the request as it was created (API.md §9). */
    accepted_by_rule_id: t.acceptedByRuleId,
    auto_accepted: t.acceptedByRuleId != null,
    progress: t.status === "accepted" ? progress : null,
  };
}
export type SerializedTransfer = ReturnType<typeof serializeTransfer>;

