import type { Database } from "@/db/client";
import { type ActiveAnswer, activateMany } from "./activate";
import { type EscrowLookup, lookupEscrowMany } from "./lookup";
import { escrowTokenMatches } from "./tokens";

export type BatchOutcome = { kind: "active"; answer: ActiveAnswer } | { kind: "escrow" } | { kind: "invalid" };

interface Entry {
  uniqueId: string;
  token: string;
  resolve(o: BatchOutcome): void;
  reject(err: unknown): void;
}

/** At most this many gateways per batch (one lookup + one token-issuing transaction each). */
export const BATCH_MAX = 1000;

export function escrowValid(found: EscrowLookup | null | undefined, token: string): found is EscrowLookup {
  const matches = escrowTokenMatches(token, found?.escrow.tokenDigest);
  return matches && found != null && found.escrow.tokenRetiredAt == null;
}

/**
 * Waiting check-ins that wake in the same turn of the event loop (one NOTIFY wakes hundreds) are
 * answered together: their escrow devices and documents in one query, their device tokens and
 * config_delivered_at in one transaction (activate.ts). Per database, on globalThis like the hub.
 */
class ActivationBatcher {
  private queue: Entry[] = [];
  private scheduled = false;
  /** Batches run and gateways answered through them (tests and benches read these). */
  readonly stats = { batches: 0, gateways: 0 };

  constructor(private readonly database: Database) {}

  check(uniqueId: string, token: string): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ uniqueId, token, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.queue;
    this.queue = [];
    for (let i = 0; i < all.length; i += BATCH_MAX) {
      const batch = all.slice(i, i + BATCH_MAX);
      this.run(batch).catch((err) => {
        for (const e of batch) e.reject(err);
      });
    }
  }

  private async run(batch: Entry[]): Promise<void> {
    const { db } = this.database;
    this.stats.batches++;
    this.stats.gateways += batch.length;
    const found = await lookupEscrowMany(db, [...new Set(batch.map((e) => e.uniqueId))]);
    const ready: EscrowLookup[] = [];
    const outcome = new Map<Entry, BatchOutcome>();
    for (const e of batch) {
      const f = found.get(e.uniqueId);
      // Deleted or rotated while waiting: the same answer as any bad credential (not a failure).
      if (!escrowValid(f, e.token)) outcome.set(e, { kind: "invalid" });
      else if (!f.active) outcome.set(e, { kind: "escrow" });
      else ready.push(f);
    }
    const answers = await activateMany(db, ready);
    for (const e of batch) {
      const deviceId = found.get(e.uniqueId)?.active?.deviceId;
      const answer = deviceId ? answers.get(deviceId) : undefined;
      e.resolve(outcome.get(e) ?? (answer ? { kind: "active", answer } : { kind: "invalid" }));
    }
  }
}

const g = globalThis as unknown as { __handoffActivationBatchers?: WeakMap<Database, ActivationBatcher> };

function batcher(database: Database): ActivationBatcher {
  g.__handoffActivationBatchers ??= new WeakMap();
  let b = g.__handoffActivationBatchers.get(database);
  if (!b) {
    b = new ActivationBatcher(database);
    g.__handoffActivationBatchers.set(database, b);
  }
  return b;
}

/** Is this waiting gateway active now? Coalesced with every other check of the same tick. */
export function checkActivation(database: Database, uniqueId: string, token: string): Promise<BatchOutcome> {
  return batcher(database).check(uniqueId, token);
}

export function activationBatchStats(database: Database): { batches: number; gateways: number } {
  return { ...batcher(database).stats };
}
