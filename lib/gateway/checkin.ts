import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { GatewayActor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors";
import { activate } from "./activate";
import { subscribeActivation } from "./long-poll";
import { type EscrowLookup, lookupEscrow } from "./lookup";
import { admitCheckin, recordCheckinFailure } from "./rate-limit";
import { type CheckinInput, checkinSchema } from "./schemas";
import { escrowTokenMatches, invalidCredentials } from "./tokens";

/** last_checkin_at is written at most this often per escrow device (not on every poll). */
export const CHECKIN_WRITE_INTERVAL_MS = 30_000;
/** During a long-poll the database is re-read this often, in case a notification was missed. */
export const LONG_POLL_RECHECK_MS = 5_000;

export type CheckinAnswer = { mode: "escrow"; poll_after: number } | Awaited<ReturnType<typeof activate>>;

export interface CheckinOptions {
  /** Long-poll seconds (0–30), already validated. */
  wait: number;
  ip: string;
  signal?: AbortSignal;
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/**
 * When to come back. A plain poll: 30–60 s with jitter, so a fleet powered on together spreads
 * out. After a long-poll the gateway has already waited, so it may come back soon — but never so
 * soon that a short `wait` would run into the per-unique_id request limit.
 */
export function pollAfter(wait: number): number {
  return wait > 0 ? Math.max(0, 10 - wait) + randomInt(1, 5) : randomInt(30, 60);
}

function gatewayActor(found: EscrowLookup): GatewayActor {
  return { kind: "gateway", uniqueId: found.escrow.uniqueId, escrowDeviceId: found.escrow.id, deviceId: found.active?.deviceId };
}

function valid(found: EscrowLookup | null, token: string): found is EscrowLookup {
  const matches = escrowTokenMatches(token, found?.escrow.tokenDigest);
  return matches && found != null && found.escrow.tokenRetiredAt == null;
}

/** Keeps first/last check-in times without a write on every poll; audits the first check-in. */
async function recordCheckin(db: Db, found: EscrowLookup, input: CheckinInput): Promise<void> {
  const e = found.escrow;
  if (e.firstCheckinAt == null) {
    await db.transaction(async (tx) => {
      const first = await tx
        .update(escrowDevices)
        .set({ firstCheckinAt: sql`now()`, lastCheckinAt: sql`now()` })
        .where(and(eq(escrowDevices.id, e.id), isNull(escrowDevices.firstCheckinAt)))
        .returning({ id: escrowDevices.id });
      if (first.length === 0) return;
      await recordAudit(tx, gatewayActor(found), {
        accountIds: e.accountId,
        action: "gateway.checkin_escrow",
        subjectType: "escrow_device",
        subjectId: e.id,
        detail: { unique_id: e.uniqueId, agent_version: input.agent_version ?? null, status: e.status },
      });
    });
    return;
  }
  if (e.lastCheckinAt && Date.now() - e.lastCheckinAt.getTime() < CHECKIN_WRITE_INTERVAL_MS) return;
  await db
    .update(escrowDevices)
    .set({ lastCheckinAt: sql`now()` })
    .where(
      and(
        eq(escrowDevices.id, e.id),
        sql`(${escrowDevices.lastCheckinAt} is null or ${escrowDevices.lastCheckinAt} < now() - make_interval(secs => ${CHECKIN_WRITE_INTERVAL_MS / 1000}))`,
      ),
    );
}

/** POST /gateway/escrow/checkin: escrow answer, or the device's config and a fresh device token. */
export async function escrowCheckin(database: Database, body: unknown, opts: CheckinOptions): Promise<CheckinAnswer> {
  const input = parseInput(checkinSchema, body);
  const uniqueId = input.unique_id.toLowerCase();
  admitCheckin(uniqueId, opts.ip);
  const { db } = database;

  // Subscribe before the first read, so an acceptance landing in between is not missed.
  const sub = opts.wait > 0 ? await subscribeActivation(database, uniqueId) : null;
  try {
    const found = await lookupEscrow(db, uniqueId);
    if (!valid(found, input.token)) {
      recordCheckinFailure(uniqueId, opts.ip);
      throw invalidCredentials();
    }
    await recordCheckin(db, found, input);
    if (found.active) return activate(db, found, gatewayActor(found));
    if (!sub) return { mode: "escrow", poll_after: pollAfter(0) };

    const deadline = Date.now() + opts.wait * 1000;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const reason = await sub.wait(Math.min(remaining, LONG_POLL_RECHECK_MS), opts.signal);
      if (reason === "aborted") break;
      const again = await lookupEscrow(db, uniqueId);
      // Deleted or rotated while waiting: the same answer as any bad credential (not a failure).
      if (!valid(again, input.token)) throw invalidCredentials();
      if (again.active) return activate(db, again, gatewayActor(again));
    }
    return { mode: "escrow", poll_after: pollAfter(opts.wait) };
  } finally {
    sub?.close();
  }
}

