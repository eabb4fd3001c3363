import { requireUser } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { loadVisibleTransfer, requireSide } from "./access";
import { expireOverdue } from "./expire";
import { endPendingTransfer } from "./release";
import { rejectSchema } from "./schemas";

/** `POST device_transfer_requests/{id}/reject`: destination admins, pending only, optional reason. */
export async function rejectTransfer(ctx: Ctx, requestId: string, input: unknown = {}) {
  const user = requireUser(ctx.actor);
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, user, requestId);
  requireSide(user, t.toAccountId, "transfers.decide", "only admins of the destination account can reject a transfer request");
  const body = parseInput(rejectSchema, input);
  return endPendingTransfer(ctx.db, user, requestId, "rejected", body.reason);
}
