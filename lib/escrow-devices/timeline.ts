import { and, desc, eq, inArray } from "drizzle-orm";
import { accounts, auditEvents, devices, transferRequestItems, transferRequests } from "@/db/schema";
import { serializeEvent } from "@/lib/audit/list";
import type { Ctx } from "@/lib/context";
import { iso } from "@/lib/http/respond";
import { findVisibleEscrowDevice } from "./get";
import { serializeEscrowDevice } from "./serialize";

export interface TimelineStep {
  key: string;
  label: string;
  at: string | null;
  done: boolean;
}

/** The request this escrow device is in (pending) or was handed over by (accepted). */
export interface TimelineTransfer {
  id: string;
  status: "pending" | "accepted";
  toName: string;
}

/**
 * The life of an escrow device, from its own columns and (after the handover) the hand-over
 * milestones of the device it became: registered, first check-in, transfer requested, accepted,
 * config delivered, first heartbeat. Reached steps come in the order they happened, then the
 * upcoming ones; the last check-in is not a milestone and is returned beside them. Only
 * timestamps of the destination's device are read, never its other data.
 */
export async function getEscrowTimeline(ctx: Ctx, id: string) {
  const row = await findVisibleEscrowDevice(ctx, id);
  const [device] = row.deviceId
    ? await ctx.db
        .select({ configDeliveredAt: devices.configDeliveredAt, firstHeartbeatAt: devices.firstHeartbeatAt })
        .from(devices)
        .where(eq(devices.id, row.deviceId))
        .limit(1)
    : [];
  const step = (key: string, label: string, at: Date | null | undefined): TimelineStep => ({ key, label, at: iso(at ?? null), done: Boolean(at) });
  const steps: TimelineStep[] = [
    step("created", "Registered", row.createdAt),
    step("first_checkin", "First check-in", row.firstCheckinAt),
    step("transfer_requested", "Transfer requested", row.transferInitiatedAt),
    step("accepted", "Accepted", row.transferCompletedAt),
    step("config_delivered", "Config delivered", device?.configDeliveredAt),
    step("first_heartbeat", "First heartbeat", device?.firstHeartbeatAt),
  ];
  const reached = steps.filter((s) => s.done).sort((a, b) => (a.at as string).localeCompare(b.at as string));
  const ordered = [...reached, ...steps.filter((s) => !s.done)];
  const [transfer] = await ctx.db
    .select({ id: transferRequests.id, status: transferRequests.status, toName: accounts.name })
    .from(transferRequestItems)
    .innerJoin(transferRequests, eq(transferRequests.id, transferRequestItems.requestId))
    .innerJoin(accounts, eq(accounts.id, transferRequests.toAccountId))
    .where(and(eq(transferRequestItems.escrowDeviceId, row.id), inArray(transferRequests.status, ["pending", "accepted"]), inArray(transferRequestItems.state, ["pending", "transferred"])))
    .orderBy(desc(transferRequests.createdAt))
    .limit(1);
  const events = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, row.accountId), eq(auditEvents.subjectId, row.id)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(50);
  return {
    escrowDevice: serializeEscrowDevice(row),
    steps: ordered,
    lastCheckinAt: iso(row.lastCheckinAt ?? null),
    transfer: (transfer ?? null) as TimelineTransfer | null,
    events: events.map(serializeEvent),
  };
}
