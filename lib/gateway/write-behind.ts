import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { devices, escrowDevices } from "@/db/schema";
import { loggable } from "@/lib/errors";

/** How often the collected poll times are written. */
export const FLUSH_INTERVAL_MS = 1000;
const CHUNK = 5000;

/**
 * Poll bookkeeping without a write per poll: last_checkin_at (escrow devices) and heartbeat_at
 * (devices) are collected in memory and written once a second, one set-based UPDATE per table
 * (per 5,000 rows). Times only move forward (greatest), so instances flushing the same rows in any
 * order agree. A crash loses at most the last second's times; first check-ins and first
 * heartbeats are written at once (they are audited) and never wait here.
 */
class PollTimes {
  private checkins = new Map<string, Date>();
  private heartbeats = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  checkin(escrowDeviceId: string): void {
    this.checkins.set(escrowDeviceId, new Date());
    this.schedule();
  }

  heartbeat(deviceId: string): void {
    this.heartbeats.set(deviceId, new Date());
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((err) => console.error("handoff: writing poll times failed:", loggable(err)));
    }, FLUSH_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Writes everything collected so far (also called on shutdown). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    const checkins = this.checkins;
    const heartbeats = this.heartbeats;
    this.checkins = new Map();
    this.heartbeats = new Map();
    this.flushing = this.write(checkins, heartbeats).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(checkins: Map<string, Date>, heartbeats: Map<string, Date>): Promise<void> {
    const { db } = this.database;
    const chunks = (m: Map<string, Date>) => {
      const entries = [...m.entries()];
      const out: { ids: string[]; ats: string[] }[] = [];
      for (let i = 0; i < entries.length; i += CHUNK) {
        const part = entries.slice(i, i + CHUNK);
        out.push({ ids: part.map(([id]) => id), ats: part.map(([, at]) => at.toISOString()) });
      }
      return out;
    };
    for (const c of chunks(checkins))
      await db.execute(
        sql`update ${escrowDevices} e set last_checkin_at = greatest(e.last_checkin_at, v.at)
            from unnest(${sql.param(c.ids)}::text[], ${sql.param(c.ats)}::timestamptz[]) as v(id, at) where e.id = v.id`,
      );
    for (const c of chunks(heartbeats))
      await db.execute(
        sql`update ${devices} d set heartbeat_at = greatest(d.heartbeat_at, v.at)
            from unnest(${sql.param(c.ids)}::text[], ${sql.param(c.ats)}::timestamptz[]) as v(id, at) where d.id = v.id`,
      );
  }

  pending(): number {
    return this.checkins.size + this.heartbeats.size;
  }
}

const g = globalThis as unknown as { __handoffPollTimes?: Map<Database, PollTimes> };

export function pollTimes(database: Database): PollTimes {
  g.__handoffPollTimes ??= new Map();
  let p = g.__handoffPollTimes.get(database);
  if (!p) {
    p = new PollTimes(database);
    g.__handoffPollTimes.set(database, p);
  }
  return p;
}

/** Writes every database's collected poll times now (shutdown). */
export async function flushPollTimes(): Promise<void> {
  for (const p of g.__handoffPollTimes?.values() ?? []) await p.flush();
}
