import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { parseInput } from "@/lib/errors";
import { type ActiveAnswer, activate, gatewayActor } from "./activate";
import { checkActivation, escrowValid } from "./activation-batch";
import { subscribeActivation } from "./long-poll";
import { type EscrowLookup, lookupEscrow } from "./lookup";
import { admitCheckin, lockoutProbe, recordCheckinFailure, refuseIfLockedOut } from "./rate-limit";
import { type CheckinInput, checkinSchema } from "./schemas";
import { invalidCredentials } from "./tokens";
import { pollTimes } from "./write-behind";

/** A poll's last_checkin_at is not collected again within this interval of the stored one. */
export const CHECKIN_WRITE_INTERVAL_MS = 5_000;
/** During a long-poll the database is re-read this often, in case a notification was missed. */
export const LONG_POLL_RECHECK_MS = 5_000;

export type CheckinAnswer = { mode: "escrow"; poll_after: number } | ActiveAnswer;

export interface CheckinOptions {
  /** Long-poll seconds (0–30), already validated. */
  wait: number;
  ip: string;
  signal?: AbortSignal;
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/**
 * When to come back. A plain poll: 30–60 s with jitter, so a fleet powered on together spreads
 * out. After a long-poll at once (0–1 s): a gateway between two long-polls is not waiting, and an
 * accept landing in that gap reaches it only on its next check-in — but a cycle never shorter than
 * 6 s, so a short `wait` stays within the per-unique_id limit (12 a minute).
 */
export function pollAfter(wait: number): number {
  return wait > 0 ? Math.max(0, 6 - wait) + randomInt(0, 1) : randomInt(30, 60);
}

/** The first check-in is written (and audited) at once; later ones go to the write-behind. */
async function recordCheckin(database: Database, found: EscrowLookup, input: CheckinInput): Promise<void> {
  const e = found.escrow;
  if (e.firstCheckinAt != null) {
    if (!e.lastCheckinAt || Date.now() - e.lastCheckinAt.getTime() >= CHECKIN_WRITE_INTERVAL_MS) pollTimes(database).checkin(e.id);
    return;
  }
  await database.db.transaction(async (tx: Db) => {
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
}

/** POST /gateway/escrow/checkin: escrow answer, or the device's config and a fresh device token. */
export async function escrowCheckin(database: Database, body: unknown, opts: CheckinOptions): Promise<CheckinAnswer> {
  const input = parseInput(checkinSchema, body);
  const uniqueId = input.unique_id.toLowerCase();
  const probe = lockoutProbe(database, uniqueId, opts.ip);

  // Subscribe before the first read, so an acceptance landing in between is not missed.
  const sub = opts.wait > 0 ? await subscribeActivation(database, uniqueId) : null;
  try {
    const found = await lookupEscrow(database.db, uniqueId, probe);
    if (found) refuseIfLockedOut(found, probe.now);
    // A locked-out request is not counted against the per-minute budget.
    await admitCheckin(database, uniqueId);
    if (!escrowValid(found, input.token)) throw (await recordCheckinFailure(database, uniqueId, opts.ip)) ?? invalidCredentials();
    await recordCheckin(database, found, input);
    if (found.active) return activate(database.db, found);
    if (!sub) return { mode: "escrow", poll_after: pollAfter(0) };

    const deadline = Date.now() + opts.wait * 1000;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const reason = await sub.wait(Math.min(remaining, LONG_POLL_RECHECK_MS), opts.signal);
      if (reason === "aborted") break;
      // Woken with many others (one accept, one NOTIFY): answered in one batch.
      const outcome = await checkActivation(database, uniqueId, input.token);
      if (outcome.kind === "invalid") throw invalidCredentials();
      if (outcome.kind === "active") return outcome.answer;
    }
    return { mode: "escrow", poll_after: pollAfter(opts.wait) };
  } finally {
    sub?.close();
  }
}
