import { requireUser } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { loadVisibleTransfer, requireSide } from "./access";
import { expireOverdue } from "./expire";
import { endPendingTransfer } from "./release";

/** `DELETE device_transfer_requests/{id}`: members/admins of the originating account, pending only. */
export async function cancelTransfer(ctx: Ctx, requestId: string) {
  const user = requireUser(ctx.actor);
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, user, requestId);
  requireSide(user, t.fromAccountId, "transfers.cancel", "only members and admins of the originating account can cancel a transfer request");
  return endPendingTransfer(ctx.db, user, requestId, "cancelled", null);
}
