import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { accounts, auditEvents, deviceTypes, transferRequestItems } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { loadVisibleTransfer } from "./access";
import { expireOverdue } from "./expire";
import { serializeTransfer } from "./serialize";

const ITEM_LIMIT = 500;

/**
 * The portal's transfer detail, seen from `viewerAccountId` (one side of the request): summary
 * with names, the devices and their state (device links only for the destination), and the
 * history from the viewer's own audit trail.
 */
export async function getTransferDetail(ctx: Ctx, id: string, viewerAccountId: string) {
  await expireOverdue(ctx.db);
  const t = await loadVisibleTransfer(ctx.db, ctx.actor, id);
  const side = t.toAccountId === viewerAccountId ? "incoming" : t.fromAccountId === viewerAccountId ? "outgoing" : null;
  const viewer = side ? viewerAccountId : can(ctx.actor, t.toAccountId, "account.read") ? t.toAccountId : t.fromAccountId;
  const isDestination = viewer === t.toAccountId;

  const names = new Map(
    (await ctx.db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(inArray(accounts.id, [t.fromAccountId, t.toAccountId]))).map((a) => [a.id, a.name]),
  );
  const typeIds = [t.deviceTypeId, t.resolvedDeviceTypeId].filter((x): x is string => !!x);
  const types = new Map((await ctx.db.select({ id: deviceTypes.id, name: deviceTypes.name }).from(deviceTypes).where(inArray(deviceTypes.id, typeIds))).map((d) => [d.id, d.name]));
  const items = await ctx.db
    .select()
    .from(transferRequestItems)
    .where(eq(transferRequestItems.requestId, t.id))
    .orderBy(asc(transferRequestItems.uniqueId))
    .limit(ITEM_LIMIT);
  const stateCounts = Object.fromEntries(
    (await ctx.db.select({ state: transferRequestItems.state, n: count() }).from(transferRequestItems).where(eq(transferRequestItems.requestId, t.id)).groupBy(transferRequestItems.state)).map((r) => [r.state, r.n]),
  ) as Partial<Record<"pending" | "transferred" | "failed" | "released", number>>;
  const history = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, t.id), eq(auditEvents.accountId, viewer)))
    .orderBy(desc(auditEvents.createdAt));

  return {
    transfer: serializeTransfer(t, []),
    viewerAccountId: viewer,
    direction: isDestination ? ("incoming" as const) : ("outgoing" as const),
    fromName: names.get(t.fromAccountId) ?? "",
    toName: names.get(t.toAccountId) ?? "",
    deviceTypeName: t.deviceTypeId ? (types.get(t.deviceTypeId) ?? "") : "A deleted device type",
    resolution: t.resolution as "override" | "reuse" | "copy" | null,
    resolvedDeviceTypeName: t.resolvedDeviceTypeId ? (types.get(t.resolvedDeviceTypeId) ?? null) : null,
    canDecide: t.status === "pending" && can(ctx.actor, t.toAccountId, "transfers.decide"),
    isDestinationAdmin: can(ctx.actor, t.toAccountId, "transfers.decide"),
    canCancel: t.status === "pending" && can(ctx.actor, t.fromAccountId, "transfers.cancel"),
    items: items.map((i) => ({
      escrowDeviceId: i.escrowDeviceId,
      uniqueId: i.uniqueId,
      state: i.state,
      deviceId: isDestination ? i.deviceId : null,
      error: i.error,
    })),
    itemsShown: items.length,
    stateCounts,
    history: history.map((h) => ({ id: h.id, action: h.action, actor: h.actorLabel, actorType: h.actorType, detail: h.detail, createdAt: h.createdAt })),
  };
}
export type TransferDetail = Awaited<ReturnType<typeof getTransferDetail>>;
