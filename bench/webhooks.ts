// `npm run bench:webhooks`: webhook delivery on PostgreSQL, in a scratch database dropped at the end.
//   (a) throughput: 1,000 pending deliveries (one outbox transaction) → a local HTTP receiver, through
//       the relay and pg-boss, until the receiver has all 1,000 (events/s), 3 runs;
//   (b) the cost of recording events: create + accept of a 10,000-device transfer whose two accounts
//       have no endpoint vs. one endpoint each (same run, alternating), 3 runs each.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openPostgres } from "@/db/client";
import { newId, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { makeTeam } from "@/lib/test/factories";
import { acceptTransfer } from "@/lib/transfers/accept";
import { createTransfer } from "@/lib/transfers/create";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";
import { WEBHOOK_CHANNEL } from "@/lib/webhooks/outbox";
import { encryptSecret, newWebhookSecret } from "@/lib/webhooks/secret";
import { startWebhookWorker } from "@/lib/webhooks/worker";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_webhooks_${process.pid}`;
const RUNS = 3;
const PENDING = 1_000;
const N = 10_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const list = (xs: number[], d = 0) => xs.map((x) => x.toFixed(d)).join(", ");

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function receiver() {
  let count = 0;
  let waiter: (() => void) | null = null;
  let target = Number.POSITIVE_INFINITY;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      count++;
      res.writeHead(204).end();
      if (count >= target) waiter?.();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    /** Resolves when `n` more requests have arrived. */
    expect(n: number): Promise<void> {
      target = count + n;
      return new Promise((r) => {
        waiter = r;
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function main() {
  process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = "1";
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  let database: Database | null = null;
  try {
    database = await openPostgres(u.toString(), { max: 10 });
    // The scratch database is dropped with (force) at the end: idle connections may hear about it.
    (database.db as unknown as { $client: pg.Pool }).$client.on("error", () => {});
    const db = database.db;
    const rx = await receiver();
    const hookTeam = await makeTeam(db, "Bench hooks");
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({ accountId: hookTeam.account.id, url: rx.url, events: ["*"], secretCiphertext: encryptSecret(newWebhookSecret()) })
      .returning();

    // (a) throughput
    const worker = await startWebhookWorker(database);
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const arrived = rx.expect(PENDING);
      const [, ms] = await timed(async () => {
        await db.transaction(async (tx) => {
          const events = Array.from({ length: PENDING }, (_, i) => ({
            id: `msg_${newId()}`,
            accountId: hookTeam.account.id,
            type: "webhook.test",
            payload: { type: "webhook.test", timestamp: new Date().toISOString(), data: { _id: `bench-${run}-${i}` } },
          }));
          await tx.insert(webhookEvents).values(events);
          await tx.insert(webhookDeliveries).values(events.map((e) => ({ accountId: e.accountId, endpointId: endpoint.id, eventId: e.id, eventType: e.type })));
          await tx.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
        });
        await arrived;
      });
      rates.push((PENDING / ms) * 1000);
    }
    await worker.stop();

    // (b) the added cost of recording events on a 10,000-device transfer
    const quiet = { maker: await makeTeam(db, "Quiet maker"), buyer: await makeTeam(db, "Quiet buyer") };
    const hooked = { maker: await makeTeam(db, "Hooked maker"), buyer: await makeTeam(db, "Hooked buyer") };
    for (const t of [hooked.maker, hooked.buyer])
      await db.insert(webhookEndpoints).values({ accountId: t.account.id, url: rx.url, events: ["*"], secretCiphertext: encryptSecret(newWebhookSecret()) });
    const cost = { quiet: { create: [] as number[], accept: [] as number[] }, hooked: { create: [] as number[], accept: [] as number[] } };
    for (let run = 0; run < RUNS; run++) {
      for (const [name, pair] of [
        ["quiet", quiet],
        ["hooked", hooked],
      ] as const) {
        const type = await makeDeviceType(db, pair.maker.account.id);
        const escrow = await makeEscrowDevices(db, pair.maker.account.id, N, { prefix: `bench-${name}-${run}` });
        const input = { to_company_id: pair.buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) };
        const [t, c] = await timed(() => createTransfer(pair.maker.member, input));
        const [a, d] = await timed(() => acceptTransfer(pair.buyer.admin, t._id));
        if (a.status !== "accepted") throw new Error("accept failed");
        cost[name].create.push(c);
        cost[name].accept.push(d);
      }
    }
    const [outbox] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(sql`${webhookDeliveries.endpointId} <> ${endpoint.id}`);

    console.log(`webhooks bench — PostgreSQL, ${RUNS} runs; load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`  (a) ${PENDING} pending deliveries → local receiver: median ${median(rates).toFixed(0)} events/s  (runs: ${list(rates)} events/s)`);
    for (const step of ["create", "accept"] as const) {
      const q = median(cost.quiet[step]);
      const h = median(cost.hooked[step]);
      console.log(
        `  (b) ${step} of ${N.toLocaleString("en-US")}: no endpoint ${q.toFixed(0)} ms (${list(cost.quiet[step])}), an endpoint on each account ${h.toFixed(0)} ms (${list(cost.hooked[step])}) → +${(h - q).toFixed(0)} ms (×${(h / q).toFixed(2)})`,
      );
    }
    console.log(`      (recorded ${outbox.n} deliveries for the hooked transfers: created + accepted × 2 accounts × ${RUNS} runs)`);
    await rx.close();
  } finally {
    await database?.close();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
