import { and, desc, eq } from "drizzle-orm";
import { auditEvents, devices } from "@/db/schema";
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

/**
 * The life of an escrow device, from its own columns and (after the handover) the hand-over
 * milestones of the device it became: created → first check-in → last check-in → transfer
 * requested → accepted → config delivered → first heartbeat. Steps not reached are `done: false`.
 * Only timestamps of the destination's device are read, never its other data.
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
    step("last_checkin", "Last check-in", row.lastCheckinAt),
    step("transfer_requested", "Transfer requested", row.transferInitiatedAt),
    step("accepted", "Accepted", row.transferCompletedAt),
    step("config_delivered", "Config delivered", device?.configDeliveredAt),
    step("first_heartbeat", "First heartbeat", device?.firstHeartbeatAt),
  ];
  const events = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, row.accountId), eq(auditEvents.subjectId, row.id)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(50);
  return { escrowDevice: serializeEscrowDevice(row), steps, events: events.map(serializeEvent) };
}
