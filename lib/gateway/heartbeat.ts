import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { devices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { parseInput } from "@/lib/errors";
import { authenticateDevice } from "./device-auth";
import { heartbeatSchema } from "./schemas";
import { configVersion } from "./serialize";
import { pollTimes } from "./write-behind";

/** heartbeat_at is collected at most this often per device, however often it heartbeats. */
export const HEARTBEAT_WRITE_INTERVAL_MS = 5_000;

/** POST /gateway/heartbeat: records that the device is alive; tells it its period and config version. */
export async function heartbeat(database: Database, authorization: string | null, body: unknown, ip: string) {
  parseInput(heartbeatSchema, body);
  const found = await authenticateDevice(database, authorization, ip);
  const d = found.device;
  if (d.firstHeartbeatAt == null) {
    // The first heartbeat is written at once (audited); later ones go to the write-behind.
    await database.db.transaction(async (tx) => {
      const first = await tx
        .update(devices)
        .set({ heartbeatAt: sql`now()`, firstHeartbeatAt: sql`now()` })
        .where(and(eq(devices.id, d.id), isNull(devices.firstHeartbeatAt)))
        .returning({ id: devices.id });
      if (first.length === 0) return;
      await recordAudit(tx, { kind: "gateway", uniqueId: d.uniqueId, deviceId: d.id, escrowDeviceId: d.escrowDeviceId ?? undefined }, {
        accountIds: d.accountId,
        action: "gateway.first_heartbeat",
        subjectType: "device",
        subjectId: d.id,
        detail: { unique_id: d.uniqueId },
      });
    });
  } else if (!d.heartbeatAt || Date.now() - d.heartbeatAt.getTime() >= HEARTBEAT_WRITE_INTERVAL_MS) {
    pollTimes(database).heartbeat(d.id);
  }
  return { heartbeat_period: d.heartbeatPeriod, config_version: configVersion(found.doc) };
}
