import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Database } from "@/db/client";
import { sweepExpiredKeys } from "@/lib/http/idempotency";
import { attemptDelivery } from "./deliver";
import { type WebhookOptions, webhookOptions } from "./options";
import { WEBHOOK_CHANNEL } from "./outbox";
import { executorFor, inSqlTransaction } from "./queue";

export const DELIVERY_QUEUE = "webhook-delivery";
const RELAY_BATCH = 500;
const WORK_BATCH = 50;

export interface WebhookWorker {
  /** Look for deliveries to queue now (after a resend, or in tests). */
  kick(): void;
  /** Resolves once nothing is running that was started before the call. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Delivery runs on pg-boss, on PostgreSQL and on the embedded PGlite alike (pg-boss runs its SQL
 * through our connection: see queue.ts). The webhook_deliveries table is the outbox, written in the
 * same transaction as the change; the relay moves due-or-future deliveries into pg-boss jobs
 * (start_after = next_attempt_at) in ONE transaction with marking them queued, so a crash at any
 * point leaves either both or neither. A job makes one attempt; a failed attempt computes the next
 * time (exponential backoff for 24 h) and the relay queues it again. A worker that dies mid-attempt
 * leaves its job active: pg-boss expires and retries it, and the lease on queued_at is a second net.
 */
export async function startWebhookWorker(database: Database, overrides: Partial<WebhookOptions> = {}): Promise<WebhookWorker> {
  const o = webhookOptions(overrides);
  const boss = new PgBoss({ db: executorFor(database), schedule: false, maintenanceIntervalSeconds: 60 } as PgBoss.ConstructorOptions);
  boss.on("error", (err) => console.error("handoff: webhook queue error:", err.message));
  await oneInstanceAtATime(database, async () => {
    await boss.start();
    await boss.createQueue(DELIVERY_QUEUE, {
      name: DELIVERY_QUEUE,
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: Math.ceil(o.timeoutMs / 1000) + 50,
    });
  });

  let stopped = false;
  let wake = () => {};
  let relaying: Promise<void> | null = null;
  let again = false;
  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    running.add(p);
    p.finally(() => running.delete(p)).catch(() => {});
    return p;
  };

  async function relayOnce(): Promise<number> {
    const leaseSeconds = o.leaseMs / 1000;
    return inSqlTransaction(database, async (exec) => {
      const { rows } = await exec.executeSql(
        `select id, next_attempt_at from webhook_deliveries
         where status = 'pending' and next_attempt_at is not null
           and (queued_at is null or (queued_at < now() - make_interval(secs => $1) and next_attempt_at < now() - make_interval(secs => $1)))
         order by next_attempt_at
         limit ${RELAY_BATCH}
         for update skip locked`,
        [leaseSeconds],
      );
      if (!rows.length) return 0;
      const jobs = rows.map((r) => ({ name: DELIVERY_QUEUE, data: { deliveryId: r.id }, startAfter: new Date(r.next_attempt_at as string).toISOString() }));
      await boss.insert(jobs, { db: exec } as PgBoss.InsertOptions);
      await exec.executeSql("update webhook_deliveries set queued_at = now() where id = any($1)", [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  function relay(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (relaying) {
      again = true;
      return relaying;
    }
    relaying = track(
      (async () => {
        try {
          do {
            again = false;
            for (let n = RELAY_BATCH; n === RELAY_BATCH && !stopped; ) {
              n = await relayOnce();
              if (n > 0) wake();
            }
          } while (again && !stopped);
        } catch (err) {
          if (!stopped) console.error("handoff: webhook relay failed:", (err as Error).message);
        } finally {
          relaying = null;
        }
      })(),
    );
    return relaying;
  }

  // pg-boss waits out its polling interval after every fetch unless notified: a full batch, or
  // jobs just queued by the relay, wake the worker at once.
  const workerId = await boss.work<{ deliveryId: string }>(DELIVERY_QUEUE, { batchSize: WORK_BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const outcomes = await track(Promise.all(jobs.map((j) => attemptDelivery(database.db, j.data.deliveryId, o))));
    if (jobs.length === WORK_BATCH) boss.notifyWorker(workerId);
    if (outcomes.includes("retry")) void relay();
  });
  wake = () => boss.notifyWorker(workerId);

  const unlisten = await database.listen(WEBHOOK_CHANNEL, () => void relay());
  const timer = setInterval(() => void relay(), o.pollMs);
  timer.unref?.();
  // The same process keeps the Idempotency-Key table to its 24 h.
  const sweeper = setInterval(() => void sweepExpiredKeys(database.db).catch(() => {}), 10 * 60_000);
  sweeper.unref?.();
  await relay();

  return {
    kick: () => void relay(),
    async idle() {
      await Promise.allSettled([...running]);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(sweeper);
      await unlisten();
      await boss.stop({ graceful: true, wait: true, close: false, timeout: o.timeoutMs + 1000 });
      await Promise.allSettled([...running]);
    },
  };
}

const KEY = Symbol.for("handoff.webhookWorker");
type Holder = { [KEY]?: Promise<WebhookWorker> };

/** The process's worker (started once from instrumentation.ts); null when none runs here. */
export function runningWorker(): Promise<WebhookWorker> | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export function startProcessWorker(database: Database): Promise<WebhookWorker> {
  const g = globalThis as Holder;
  g[KEY] ??= startWebhookWorker(database);
  return g[KEY];
}

/** Advisory lock key ("hand", 2) serializing pg-boss's own schema install across instances. */
const QUEUE_INSTALL_LOCK = sql`select pg_advisory_xact_lock(${0x68616e64}, 2)`;

/**
 * Instances started together on a fresh PostgreSQL database would each install pg-boss's schema at
 * once and deadlock; a transaction-scoped advisory lock, held while `fn` runs on other pooled
 * connections, lets one install it and the others find it there. PGlite has a single process.
 */
async function oneInstanceAtATime(database: Database, fn: () => Promise<void>): Promise<void> {
  if (database.kind !== "postgres") return fn();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local idle_in_transaction_session_timeout = 0`);
    await tx.execute(QUEUE_INSTALL_LOCK);
    await fn();
  });
}

