import { requireUser } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { serializeDeviceType } from "@/lib/device-types/serialize";
import { parseInput } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { loadVisibleTransfer, originTypeId, requirePending, requireSide } from "./access";
import { expireOverdue } from "./expire";
import { previewResolution } from "./resolve-device-type";
import { acceptSchema } from "./schemas";

/**
 * `GET device_transfer_requests/{id}/preview`: what accepting now would do. For `copy` the device
 * type is the origin's fields as they would be copied (no id yet); for `reuse`, `copied_at` says
 * when the copy was made. The copy association itself is never returned. The override is read
 * like the accept's (an empty one is none).
 */
export async function previewTransfer(ctx: Ctx, requestId: string, overrideId: string | null) {
  const user = requireUser(ctx.actor);
  const { device_type_id } = parseInput(acceptSchema, { device_type_id: overrideId || null }, "invalid preview query");
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, user, requestId);
  requireSide(user, t.toAccountId, "transfers.decide", "only admins of the destination account can preview an acceptance");
  requirePending(t);
  const r = await previewResolution(ctx.db, originTypeId(t), t.toAccountId, device_type_id);
  // A type that would be copied has no id yet.
  const type = { ...serializeDeviceType(r.deviceType), _id: r.deviceType.id || null };
  return {
    resolution: r.resolution,
    device_type: r.resolution === "copy" ? { ...type, created_at: null, updated_at: null } : type,
    ...(r.resolution === "reuse" ? { copied_at: iso(r.copiedAt) } : {}),
  };
}
